#pragma once
// Manifests saved as UTF-16 (PowerShell's `>` redirection writes UTF-16LE
// with a byte order mark) are read by decoding them to UTF-8 first; UTF-32
// is named rather than called binary.

#include <optional>
#include <string>
#include <string_view>

namespace im {

enum class WideEncoding { None, Utf16LE, Utf16BE, Utf32 };

/// The wide encoding `text` is in, by its byte order mark, or for UTF-16
/// without one by an ASCII first character next to a NUL byte.
WideEncoding detect_wide_encoding(std::string_view text);

/// `text` (UTF-16, without or with its byte order mark) as UTF-8, or
/// nullopt with `bad_offset` set to the byte offset of an unpaired
/// surrogate or a dangling odd byte.
std::optional<std::string> utf16_to_utf8(std::string_view text, bool big_endian,
                                         size_t& bad_offset);

}  // namespace im
