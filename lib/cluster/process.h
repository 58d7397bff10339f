#pragma once
// Running a program and collecting what it prints, without a shell: the
// arguments go to execvp as they are, so nothing in them is ever
// interpreted (a context or namespace name cannot inject a command).
// The program is not trusted to behave: its output is bounded while it is
// read, its run is bounded in time, and it is waited for as a process, not
// by end of file (a child it leaves behind may hold the pipes open).

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace im {

struct ProcessOptions {
  /// Most bytes of standard output kept; one more stops the program.
  size_t max_out_bytes = std::numeric_limits<size_t>::max() - 1;
  /// Standard error keeps only its last this many bytes.
  size_t max_err_tail_bytes = 64 * 1024;
  /// Milliseconds the program may run; 0: no limit.
  long timeout_ms = 0;
  /// The program may talk to the person at the terminal (kubectl running an
  /// exec credential plugin that asks for a login): it reads this process's
  /// standard input, stays in this process group (a background group would
  /// be stopped by SIGTTIN when it reads the terminal; Ctrl-C reaches it as
  /// it reaches us), and its standard error is copied to ours as it arrives,
  /// not when it exits. Otherwise standard input is /dev/null.
  bool share_terminal = false;
};

struct ProcessResult {
  bool started = false;  ///< false: the program could not be run (see `error`)
  int exit_status = -1;  ///< exit code, or 128 + signal number when killed
  std::string out;       ///< what it wrote to standard output (at most max_out_bytes + 1)
  std::string err;       ///< the tail of standard error
  bool err_truncated = false;  ///< `err` lost its beginning to max_err_tail_bytes
  bool out_over_limit = false;  ///< stopped: more than max_out_bytes on standard output
  bool timed_out = false;       ///< stopped: ran longer than timeout_ms
  std::string error;     ///< why it could not be started, e.g. "kubectl: No such file or directory"
};

/// Runs argv[0] (looked up on PATH) with argv, standard input closed and in
/// a process group of its own (unless share_terminal), and waits for it. Both output streams are read
/// concurrently so that a program filling one pipe never blocks on it. Over
/// a limit, the whole process group (or, sharing the terminal, the program)
/// is killed (SIGKILL), as it is when this process gets SIGINT or SIGTERM
/// meanwhile.
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

}  // namespace im
