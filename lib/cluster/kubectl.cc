#include "cluster/kubectl.h"

#include <fmt/format.h>

#include "cluster/process.h"
#include "util/text.h"

namespace im {

namespace {

bool is_read_only(const std::vector<std::string>& args) {
  if (args.empty()) return false;
  const std::string& verb = args[0];
  if (verb == "get" || verb == "version" || verb == "api-resources") return true;
  return verb == "config" && args.size() >= 2 && args[1] == "current-context";
}

std::string trim_end(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

std::vector<std::string> kubectl_command(const ClusterQuery& query, const std::vector<std::string>& args) {
  if (!is_read_only(args)) {
    throw std::logic_error("refusing to run kubectl " + (args.empty() ? std::string() : args[0]) +
                           ": only read-only commands are allowed");
  }
  std::vector<std::string> argv{query.kubectl};
  argv.insert(argv.end(), args.begin(), args.end());
  // "--flag=value" keeps a value that starts with '-' from reading as a flag.
  if (!query.kubeconfig.empty()) argv.push_back("--kubeconfig=" + query.kubeconfig);
  if (!query.context.empty()) argv.push_back("--context=" + query.context);
  return argv;
}

std::string run_kubectl(const ClusterQuery& query, const std::vector<std::string>& args) {
  std::vector<std::string> argv = kubectl_command(query, args);
  ProcessResult r = run_process(argv);
  if (!r.started) {
    throw ClusterError(fmt::format("cannot run {} ({}); install kubectl or put it on PATH", query.kubectl,
                                   r.error));
  }
  if (r.exit_status != 0) {
    std::string said = trim_end(r.err);
    if (said.empty()) said = "(kubectl printed no message)";
    throw ClusterError(fmt::format("`{}` failed (exit status {}):\n{}", join(argv, " "), r.exit_status, said));
  }
  return std::move(r.out);
}

}  // namespace im
