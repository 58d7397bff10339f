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
  return verb == "config" && args.size() >= 2 && (args[1] == "current-context" || args[1] == "get-contexts");
}

std::string trim_end(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

// kubectl's message is shown as it wrote it, line by line, but a line of it
// cannot hold a terminal escape or a carriage return.
std::string escape_control_keep_lines(const std::string& text) {
  std::vector<std::string> lines = split(text, '\n');
  for (auto& line : lines) line = escape_control(line);
  return join(lines, "\n");
}

// The command as shown in a message: a bearer token given with --token is
// a credential and is never printed.
std::string shown_command(const std::vector<std::string>& argv) {
  std::vector<std::string> shown;
  for (const auto& arg : argv) shown.push_back(starts_with(arg, "--token=") ? "--token=(hidden)" : arg);
  return join(shown, " ");
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
  if (!query.request_timeout.empty()) argv.push_back("--request-timeout=" + query.request_timeout);
  argv.insert(argv.end(), query.global_flags.begin(), query.global_flags.end());
  return argv;
}

long parse_kubectl_duration(const std::string& text) {
  if (text.empty()) return -1;
  long total = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t digits = i;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    if (digits == i || digits - i > 7) return -1;
    const long number = std::stol(text.substr(i, digits - i));
    if (digits == text.size()) {  // a bare number is seconds, as kubectl reads it
      if (i != 0) return -1;
      return number * 1000;
    }
    const char unit = text[digits];
    const long scale = unit == 'h' ? 3600000L : unit == 'm' ? 60000L : unit == 's' ? 1000L : 0;
    if (scale == 0) return -1;
    total += number * scale;
    i = digits + 1;
  }
  return total;
}

std::string run_kubectl(const ClusterQuery& query, const std::vector<std::string>& args) {
  std::vector<std::string> argv = kubectl_command(query, args);
  ProcessOptions limits;
  limits.max_out_bytes = query.max_output_bytes;
  limits.share_terminal = query.interactive;
  const long asked = query.request_timeout.empty() ? -1 : parse_kubectl_duration(query.request_timeout);
  // A little longer than kubectl's own timeout, so that its message wins.
  limits.timeout_ms = asked < 0 ? kDefaultCallTimeoutMs : asked == 0 ? 0 : asked + 2000;
  ProcessResult r = run_process(argv, limits);
  if (!r.started) {
    throw ClusterError(fmt::format("cannot run {} ({}); install kubectl or put it on PATH", query.kubectl,
                                   r.error));
  }
  if (r.timed_out) {
    throw ClusterError(fmt::format("`{}` did not finish within {} and was stopped{}", shown_command(argv),
                                   asked < 0 ? "120s" : query.request_timeout,
                                   asked < 0 ? " (--request-timeout sets the limit)" : ""));
  }
  // Over the byte limit the caller sees max_output_bytes + 1 bytes and
  // reports the input as too large, as it does for a file.
  if (r.out_over_limit) return std::move(r.out);
  if (r.exit_status != 0) {
    std::string said = escape_control_keep_lines(trim_end(r.err));
    if (r.err_truncated) said = "[... earlier output cut]\n" + said;
    if (said.empty()) said = "(kubectl printed no message)";
    // Shown live already; repeated, it would look like a second failure.
    if (query.interactive) said = "(kubectl's message is above)";
    throw ClusterError(fmt::format("`{}` failed (exit status {}):\n{}", shown_command(argv), r.exit_status, said));
  }
  return std::move(r.out);
}

}  // namespace im
