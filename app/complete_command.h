#pragma once
// The hidden `__complete` subcommand: what may come next on a command line,
// in the protocol of cobra (the library kubectl and most Kubernetes CLIs use),
// so that one implementation serves the bash and zsh scripts and kubectl's
// own completion of `kubectl ingress-migrate`:
//   ingress-migrate __complete WORD... PARTIAL
// prints one candidate per line ("value" or "value<TAB>description"), then
// ":<directive>", the sum of the flags below.

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace im::cli {

enum CompletionDirective : int {
  kCompleteError = 1,          ///< nothing to offer; the shell offers nothing either
  kCompleteNoSpace = 2,        ///< no space after the value (it is a prefix)
  kCompleteNoFiles = 4,        ///< the shell must not fall back to file names
  kCompleteFileExtension = 8,  ///< the values are file extensions: files with them, and directories
  kCompleteDirectories = 16,   ///< directories only
};

struct Completion {
  std::vector<std::string> values;
  int directive = kCompleteNoFiles;
};

/// What may replace `partial`, the last word, after `typed` (the words
/// before it, after the program name).
Completion complete_command_line(CLI::App& root, const std::vector<std::string>& typed, const std::string& partial);

/// The protocol's text for a completion.
std::string completion_text(const Completion& completion);

}  // namespace im::cli
