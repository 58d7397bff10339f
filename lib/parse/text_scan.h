#pragma once
// Byte-level checks run before any parser sees the text: a parser would
// report binary input or broken UTF-8 as a confusing syntax error far from
// its cause, or not at all.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace im {

/// A 1-based line and byte column.
struct TextPos {
  uint32_t line = 1;
  uint32_t col = 1;
};

/// `text` without a leading UTF-8 byte order mark.
std::string_view strip_bom(std::string_view text);

/// Offset of the first NUL or other control byte that never occurs in a text
/// file, or npos.
size_t find_binary_byte(std::string_view text);

/// Offset of the first byte that is not part of a well-formed UTF-8
/// sequence (overlong forms, surrogates and code points above U+10FFFF
/// included), or npos.
size_t find_invalid_utf8(std::string_view text);

/// The value of a `kind:` line at column 0 when it is a plain word
/// ("kind: Deployment  # comment" gives "Deployment"), or "". A guess from
/// the text alone: the parse decides what the kind really is.
std::string_view sniff_kind(std::string_view document);

/// Where a plain or quoted scalar longer than `max_bytes` starts, found
/// from the text alone: a line longer than that without flow punctuation
/// ({, [, ,) holds one scalar at most, which the parser would build whole
/// before any limit could be checked. npos when no line is such.
size_t find_overlong_scalar(std::string_view text, size_t max_bytes);

/// Position of byte `offset` of `text`, whose first byte is at `start`.
TextPos position_of(std::string_view text, size_t offset, TextPos start = {});

}  // namespace im
