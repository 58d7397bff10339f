#pragma once
// Turning the -f arguments into the list of inputs to read, and reading
// one input's bytes. Unreadable inputs are error findings, not exceptions:
// the other inputs are still converted and the caller exits with 2.

#include <cstddef>
#include <iosfwd>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag/finding.h"

namespace im {

/// Finding id for a path that is missing or cannot be read.
inline constexpr const char* kUnreadableInput = "unreadable-input";

/// One file to read, or standard input.
struct InputFile {
  std::string path;                           ///< file system path; empty for standard input
  std::shared_ptr<const std::string> origin;  ///< as findings show it: "dir/a.yaml", "<stdin>"
  /// Found by walking a directory (not named on the command line): a file
  /// there that is no Kubernetes manifest is skipped with an info.
  bool from_directory = false;
  bool is_stdin() const { return path.empty(); }
};

/// The inputs named by -f values, in the order given: a file as is, a
/// directory as its *.yaml, *.yml and *.json files (recursively, sorted by
/// path, symlinked directories followed once), "-" as standard input.
/// Paths that do not exist become "unreadable-input" errors. In a
/// directory, files and folders matched by `exclude` (gitignore-style globs,
/// relative to the directory) or by its .ingress-migrate-ignore file are
/// left out; a named file matched by `exclude` as given is left out too.
std::vector<InputFile> expand_inputs(const std::vector<std::string>& paths, Findings& findings,
                                     const std::vector<std::string>& exclude = {});

/// The bytes of `input` (standard input is read from `stdin_stream`), at
/// most `max_bytes` + 1 of them so that the caller can report an input over
/// its limit without holding all of it. nullopt with an "unreadable-input"
/// error if it cannot be read.
/// With `over_limit`, an input longer than max_bytes sets it and returns
/// an empty string instead: reading stops at the limit and memory never
/// exceeds it (/dev/zero as input costs max_bytes, not twice that).
std::optional<std::string> read_input(const InputFile& input, std::istream& stdin_stream,
                                      Findings& findings,
                                      size_t max_bytes = std::numeric_limits<size_t>::max() - 1,
                                      bool* over_limit = nullptr);

/// Whether `file` is (by device and inode, so through any link or spelling)
/// one of the regular files `inputs` reads: writing there would destroy
/// the input.
bool is_one_of_inputs(const std::string& file, const std::vector<InputFile>& inputs);

/// Whether `findings` says some input could not be read (exit status 2).
bool has_unreadable_input(const Findings& findings);

}  // namespace im
