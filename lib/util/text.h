#pragma once
// Small string helpers the standard library lacks in C++17. All of them work
// on bytes; to_lower and trim only know ASCII, which is all that Kubernetes
// names, annotation keys and option values need.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace im {

/// The parts separated by sep; "" for no parts.
std::string join(const std::vector<std::string>& parts, std::string_view sep);

/// Whether s begins with prefix.
bool starts_with(std::string_view s, std::string_view prefix);

/// Whether s ends with suffix.
bool ends_with(std::string_view s, std::string_view suffix);

/// s with ASCII letters lowered; other bytes unchanged.
std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);

/// Every field between separators, empty ones included: "a,,b" gives
/// {"a", "", "b"} and "" gives {""}, so join(split(s, c), c) == s.
std::vector<std::string> split(std::string_view s, char sep);

/// s without leading and trailing ASCII whitespace (" \t\n\v\f\r").
std::string trim(std::string_view s);

/// s with every control character spelled out ("\\n", "\\r", "\\t",
/// "\\x1b", "\\u0085", "\\u2028"), so that a value from the input can
/// never start a line of its own in text output: a CI log would otherwise
/// run "\\n::error ...::" from a path as a GitHub Actions workflow command.
/// A backslash is kept as is; everything else is unchanged.
std::string escape_control(std::string_view s);

/// `s` as a Markdown code span: control characters escaped, fenced with
/// one backtick more than its longest run of them (CommonMark 6.1), and
/// padded when it starts or ends with one, so no name can close the span
/// early or start markup of its own.
std::string markdown_code(std::string_view s);

/// Appends code point `cp` to `out` as UTF-8.
void append_utf8(std::string& out, uint32_t cp);

}  // namespace im
