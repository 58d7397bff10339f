#include "util/text.h"
#include "emit/yaml_writer.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string_view>

#include <re2/re2.h>

namespace im {

namespace {

using Json = nlohmann::ordered_json;

constexpr char32_t kReplacement = 0xFFFD;

// Decodes UTF-8, turning every byte that is not part of a well-formed
// sequence (overlong forms and surrogates included) into U+FFFD, so the
// writer never emits bytes a YAML reader would reject.
std::u32string decode_utf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (b0 < 0x80) {
      out += b0;
      ++i;
      continue;
    } else if ((b0 & 0xE0) == 0xC0) {
      len = 2, cp = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
      len = 3, cp = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
      len = 4, cp = b0 & 0x07, min = 0x10000;
    }
    bool ok = len != 0 && i + len <= s.size();
    for (size_t k = 1; ok && k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      ok = (b & 0xC0) == 0x80;
      cp = (cp << 6) | (b & 0x3F);
    }
    ok = ok && cp >= min && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
    out += ok ? cp : kReplacement;
    i += ok ? len : 1;
  }
  return out;
}

// Characters that may not appear raw: C0/C1 controls and DEL are outside
// YAML's printable set, NEL, LS and PS are line breaks to YAML 1.1 readers,
// and BOM, U+FFFE and U+FFFF are outside the printable set or confuse
// encoding detection.
bool needs_escape(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || c == 0xFEFF ||
         c == 0xFFFE || c == 0xFFFF;
}

// Plain scalars that some reader would resolve to a non-string: the YAML 1.1
// and 1.2 (core schema) bool, null, int, float and timestamp forms, the 1.1
// merge and value keys, and the int prefixes go-yaml (used by kubectl) takes
// from Go's strconv. Broad on purpose: quoting a string needlessly costs two
// characters, not quoting one that resolves differently changes the manifest.
const RE2& special_plain() {
  static const RE2 re(
      "(?i:y|n|yes|no|true|false|on|off|null)|~|<<|="
      // Decimal ints and floats; 1.1 allows '_' in digits and any dots after
      // the first one in a float, so "08", "1_000", "1e3" and "1.2.3" match.
      "|[-+]?[0-9][0-9_]*(\\.[0-9_.]*)?([eE][-+]?[0-9]+)?"
      "|[-+]?\\.[0-9.]*([eE][-+]?[0-9]+)?"
      // Prefixed ints: 1.1 0b/0x, 1.2 0o/0x, Go any of them in either case.
      "|[-+]?0[xXoObB][0-9a-fA-F_]+"
      // 1.1 sexagesimal: "1:20", "190:20:30.15".
      "|[-+]?[0-9][0-9_]*(:[0-9_]+)+(\\.[0-9_]*)?"
      "|[-+]?\\.(?i:inf|nan)"
      // 1.1 timestamps start with a date.
      "|(?s:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*)");
  return re;
}

// A character of either string can_be_plain reads, as a code point.
char32_t code_point(char c) { return static_cast<unsigned char>(c); }
char32_t code_point(char32_t c) { return c; }

// Only plain scalars that start with one of these can match special_plain();
// skipping the regular expression for the rest keeps it off most keys and
// names.
bool may_resolve_to_non_string(const std::string& utf8) {
  static constexpr std::string_view kFirst = "yYnNtTfFoO~<=-+.0123456789";
  return kFirst.find(utf8.front()) != std::string_view::npos;
}

// `s` is the scalar as code points: the decoded string, or the UTF-8 bytes
// themselves when every one of them is ASCII.
template <typename Text>
bool can_be_plain(const Text& s, const std::string& utf8) {
  if (s.empty()) return false;
  static constexpr std::u32string_view kIndicators = U"-?:,[]{}#&*!|>'\"%@`";
  if (kIndicators.find(code_point(s.front())) != std::u32string_view::npos) return false;
  if (s.front() == ' ' || s.back() == ' ' || s.back() == ':') return false;
  if (utf8.compare(0, 3, "...") == 0) return false;  // document end marker
  for (size_t i = 0; i < s.size(); ++i) {
    const char32_t c = code_point(s[i]);
    if (needs_escape(c)) return false;  // includes tab and newline
    if (c == ':' && i + 1 < s.size() && s[i + 1] == ' ') return false;
    if (c == '#' && s[i - 1] == ' ') return false;  // i > 0: '#' first returned above
  }
  return !may_resolve_to_non_string(utf8) || !RE2::FullMatch(utf8, special_plain());
}

