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

namespace {

// The fewest bytes the scalar that `value` starts (running to the end of
// its line) can have once parsed: escapes and comments only make it
// shorter, so where one could, nothing is claimed.
size_t certain_scalar_bytes(std::string_view value) {
  if (value.empty()) return 0;
  if (value[0] == '"' || value[0] == '\'') {
    const char quote = value[0];
    const size_t close = value.find(quote, 1);
    const std::string_view body = value.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1);
    if (body.find(quote == '"' ? '\\' : '\'') != std::string_view::npos) return 0;
    return body.size();
  }
  const size_t comment = value.find(" #");
  std::string_view plain = value.substr(0, comment);
  while (!plain.empty() && (plain.back() == ' ' || plain.back() == '\r')) plain.remove_suffix(1);
  return plain.size();
}

}  // namespace

size_t find_overlong_scalar(std::string_view text, size_t max_bytes) {
  // Every real document is shorter than the limit: no second pass over it.
  if (text.size() <= max_bytes) return std::string_view::npos;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    if (line.size() > max_bytes && line.find_first_of("{[,") == std::string_view::npos) {
      // The value starts after the indentation, any "- " items and the
      // first ": " of a key.
      size_t at = line.find_first_not_of(' ');
      while (at != std::string_view::npos && line.compare(at, 2, "- ") == 0)
        at = line.find_first_not_of(' ', at + 2);
      const size_t colon = line.find(": ", at == std::string_view::npos ? 0 : at);
      if (colon != std::string_view::npos) at = line.find_first_not_of(' ', colon + 2);
      if (at != std::string_view::npos && line[at] != '#' &&
          certain_scalar_bytes(line.substr(at)) > max_bytes)
        return start + at;
    }
    start = end + 1;
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
