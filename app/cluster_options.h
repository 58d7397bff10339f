#pragma once
// --from-cluster and the kubectl flags that pick the cluster and namespaces,
// for every command that reads Ingresses.

#include <CLI/CLI.hpp>

#include "conversion_options.h"

namespace im::cli {

/// Adds --from-cluster, --context, --kubeconfig, -n and -A.
void add_cluster_options(CLI::App& sub, ConversionFlags& f);

/// Checks how the input flags combine (CLI11's needs/excludes would clutter
/// --help): exactly one of -f and --from-cluster, and the kubectl flags only
/// with --from-cluster. False after saying why on stderr.
bool check_input_flags(const ConversionFlags& f, Context& ctx);

}  // namespace im::cli
