#pragma once
// What each subcommand's --help (and the man page) ends with: a few real
// examples and the exit statuses that subcommand can return.

#include <string>
#include <vector>

namespace im::cli {

struct HelpExample {
  std::string words;  ///< after the program name, e.g. "convert -f deploy/ > gateway.yaml"
  std::string what;   ///< one line: what it does
};

struct ExitStatusHelp {
  int code;
  std::string meaning;
};

struct CommandHelp {
  std::vector<HelpExample> examples;
  std::vector<ExitStatusHelp> exit_statuses;
};

/// The help of a subcommand by name ("convert"); empty for an unknown one.
const CommandHelp& command_help(const std::string& name);

/// "Examples:" and "Exit status:" sections, with `program` ("ingress-migrate"
/// or "kubectl ingress-migrate") in front of each example.
std::string help_footer(const std::string& program, const std::string& name);

}  // namespace im::cli