void append_escaped(std::string& out, char32_t c) {
  static constexpr char kHex[] = "0123456789abcdef";
  switch (c) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\b': out += "\\b"; return;
    case '\t': out += "\\t"; return;
    case '\n': out += "\\n"; return;
    case '\f': out += "\\f"; return;
    case '\r': out += "\\r"; return;
    default: break;
  }
  if (!needs_escape(c)) {
    append_utf8(out, c);
    return;
  }
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(c >> shift) & 0xF];
}

// A string as a scalar: plain when unambiguous, else double-quoted with
// JSON-style escapes, which every YAML version reads the same way.
std::string scalar(const std::string& value) {
  // Most scalars are ASCII (names, hosts, paths): decoding them would give
  // back the same bytes.
  if (std::all_of(value.begin(), value.end(), [](char c) { return code_point(c) < 0x80; })) {
    if (can_be_plain(value, value)) return value;
    std::string out = "\"";
    for (char c : value) append_escaped(out, code_point(c));
    out += '"';
    return out;
  }
  const std::u32string s = decode_utf8(value);
  std::string utf8;
  utf8.reserve(value.size());
  for (char32_t c : s) append_utf8(utf8, c);
  if (can_be_plain(s, utf8)) return utf8;
  std::string out = "\"";
  for (char32_t c : s) append_escaped(out, c);
  out += '"';
  return out;
}

std::string number(const Json& v) {
  if (!v.is_number_float()) return v.dump();
  const double d = v.get<double>();
  if (std::isnan(d)) return ".nan";
  if (std::isinf(d)) return d > 0 ? ".inf" : "-.inf";
  // YAML 1.1 floats need a dot: "1e+20" would be a string there.
  std::string s = v.dump();
  const size_t e = s.find('e');
  if (e != std::string::npos && s.find('.') == std::string::npos) s.insert(e, ".0");
  return s;
}

// Values written on the same line as their key or dash.
bool is_inline(const Json& v) { return !v.is_structured() || v.empty(); }

std::string inline_value(const Json& v) {
  switch (v.type()) {
    case Json::value_t::object: return "{}";
    case Json::value_t::array: return "[]";
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case Json::value_t::string: return scalar(v.get_ref<const std::string&>());
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return number(v);
    case Json::value_t::binary:
    case Json::value_t::discarded: break;
  }
  throw std::invalid_argument("to_yaml: value has no YAML form");
}

void write_sequence(const Json& seq, size_t indent, bool first_inline, std::string& out);

void write_mapping(const Json& map, size_t indent, bool first_inline, std::string& out) {
  // Readers cap implicit keys at 1024 characters; longer ones need the
  // explicit "? key" form. Stay well clear of off-by-ones between readers.
  constexpr size_t kMaxImplicitKey = 1000;
  bool first = true;
  for (const auto& [key, value] : map.items()) {
    if (!first || !first_inline) out.append(indent, ' ');
    first = false;
    const std::string k = scalar(key);
    const bool is_explicit = k.size() > kMaxImplicitKey;
    if (is_explicit) {
      out += "? " + k + '\n';
      out.append(indent, ' ');
    } else {
      out += k;
    }
    out += ':';
    if (is_inline(value)) {
      out += ' ';
      out += inline_value(value);
      out += '\n';
    } else if (value.is_object()) {
      out += '\n';
      write_mapping(value, indent + 2, false, out);
    } else {
      // kubectl style: a sequence under a key starts at the key's column.
      out += '\n';
      write_sequence(value, is_explicit ? indent + 2 : indent, false, out);
    }
  }
}

void write_sequence(const Json& seq, size_t indent, bool first_inline, std::string& out) {
  bool first = true;
  for (const Json& item : seq) {
    if (!first || !first_inline) out.append(indent, ' ');
    first = false;
    out += "- ";
    if (is_inline(item)) {
      out += inline_value(item);
      out += '\n';
    } else if (item.is_object()) {
      write_mapping(item, indent + 2, true, out);
    } else {
      write_sequence(item, indent + 2, true, out);
    }
  }
}

}  // namespace

std::string to_yaml(const Json& doc) {
  std::string out;
  if (is_inline(doc)) {
    out = inline_value(doc) + '\n';
  } else if (doc.is_object()) {
    write_mapping(doc, 0, false, out);
  } else {
    write_sequence(doc, 0, false, out);
  }
  return out;
}

std::string to_yaml_stream(const std::vector<Json>& docs) {
  std::string out;
  for (const Json& doc : docs) out += "---\n" + to_yaml(doc);
  return out;
}

std::string to_json_list(const std::vector<Json>& items) {
  Json list = {{"apiVersion", "v1"}, {"kind", "List"}, {"items", items}};
  return list.dump(2, ' ', false, Json::error_handler_t::replace) + '\n';
}

}  // namespace im
