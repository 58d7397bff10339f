#pragma once
// A line diff in the unified format `diff -u` and `git diff` print, for
// `convert --check`.

#include <string>
#include <string_view>
#include <vector>

namespace im {

/// One step of an edit script: keep a line of both, drop one of `a`, add one of `b`.
struct DiffLine {
  enum class Op { Keep, Remove, Add };
  Op op;
  std::string_view text;  ///< the line with its "\n" (none on an unterminated last line)
};

/// The shortest edit script from `a` to `b` (Myers' O(ND) algorithm).
std::vector<DiffLine> diff_lines(const std::vector<std::string_view>& a,
                                 const std::vector<std::string_view>& b);

/// "--- a_name" / "+++ b_name" and hunks with `context` lines around each
/// change; "" when the texts are equal. A text without a final newline gets
/// "\ No newline at end of file" as diff prints it.
std::string unified_diff(std::string_view a, std::string_view b, const std::string& a_name,
                         const std::string& b_name, size_t context = 3);

}  // namespace im
