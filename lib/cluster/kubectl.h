#pragma once
// Talking to a cluster through the user's own kubectl, so every way kubectl
// authenticates (exec plugins, OIDC, cloud helpers) works without this tool
// knowing about any of them. Only read-only commands are ever run.

#include <stdexcept>
#include <string>
#include <vector>

namespace im {

/// Which cluster and namespaces to read: kubectl's own flags.
struct ClusterQuery {
  std::string context;          ///< --context; empty: the kubeconfig's current context
  std::string kubeconfig;       ///< --kubeconfig; empty: kubectl's default ($KUBECONFIG, ~/.kube/config)
  std::string ns;               ///< -n; empty: the context's namespace
  bool all_namespaces = false;  ///< -A
  std::string kubectl = "kubectl";  ///< program run, looked up on PATH
  /// --request-timeout as given ("30s", "2m", "0"); passed to kubectl, and
  /// each kubectl run is stopped a little after it. Empty: kubectl's own
  /// default, and each run is stopped after kDefaultCallTimeoutMs.
  std::string request_timeout;
  /// Most bytes kubectl may print on standard output (--max-file-bytes);
  /// it is stopped at one more.
  size_t max_output_bytes = static_cast<size_t>(-1) - 1;
  /// More of kubectl's global flags as given ("--as=NAME", "--server=URL",
  /// "--insecure-skip-tls-verify=true"), passed to every kubectl run, so the
  /// plugin accepts what `kubectl get` accepts.
  std::vector<std::string> global_flags;
  /// -l/--selector: only the Ingresses with these labels (kubectl's syntax).
  std::string selector;
  /// A person is at the terminal: kubectl may prompt there (an exec
  /// credential plugin asking for a device code or password), so it gets
  /// the terminal's standard input and its standard error is shown live.
  bool interactive = false;
};

/// How long one kubectl run may take when --request-timeout is not given.
inline constexpr long kDefaultCallTimeoutMs = 120 * 1000;

/// Milliseconds in a kubectl duration ("0", "30", "30s", "2m", "1h",
/// "1m30s"); -1 if it is not one. 0 means no limit.
long parse_kubectl_duration(const std::string& text);

/// kubectl could not be run or failed; what() is the message to show,
/// ending with kubectl's own words.
class ClusterError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The argv for `kubectl ARGS...` with the query's --context,
/// --kubeconfig, --request-timeout and global flags. Throws std::logic_error unless ARGS start with one of the
/// read-only commands (get, version, api-resources, config current-context,
/// config get-contexts):
/// the tool must never change a cluster, whatever a caller passes.
std::vector<std::string> kubectl_command(const ClusterQuery& query, const std::vector<std::string>& args);

/// Runs kubectl_command(query, args) and returns its standard output.
/// Throws ClusterError when kubectl is missing or exits non-zero.
std::string run_kubectl(const ClusterQuery& query, const std::vector<std::string>& args);

}  // namespace im
