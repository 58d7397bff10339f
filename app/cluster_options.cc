#include "cluster_options.h"

#include <ostream>

namespace im::cli {

void add_cluster_options(CLI::App& sub, ConversionFlags& f) {
  sub.add_flag("--from-cluster", f.from_cluster,
               "Read Ingresses, IngressClasses and Services from the cluster with kubectl (read-only) "
               "instead of -f");
  sub.add_option("--context", f.cluster.context,
                 f.context_names_output
                     ? "kubeconfig context the plan's kubectl commands name (and, with "
                       "--from-cluster, read from); default: the current one"
                     : "With --from-cluster: kubeconfig context (default: the current one)")
      ->type_name("NAME");
  sub.add_option("--kubeconfig", f.cluster.kubeconfig, "With --from-cluster: kubeconfig file for kubectl")
      ->type_name("PATH");
  sub.add_option("-n,--namespace", f.cluster.ns,
                 "Namespace of input objects without metadata.namespace, as kubectl apply -n would "
                 "place them (default: default); with --from-cluster: the namespace to read (default: "
                 "the context's namespace)")
      ->type_name("NS");
  sub.add_flag("-A,--all-namespaces", f.cluster.all_namespaces, "With --from-cluster: read every namespace");
  sub.add_option("--request-timeout", f.cluster.request_timeout,
                 "With --from-cluster: passed to kubectl, and each kubectl run is stopped soon after it "
                 "(default: stopped after 120s)")
      ->type_name("DURATION")
      ->check(CLI::Validator(
          [](std::string& v) {
            return parse_kubectl_duration(v) < 0 ? std::string("expects a duration such as 30s, 2m or 0 (no limit)")
                                                 : std::string();
          },
          "", ""));
}

bool check_input_flags(const ConversionFlags& f, Context& ctx) {
  auto usage = [&ctx](const std::string& what) {
    ctx.io.err << ctx.program << ": " << what << "\nRun with --help for more information.\n";
    return false;
  };
  if (f.inputs.empty() && !f.from_cluster) return usage("no input: give -f PATH or --from-cluster");
  if (!f.inputs.empty() && f.from_cluster) return usage("give -f PATH or --from-cluster, not both");
  if (!f.from_cluster) {
    const char* stray = !f.cluster.context.empty() && !f.context_names_output ? "--context"
                        : !f.cluster.kubeconfig.empty() ? "--kubeconfig"
                        : f.cluster.all_namespaces      ? "--all-namespaces"
                        : !f.cluster.request_timeout.empty() ? "--request-timeout"
                                                        : nullptr;
    if (stray) return usage(std::string(stray) + " only applies with --from-cluster");
  }
  if (!f.cluster.ns.empty() && f.cluster.all_namespaces) {
    return usage("--namespace and --all-namespaces exclude each other");
  }
  return true;
}

}  // namespace im::cli
