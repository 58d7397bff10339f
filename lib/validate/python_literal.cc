#include "util/text.h"
#include "validate/python_literal.h"

#include <cctype>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace im::validate {
namespace {

using Json = nlohmann::ordered_json;

[[noreturn]] void fail(const std::string& what, size_t pos) {
  throw std::invalid_argument(what + " at offset " + std::to_string(pos));
}

void skip_spaces(std::string_view s, size_t& pos) {
  while (pos < s.size() && s[pos] == ' ') ++pos;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Python repr() escapes: the dumps hold regexes, so '\\' (one backslash) is
// by far the most common; \xNN and \uNNNN appear for non-printable characters.
std::string parse_string(std::string_view s, size_t& pos) {
  const char quote = s[pos++];
  std::string out;
  while (pos < s.size() && s[pos] != quote) {
    char c = s[pos++];
    if (c != '\\') {
      out += c;
      continue;
    }
    if (pos >= s.size()) break;
    char e = s[pos++];
    switch (e) {
      case '\\':
        out += '\\';
        break;
      case '\'':
        out += '\'';
        break;
      case '"':
        out += '"';
        break;
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'x':
      case 'u':
      case 'U': {
        const size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        unsigned cp = 0;
        for (size_t i = 0; i < digits; ++i) {
          int v = pos < s.size() ? hex_value(s[pos]) : -1;
          if (v < 0) fail("bad \\" + std::string(1, e) + " escape", pos);
          cp = cp * 16 + static_cast<unsigned>(v);
          ++pos;
        }
        append_utf8(out, cp);
        break;
      }
      default:
        // Python keeps unknown escapes verbatim, backslash included.
        out += '\\';
        out += e;
    }
  }
  if (pos >= s.size()) fail("unterminated string", pos);
  ++pos;  // closing quote
  return out;
}

Json parse_number(std::string_view s, size_t& pos) {
  const size_t start = pos;
  if (s[pos] == '-' || s[pos] == '+') ++pos;
  bool is_float = false;
  while (pos < s.size() && (std::isdigit(static_cast<unsigned char>(s[pos])) || s[pos] == '.' ||
                            s[pos] == 'e' || s[pos] == 'E')) {
    is_float = is_float || !std::isdigit(static_cast<unsigned char>(s[pos]));
    ++pos;
  }
  const std::string text(s.substr(start, pos - start));
  if (text.empty() || text == "-" || text == "+") fail("expected a value", start);
  char* end = nullptr;
  if (is_float) {
    double d = std::strtod(text.c_str(), &end);
    if (*end != '\0') fail("bad number", start);
    return d;
  }
  long long v = std::strtoll(text.c_str(), &end, 10);
  if (*end != '\0') fail("bad number", start);
  return static_cast<int64_t>(v);
}

Json parse_value(std::string_view s, size_t& pos);

template <typename AddItem>
void parse_sequence(std::string_view s, size_t& pos, char close, AddItem add) {
  ++pos;  // opening bracket
  skip_spaces(s, pos);
  while (pos < s.size() && s[pos] != close) {
    add();
    skip_spaces(s, pos);
    if (pos < s.size() && s[pos] == ',') {
      ++pos;
      skip_spaces(s, pos);
    } else if (pos < s.size() && s[pos] != close) {
      fail("expected ',' or '" + std::string(1, close) + "'", pos);
    }
  }
  if (pos >= s.size()) fail("unterminated " + std::string(close == ']' ? "list" : "dict"), pos);
  ++pos;  // closing bracket
}

Json parse_value(std::string_view s, size_t& pos) {
  skip_spaces(s, pos);
  if (pos >= s.size()) fail("expected a value", pos);
  const char c = s[pos];
  if (c == '\'' || c == '"') return parse_string(s, pos);
  if (c == '[') {
    Json list = Json::array();
    parse_sequence(s, pos, ']', [&] { list.push_back(parse_value(s, pos)); });
    return list;
  }
  if (c == '{') {
    Json dict = Json::object();
    parse_sequence(s, pos, '}', [&] {
      Json key = parse_value(s, pos);
      if (!key.is_string()) fail("dict keys must be strings", pos);
      skip_spaces(s, pos);
      if (pos >= s.size() || s[pos] != ':') fail("expected ':'", pos);
      ++pos;
      dict[key.get<std::string>()] = parse_value(s, pos);
    });
    return dict;
  }
  for (auto [word, value] :
       {std::pair<std::string_view, Json>{"True", true}, {"False", false}, {"None", nullptr}}) {
    if (s.substr(pos, word.size()) == word) {
      pos += word.size();
      return value;
    }
  }
  return parse_number(s, pos);
}

}  // namespace

nlohmann::ordered_json parse_python_literal(std::string_view text, size_t& pos) {
  return parse_value(text, pos);
}

}  // namespace im::validate
