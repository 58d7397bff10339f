#include "parse/text_scan.h"

#include <algorithm>
#include <cctype>

#include <cstring>

namespace im {

std::string_view strip_bom(std::string_view text) {
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.remove_prefix(3);
  return text;
}

size_t find_binary_byte(std::string_view text) {
  // TAB, LF, CR plus VT, FF and ESC, which do turn up in hand-edited text
  // (ESC from pasted terminal colours); every other C0 byte means binary.
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\v' && c != '\f' && c != 0x1B) {
      return i;
    }
  }
  return std::string_view::npos;
}

size_t find_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // Manifests are almost all ASCII: skip eight such bytes at a time.
    if (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, s + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return i;
    }
    if (i + 1 >= n || s[i + 1] < lo || s[i + 1] > hi) return i;
    for (size_t k = 2; k < len; ++k) {
      if (i + k >= n || (s[i + k] & 0xC0) != 0x80) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

TextPos position_of(std::string_view text, size_t offset, TextPos start) {
  TextPos pos = start;
  size_t line_begin = 0;
  const char* p = text.data();
  const char* end = text.data() + offset;
  while (const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p))) {
    ++pos.line;
    p = static_cast<const char*>(nl) + 1;
    line_begin = static_cast<size_t>(p - text.data());
  }
  if (pos.line != start.line) pos.col = 1;
  pos.col += static_cast<uint32_t>(offset - line_begin);
  return pos;
}

std::string_view sniff_kind(std::string_view doc) {
  constexpr std::string_view key = "kind:";
  for (size_t pos = 0; pos < doc.size();) {
    size_t end = doc.find('\n', pos);
    if (end == std::string_view::npos) end = doc.size();
    std::string_view line = doc.substr(pos, end - pos);
    pos = end + 1;
    if (line.substr(0, key.size()) != key) continue;
    line.remove_prefix(key.size());
    if (const size_t hash = line.find(" #"); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.remove_suffix(1);
    }
    const bool word = !line.empty() && std::all_of(line.begin(), line.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0;
    });
    return word ? line : std::string_view();
  }
  return {};
}

}  // namespace im
