#pragma once
// Running a program and collecting what it prints, without a shell: the
// arguments go to execvp as they are, so nothing in them is ever
// interpreted (a context or namespace name cannot inject a command).

#include <string>
#include <vector>

namespace im {

struct ProcessResult {
  bool started = false;  ///< false: the program could not be run (see `error`)
  int exit_status = -1;  ///< exit code, or 128 + signal number when killed
  std::string out;       ///< everything written to standard output
  std::string err;       ///< everything written to standard error
  std::string error;     ///< why it could not be started, e.g. "kubectl: No such file or directory"
};

/// Runs argv[0] (looked up on PATH) with argv, standard input closed, and
/// waits for it. Both output streams are read concurrently so that a
/// program filling one pipe never blocks on it.
ProcessResult run_process(const std::vector<std::string>& argv);

}  // namespace im
