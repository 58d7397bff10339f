#include "parse/yaml_reader.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <istream>
#include <streambuf>

#include "parse/header_builder.h"
#include "parse/tree_builder.h"

namespace im {

namespace {

// Lets yaml-cpp read the chunk in place instead of from a copy.
class ViewBuf : public std::streambuf {
 public:
  explicit ViewBuf(std::string_view text) {
    char* p = const_cast<char*>(text.data());  // only ever read
    setg(p, p, p + text.size());
  }
};

// Positions as 1-based stream lines and columns.
class Marks {
 public:
  explicit Marks(uint32_t first_line) : first_line_(first_line) {}
  uint32_t line(const YAML::Mark& m) const {
    return first_line_ + static_cast<uint32_t>(m.line) + 1;
  }
  static uint32_t col(const YAML::Mark& m) { return static_cast<uint32_t>(m.column) + 1; }

 private:
  uint32_t first_line_;
};

// Forwards yaml-cpp's events to a TreeBuilder or a HeaderBuilder.
template <typename Builder>
class Handler : public YAML::EventHandler, public Marks {
 public:
  Handler(Builder& builder, uint32_t first_line) : Marks(first_line), b_(builder) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t anchor) override {
    b_.null(line(m), col(m), anchor);
  }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t anchor) override {
    b_.alias(line(m), col(m), anchor);
  }
  void OnScalar(const YAML::Mark& m, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    // "?" is the non-specific tag of a plain scalar; quoted ones get "!".
    b_.scalar(line(m), col(m), std::string(value), tag == "?", anchor);
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    b_.start(Node::Type::Sequence, line(m), col(m), anchor);
  }
  void OnSequenceEnd() override { b_.end(); }
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    b_.start(Node::Type::Mapping, line(m), col(m), anchor);
  }
  void OnMapEnd() override { b_.end(); }

 private:
  Builder& b_;
};

// Stops at the start of a second document: yaml-cpp accepts "[1]\n[2]" as
// two documents, but without a "---" between them it is a syntax error.
class SecondDocument : public YAML::EventHandler {
 public:
  explicit SecondDocument(const Marks& h) : h_(h) {}
  void OnDocumentStart(const YAML::Mark& m) override {
    throw DocumentError(h_.line(m), Marks::col(m),
                        "YAML syntax error: a second document needs a '---' line before it",
                        "parse-error");
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

 private:
  const Marks& h_;
};

// yaml-cpp appends the offending input to a few messages ("unknown escape
// character: q"). Parse errors come before the tool knows the document's
// kind, and that text may sit in a Secret's data, which must never be
// printed; the position already points at it, so the echo is dropped.
std::string without_echoed_input(const std::string& msg) {
  for (const char* echoing :
       {YAML::ErrorMsg::YAML_VERSION, YAML::ErrorMsg::INVALID_UNICODE, YAML::ErrorMsg::INVALID_ESCAPE}) {
    const std::string_view prefix(echoing);
    if (msg.compare(0, prefix.size(), prefix) == 0) {
      return std::string(prefix.substr(0, prefix.find(':')));
    }
  }
  return msg;
}

// Runs the parser over the one document in `chunk` into `builder`.
template <typename Builder>
void parse_into(Builder& builder, std::string_view chunk, uint32_t first_line) {
  ViewBuf buf(chunk);
  std::istream in(&buf);
  Handler<Builder> handler(builder, first_line);
  try {
    YAML::Parser parser(in);
    parser.HandleNextDocument(handler);
    SecondDocument second(handler);
    parser.HandleNextDocument(second);
  } catch (const YAML::Exception& e) {
    const bool known = !e.mark.is_null();
    throw DocumentError(known ? handler.line(e.mark) : first_line + 1,
                        known ? Marks::col(e.mark) : 1,
                        "YAML syntax error: " + without_echoed_input(e.msg), "parse-error");
  }
}

// read_documents skips pieces of only markers and comments, so a parser
// that found no node in something else (e.g. a lone "...") read a null.
Node null_at(uint32_t first_line) {
  Node null;
  null.line = first_line + 1;
  null.col = 1;
  return null;
}

}  // namespace

Node read_yaml_document(std::string_view chunk, uint32_t first_line, const ParseLimits& limits,
                        std::vector<ParseNote>& notes) {
  TreeBuilder builder(limits);
  parse_into(builder, chunk, first_line);
  notes = builder.take_notes();
  return builder.done() ? builder.take() : null_at(first_line);
}

std::optional<Node> read_yaml_header(std::string_view chunk, uint32_t first_line,
                                     const ParseLimits& limits, std::vector<ParseNote>& notes) {
  HeaderBuilder builder(limits);
  parse_into(builder, chunk, first_line);
  if (!builder.done() || !builder.exact()) return std::nullopt;
  notes = builder.take_notes();
  return builder.take();
}

}  // namespace im
