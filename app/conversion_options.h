#pragma once
// Flags shared by the commands that convert (convert, report): inputs (files
// or --from-cluster), class and Gateway choices, rules and parse limits.

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "commands.h"
#include "driver/convert_job.h"
#include "report/controllers.h"
#include "verify/gateway_model.h"

namespace im::cli {

struct ConversionFlags {
  std::vector<std::string> inputs;
  std::vector<std::string> gateway_classes;
  std::string gateway;
  std::string parent_ref;
  std::string tls_acme_issuer;
  std::vector<std::string> rules_dirs;
  std::string nginx_config_map;  ///< --nginx-config-map NAMESPACE/NAME
  bool from_cluster = false;
  ClusterQuery cluster;  ///< --context, --kubeconfig, -n, -A (with --from-cluster)
  /// plan: --context also names the context the plan's scripts run in, so
  /// it is accepted without --from-cluster. Set before adding the options.
  bool context_names_output = false;
  ConvertRequest request;
};

void add_conversion_options(CLI::App& sub, ConversionFlags& f);

/// Checks the values CLI11 cannot (FROM=TO, NS/NAME) and fills
/// f.request; false (after saying why on stderr) on bad usage.
bool finish_conversion_flags(ConversionFlags& f, Context& ctx);

/// Makes `request` tell `progress` of every document it reads and each
/// step after.
void report_progress(ConvertRequest& request, ProgressLine& progress);

/// Finishes the flags and runs the conversion. On failure returns nullopt
/// with `exit_code` set: bad usage or a broken --rules file (2), or an
/// emitted object that fails validation (3, with the reasons on stderr).
/// The progress line is `progress` (the caller finishes it after its own
/// steps) or one of its own, finished before this returns.
std::optional<ConvertOutcome> run_conversion(ConversionFlags& f, Context& ctx, Findings& findings,
                                             int& exit_code, ProgressLine* progress = nullptr);

/// The implementations named by --controller/--target-controller values;
/// false (after a "did you mean" message listing the known names) on an
/// unknown one.
bool resolve_controllers(const std::vector<std::string>& names, Context& ctx,
                         std::vector<const ControllerSupport*>& out);

/// What verify may assume of the implementation --target-controller names
/// (its profile's regex_dialect); nothing for "" or a name without a profile.
verify::GatewayDialect gateway_dialect_of(const std::string& target_controller);

}  // namespace im::cli
