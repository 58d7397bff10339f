#include "util/text.h"
#include "parse/json_reader.h"

#include <fmt/format.h>

#include <string>
#include <vector>

#include "parse/tree_builder.h"

namespace im {

namespace {

constexpr const char* kUnpaired = "unpaired UTF-16 surrogate in \\u escape";

bool is_ws(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Nesting is tracked in `open_` rather than by recursion, so no input can
// exhaust the stack; the builder enforces --max-depth.
class JsonReader {
 public:
  JsonReader(std::string_view text, uint32_t first_line, const ParseLimits& limits)
      : s_(text), line_(first_line + 1), limits_(limits) {}

  /// Whether only whitespace is left.
  bool at_end() {
    skip_ws();
    return i_ >= s_.size();
  }
  size_t offset() const { return i_; }
  uint32_t line() const { return line_; }
  uint32_t col() const { return col_here(); }

  /// Reads the next value into `builder`; the text may go on after it.
  void next(TreeBuilder& builder) {
    b_ = &builder;
    run_value();
  }

  /// Reads the one value the text holds.
  void run(TreeBuilder& builder) {
    next(builder);
    if (!at_end()) fail("unexpected content after the JSON value");
  }

 private:
  void run_value() {
    Next next = Next::Value;
    for (;;) {
      skip_ws();
      if (next == Next::Value) {
        next = value();
      } else if (next == Next::Key) {
        if (peek() != '"') fail("expected a string key");
        const uint32_t line = line_, col = col_here();
        b_->scalar(line, col, string(), false, 0);
        skip_ws();
        if (peek() != ':') fail("expected ':' after an object key");
        ++i_;
        next = Next::Value;
      } else {
        if (open_.empty()) break;
        const bool object = open_.back().bracket == '{';
        if (peek() == ',') {
          ++i_;
          next = object ? Next::Key : Next::Value;
        } else if (peek() == (object ? '}' : ']')) {
          ++i_;
          close_collection();
        } else {
          fail(object ? "expected ',' or '}' after an object member"
                      : "expected ',' or ']' after an array element");
        }
      }
    }
  }

  enum class Next { Value, Key, AfterValue };

  // Reads a scalar or opens a collection; says what must come next.
  Next value() {
    const uint32_t line = line_, col = col_here();
    const char c = peek();
    if (c == '{' || c == '[') {
      ++i_;
      b_->start(c == '{' ? Node::Type::Mapping : Node::Type::Sequence, line, col, 0);
      open_.push_back({c, line, col});
      skip_ws();
      if (peek() == (c == '{' ? '}' : ']')) {
        ++i_;
        close_collection();
        return Next::AfterValue;
      }
      return c == '{' ? Next::Key : Next::Value;
    }
    if (c == '"') {
      b_->scalar(line, col, string(), false, 0);
    } else if (c == '-' || is_digit(c)) {
      b_->scalar(line, col, number(), true, 0);
    } else if (literal("true")) {
      b_->scalar(line, col, "true", true, 0);
    } else if (literal("false")) {
      b_->scalar(line, col, "false", true, 0);
    } else if (literal("null")) {
      b_->null(line, col, 0);
    } else {
      fail("expected a value");
    }
    return Next::AfterValue;
  }

  void close_collection() {
    open_.pop_back();
    b_->end();
  }

  bool literal(std::string_view word) {
    if (s_.compare(i_, word.size(), word) != 0) return false;
    i_ += word.size();
    return true;
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, kept as text: the
  // caller decides what a number means, as it does for YAML.
  std::string number() {
    const size_t begin = i_;
    if (peek() == '-') ++i_;
    if (peek() == '0') {
      ++i_;
    } else if (!digits()) {
      fail("invalid number");
    }
    if (peek() == '.') {
      ++i_;
      if (!digits()) fail("invalid number");
    }
    if (peek() == 'e' || peek() == 'E') {
      ++i_;
      if (peek() == '+' || peek() == '-') ++i_;
      if (!digits()) fail("invalid number");
    }
    return std::string(s_.substr(begin, i_ - begin));
  }

  bool digits() {
    const size_t begin = i_;
    while (i_ < s_.size() && is_digit(s_[i_])) ++i_;
    return i_ > begin;
  }

  std::string string() {
    const uint32_t col = col_here();
    ++i_;  // opening quote
    std::string out;
    for (;;) {
      const size_t begin = i_;
      while (i_ < s_.size() && s_[i_] != '"' && s_[i_] != '\\' &&
             static_cast<unsigned char>(s_[i_]) >= 0x20) {
        ++i_;
      }
      // The limit is checked as the string is read, not once it is built.
      if (out.size() + (i_ - begin) > limits_.max_scalar_bytes)
        throw_scalar_too_long(limits_, line_, col);
      out.append(s_.data() + begin, i_ - begin);
      if (i_ >= s_.size() || s_[i_] == '\n') fail_at(i_, "unterminated string", EndOfInput::IsTheProblem);
      if (s_[i_] == '"') {
        ++i_;
        return out;
      }
      if (s_[i_] != '\\') fail("control character in string (write it as an escape)");
      escape(out);
    }
  }

  void escape(std::string& out) {
    ++i_;  // backslash
    static constexpr std::string_view kLetters = "\"\\/bfnrt";
    static constexpr std::string_view kMeanings = "\"\\/\b\f\n\r\t";
    if (const size_t k = kLetters.find(peek()); k != std::string_view::npos) {
      out += kMeanings[k];
      ++i_;
      return;
    }
    if (peek() != 'u') fail_at(i_ - 1, "invalid escape in string");
    const size_t at = i_ - 1;
    uint32_t cp = hex4();
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (s_.compare(i_ + 1, 2, "\\u") != 0) fail_at(at, kUnpaired);
      i_ += 2;
      const uint32_t low = hex4();
      if (low < 0xDC00 || low > 0xDFFF) fail_at(at, kUnpaired);
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      fail_at(at, kUnpaired);
    }
    append_utf8(out, cp);
    ++i_;
  }

  // The four hex digits after "u" at s_[i_]; leaves i_ on the last one.
  uint32_t hex4() {
    uint32_t cp = 0;
    for (int k = 0; k < 4; ++k) {
      ++i_;
      const char h = peek();
      uint32_t v;
      if (is_digit(h))
        v = static_cast<uint32_t>(h - '0');
      else if (h >= 'a' && h <= 'f')
        v = static_cast<uint32_t>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F')
        v = static_cast<uint32_t>(h - 'A' + 10);
      else
        fail("invalid \\u escape (needs four hex digits)");
      cp = cp * 16 + v;
    }
    return cp;
  }

  void skip_ws() {
    while (i_ < s_.size() && is_ws(s_[i_])) {
      if (s_[i_] == '\n') {
        ++line_;
        line_start_ = i_ + 1;
      }
      ++i_;
    }
  }

  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  uint32_t col_here() const { return static_cast<uint32_t>(i_ - line_start_) + 1; }

  /// Whether running out of text is reported as such: an unterminated
  /// string says so itself (and names no open bracket), whatever it ran into.
  enum class EndOfInput { Describe, IsTheProblem };

  [[noreturn]] void fail(const char* what) const { fail_at(i_, what); }
  // Strings never span lines, so `at` is on the current line.
  [[noreturn]] void fail_at(size_t at, const char* what, EndOfInput end = EndOfInput::Describe) const {
    std::string message = "JSON syntax error: ";
    const bool at_end = i_ >= s_.size() && end == EndOfInput::Describe;
    message += at_end ? "unexpected end of input" : what;
    if (at_end && !open_.empty()) {
      // The innermost collection still open is what the text forgot to close.
      const Open& o = open_.back();
      message += fmt::format(": the '{}' at line {}, column {} is never closed", o.bracket,
                             o.line, o.col);
    }
    throw DocumentError(line_, static_cast<uint32_t>(at - line_start_) + 1, message, "parse-error");
  }

  std::string_view s_;
  size_t i_ = 0;
  size_t line_start_ = 0;
  uint32_t line_;
  const ParseLimits& limits_;
  TreeBuilder* b_ = nullptr;
  struct Open {
    char bracket;  ///< '{' or '['
    uint32_t line;
    uint32_t col;
  };
  std::vector<Open> open_;
};

}  // namespace

bool looks_like_json(std::string_view text) {
  for (char c : text) {
    if (!is_ws(c)) return c == '{' || c == '[';
  }
  return false;
}

Node read_json_document(std::string_view text, uint32_t first_line, const ParseLimits& limits,
                        std::vector<ParseNote>& notes) {
  TreeBuilder builder(limits);
  JsonReader(text, first_line, limits).run(builder);
  notes = builder.take_notes();
  return builder.take();
}

JsonStream read_json_stream(std::string_view text, const ParseLimits& limits) {
  JsonStream out;
  JsonReader reader(text, 0, limits);
  try {
    while (!reader.at_end()) {
      JsonValue v;
      v.start = {reader.line(), reader.col()};
      const size_t from = reader.offset();
      TreeBuilder builder(limits);
      reader.next(builder);
      v.bytes = reader.offset() - from;
      v.notes = builder.take_notes();
      v.root = builder.take();
      out.values.push_back(std::move(v));
    }
  } catch (const DocumentError& e) {
    out.error = e;
  }
  return out;
}

}  // namespace im
