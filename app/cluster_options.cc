#include "cluster_options.h"

#include <ostream>

namespace im::cli {

namespace {

/// kubectl's global flags (`kubectl options`) that the plugin passes on as
/// given, so that `kubectl ingress-migrate convert --from-cluster --as=NAME`
/// reads the cluster as `kubectl get --as=NAME` would.
struct PassedFlag {
  const char* name;
  const char* value_name;
  const char* help;
};
constexpr PassedFlag kPassedFlags[] = {
    {"as", "USER", "Impersonate this user"},
    {"as-group", "GROUP", "Impersonate this group; repeatable"},
    {"as-uid", "UID", "Impersonate this UID"},
    {"cluster", "NAME", "kubeconfig cluster to use"},
    {"user", "NAME", "kubeconfig user to use"},
    {"token", "TOKEN", "Bearer token for the API server (never printed)"},
    {"server", "URL", "Address of the API server"},
    {"certificate-authority", "FILE", "CA certificate file for the API server"},
};

constexpr const char* kKubectlGroup = "kubectl flags (with --from-cluster, passed to kubectl)";

}  // namespace

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
          "", ""))
      ->group(kKubectlGroup);
  sub.add_option("-l,--selector", f.cluster.selector,
                 "With --from-cluster: only Ingresses with these labels, e.g. app=shop,tier!=test "
                 "(the classes, Services and Gateways they use are read whatever their labels)")
      ->type_name("SELECTOR");
  for (const PassedFlag& flag : kPassedFlags) {
    const std::string name = flag.name;
    sub.add_option("--" + name, flag.help)
        ->type_name(flag.value_name)
        ->group(kKubectlGroup)
        ->each([&f, name](const std::string& value) { f.cluster.global_flags.push_back("--" + name + "=" + value); });
  }
  sub.add_flag_callback(
         "--insecure-skip-tls-verify",
         [&f] { f.cluster.global_flags.push_back("--insecure-skip-tls-verify=true"); },
         "Do not check the API server's certificate")
      ->group(kKubectlGroup);
}

bool check_input_flags(const ConversionFlags& f, Context& ctx) {
  auto usage = [&ctx](const std::string& what) {
    ctx.io.err << ctx.program << ": " << what << "\nRun with --help for more information.\n";
    return false;
  };
  if (f.inputs.empty() && !f.from_cluster) return usage("no input: give -f PATH or --from-cluster");
  if (!f.inputs.empty() && f.from_cluster) return usage("give -f PATH or --from-cluster, not both");
  if (!f.from_cluster) {
    // A passed flag is named without its value: --token's is a credential.
    const std::string passed = f.cluster.global_flags.empty()
                                   ? std::string()
                                   : f.cluster.global_flags.front().substr(0, f.cluster.global_flags.front().find('='));
    const std::string stray = !f.cluster.context.empty() && !f.context_names_output ? "--context"
                              : !f.cluster.kubeconfig.empty()                      ? "--kubeconfig"
                              : f.cluster.all_namespaces                           ? "--all-namespaces"
                              : !f.cluster.request_timeout.empty()                 ? "--request-timeout"
                              : !f.cluster.selector.empty()                        ? "--selector"
                                                                                   : passed;
    if (!stray.empty()) return usage(stray + " only applies with --from-cluster");
  }
  if (!f.cluster.ns.empty() && f.cluster.all_namespaces) {
    return usage("--namespace and --all-namespaces exclude each other");
  }
  return true;
}

}  // namespace im::cli
