#pragma once
// The command-line layer: parses arguments and hands work to lib/.

#include <iosfwd>
#include <string>
#include <vector>

namespace im::cli {

/// Streams a command reads and writes; tests pass string streams.
struct Io {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  bool err_is_tty = false;
  bool out_is_tty = false;
  bool out_failure_reported = false;  ///< output_written() has said `out` failed
};

/// Flushes io.out and says whether everything written to it arrived; if
/// not, prints "PROGRAM: error: cannot write to standard output: REASON" on
/// io.err once (nothing for a closed pipe). Stream errors are sticky, so one
/// check after the last write covers every write before it.
bool output_written(Io& io, const std::string& program);

/// Entry point used by main(): real process streams.
int main(int argc, char** argv);

/// Runs the tool with `args` (without the program name) on the given streams.
int run(const std::vector<std::string>& args, Io& io);

}  // namespace im::cli
