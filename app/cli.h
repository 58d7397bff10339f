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
};

/// Entry point used by main(): real process streams.
int main(int argc, char** argv);

/// Runs the tool with `args` (without the program name) on the given streams.
int run(const std::vector<std::string>& args, Io& io);

}  // namespace im::cli
