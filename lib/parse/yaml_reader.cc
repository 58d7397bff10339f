#include "parse/yaml_reader.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <istream>
#include <streambuf>

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

class Handler : public YAML::EventHandler {
 public:
  Handler(TreeBuilder& builder, uint32_t first_line) : b_(builder), first_line_(first_line) {}

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

  uint32_t line(const YAML::Mark& m) const {
    return first_line_ + static_cast<uint32_t>(m.line) + 1;
  }
  static uint32_t col(const YAML::Mark& m) { return static_cast<uint32_t>(m.column) + 1; }

 private:
  TreeBuilder& b_;
  uint32_t first_line_;
};

// Stops at the start of a second document: yaml-cpp accepts "[1]\n[2]" as
// two documents, but without a "---" between them it is a syntax error.
class SecondDocument : public YAML::EventHandler {
 public:
  explicit SecondDocument(const Handler& h) : h_(h) {}
  void OnDocumentStart(const YAML::Mark& m) override {
    throw DocumentError(h_.line(m), Handler::col(m),
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
  const Handler& h_;
};

}  // namespace

Node read_yaml_document(std::string_view chunk, uint32_t first_line, const ParseLimits& limits) {
  ViewBuf buf(chunk);
  std::istream in(&buf);
  TreeBuilder builder(limits);
  Handler handler(builder, first_line);
  try {
    YAML::Parser parser(in);
    parser.HandleNextDocument(handler);
    SecondDocument second(handler);
    parser.HandleNextDocument(second);
  } catch (const YAML::Exception& e) {
    const bool known = !e.mark.is_null();
    throw DocumentError(known ? handler.line(e.mark) : first_line + 1,
                        known ? Handler::col(e.mark) : 1, "YAML syntax error: " + e.msg,
                        "parse-error");
  }
  if (builder.done()) return builder.take();
  // read_documents skips pieces of only markers and comments, so yaml-cpp
  // found no node in something else (e.g. a lone "..."): call it null.
  Node null;
  null.line = first_line + 1;
  null.col = 1;
  return null;
}

}  // namespace im
