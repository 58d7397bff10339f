#pragma once
// Running a program the way a person at a terminal runs it: its standard
// input and standard error are a pseudo-terminal (its controlling terminal),
// so isatty() is true and a prompt can be answered. The test plays the
// person: when the terminal shows a prompt, it types the reply.

#include <string>
#include <utility>
#include <vector>

namespace im::testing {

struct TerminalRun {
  std::string terminal;  ///< everything written to the terminal (standard error, echoed typing)
  std::string out;       ///< standard output (a pipe unless stdout_on_terminal)
  int exit_status = -1;  ///< exit code, or 128 + signal
  bool timed_out = false;
};

struct TerminalOptions {
  /// (prompt, reply): once the terminal has shown `prompt`, `reply` is typed.
  std::vector<std::pair<std::string, std::string>> replies;
  /// The whole environment of the program ("NAME=value").
  std::vector<std::string> env;
  /// Standard output goes to the terminal too (then `out` stays empty).
  bool stdout_on_terminal = false;
  int timeout_ms = 30000;
};

TerminalRun run_on_terminal(const std::vector<std::string>& argv, const TerminalOptions& options);

}  // namespace im::testing
