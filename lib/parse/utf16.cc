#include "parse/utf16.h"

#include "util/text.h"

namespace im {

namespace {

bool starts_with_bytes(std::string_view text, std::string_view bytes) {
  return text.size() >= bytes.size() && text.compare(0, bytes.size(), bytes) == 0;
}

}  // namespace

WideEncoding detect_wide_encoding(std::string_view text) {
  using namespace std::string_view_literals;
  if (starts_with_bytes(text, "\xFF\xFE\0\0"sv) || starts_with_bytes(text, "\0\0\xFE\xFF"sv))
    return WideEncoding::Utf32;
  if (starts_with_bytes(text, "\xFF\xFE"sv)) return WideEncoding::Utf16LE;
  if (starts_with_bytes(text, "\xFE\xFF"sv)) return WideEncoding::Utf16BE;
  // Without a mark: a manifest starts with ASCII ("apiVersion", "#", "-").
  if (text.size() >= 4 && text.size() % 2 == 0) {
    auto b = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    if (b(0) != 0 && b(0) < 0x80 && b(1) == 0 && b(2) != 0 && b(3) == 0) return WideEncoding::Utf16LE;
    if (b(0) == 0 && b(1) != 0 && b(1) < 0x80 && b(2) == 0 && b(3) != 0) return WideEncoding::Utf16BE;
  }
  return WideEncoding::None;
}

std::optional<std::string> utf16_to_utf8(std::string_view text, bool big_endian,
                                         size_t& bad_offset) {
  std::string out;
  out.reserve(text.size() / 2);
  auto unit = [&](size_t i) -> char32_t {
    auto hi = static_cast<unsigned char>(text[big_endian ? i : i + 1]);
    auto lo = static_cast<unsigned char>(text[big_endian ? i + 1 : i]);
    return static_cast<char32_t>(hi << 8 | lo);
  };
  size_t i = 0;
  if (text.size() >= 2 && unit(0) == 0xFEFF) i = 2;  // the byte order mark
  for (; i + 1 < text.size(); i += 2) {
    char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF) {
      char32_t low = i + 3 < text.size() ? unit(i + 2) : 0;
      if (low < 0xDC00 || low > 0xDFFF) {
        bad_offset = i;
        return std::nullopt;
      }
      append_utf8(out, static_cast<uint32_t>(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)));
      i += 2;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      bad_offset = i;
      return std::nullopt;
    } else {
      append_utf8(out, static_cast<uint32_t>(u));
    }
  }
  if (i < text.size()) {
    bad_offset = i;
    return std::nullopt;
  }
  return out;
}

}  // namespace im
