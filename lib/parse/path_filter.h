#pragma once
// Which files a directory walk leaves out: --exclude GLOB values and the
// patterns of an .ingress-migrate-ignore file at the walked directory's
// root, both in gitignore syntax (git-scm.com/docs/gitignore, "PATTERN
// FORMAT"): blank lines and "#" comments are skipped; "!" re-includes; a
// trailing "/" matches directories only; a pattern with a "/" before its
// end is anchored to the root, one without matches a name at any depth;
// "*" and "?" stop at "/", "**" crosses directories, "[...]" is a class.

#include <string>
#include <vector>

namespace im {

/// The name of the ignore file read at the root of every -f directory.
inline constexpr const char* kIgnoreFileName = ".ingress-migrate-ignore";

class PathFilter {
 public:
  /// Adds one pattern line (comments and blank lines add nothing).
  void add(const std::string& line);
  /// Adds every line of an ignore file's text.
  void add_lines(const std::string& text);

  /// Whether `relative` ("dir/sub/file.yaml", relative to the walked root)
  /// is left out; `is_dir` for directories, whose whole tree is then left out.
  bool excluded(const std::string& relative, bool is_dir) const;
  bool empty() const { return patterns_.empty(); }

 private:
  struct Pattern {
    std::string glob;
    bool negate = false;
    bool dir_only = false;
    bool anchored = false;
  };
  std::vector<Pattern> patterns_;
};

/// gitignore-style glob match of a whole path ("**" crosses "/").
bool glob_match(const std::string& pattern, const std::string& path);

}  // namespace im
