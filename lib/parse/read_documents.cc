#include <fmt/format.h>

#include <string_view>
#include <vector>

#include "parse/document.h"
#include "parse/document_splitter.h"
#include "parse/json_reader.h"
#include "parse/text_scan.h"
#include "parse/tree_builder.h"
#include "parse/yaml_reader.h"

namespace im {

namespace {

constexpr const char* kLimit = "limit-exceeded";
constexpr const char* kParseError = "parse-error";

// Reads one input: whole-input checks, then JSON or YAML document by
// document, turning every DocumentError into a finding.
class StreamReader {
 public:
  StreamReader(std::shared_ptr<const std::string> origin, const ParseLimits& limits,
               Findings& findings, const DocumentSink& sink)
      : origin_(std::move(origin)), limits_(limits), findings_(findings), sink_(sink) {}

  size_t read(std::string_view text) {
    if (text.size() > limits_.max_file_bytes) {
      error({},
            fmt::format("input is larger than {} bytes (--max-file-bytes)", limits_.max_file_bytes),
            kLimit);
      return 0;
    }
    text = strip_bom(text);
    if (size_t bad = find_binary_byte(text); bad != std::string_view::npos) {
      error(position_of(text, bad), "input is binary or contains NUL bytes", kParseError);
      return 0;
    }
    if (looks_like_json(text)) {
      read_json(text);
    } else {
      read_yaml(text);
    }
    return delivered_;
  }

 private:
  // A JSON file is one document. Text that only starts like JSON (a YAML
  // flow mapping, several documents) is read again as YAML after a JSON
  // error, which is reported only if YAML finds a syntax error too; but
  // not for a .json file, where YAML's leniency would turn `"b": }` into
  // a null.
  void read_json(std::string_view text) {
    if (!count_document({}) || !check_size_and_encoding(text, {})) return;
    Node root;
    try {
      root = read_json_document(text, 0, limits_);
    } catch (const DocumentError& e) {
      if (!is_json_file() && read_as_yaml_instead(text)) return;
      error({e.line, e.col}, e.what(), e.id);
      return;
    }
    deliver(0, std::move(root));
  }

  bool is_json_file() const {
    const std::string_view ext = ".json";
    return origin_ && origin_->size() >= ext.size() &&
           origin_->compare(origin_->size() - ext.size(), ext.size(), ext) == 0;
  }

  bool read_as_yaml_instead(std::string_view text) {
    Findings yaml_findings;
    std::vector<Document> docs;
    const DocumentSink collect = [&](Document&& d) {
      docs.push_back(std::move(d));
      return true;
    };
    StreamReader yaml(origin_, limits_, yaml_findings, collect);
    yaml.read_yaml(text);
    for (const Finding& f : yaml_findings.items()) {
      if (f.rule_id == kParseError) return false;
    }
    findings_.append(yaml_findings);
    for (Document& d : docs) {
      if (!deliver(d.index, std::move(d.root))) break;
    }
    return true;
  }

  void read_yaml(std::string_view text) {
    DocumentSplitter splitter(text);
    Chunk chunk;
    while (!stopped_ && splitter.next(chunk)) {
      if (chunk.empty) continue;
      const TextPos start{chunk.first_line + 1, 1};
      if (!count_document(start)) return;
      const size_t index = index_ - 1;
      if (!check_size_and_encoding(chunk.text, start)) continue;
      try {
        deliver(index, read_yaml_document(chunk.text, chunk.first_line, limits_));
      } catch (const DocumentError& e) {
        error({e.line, e.col}, e.what(), e.id);
      }
    }
  }

  // Documents are counted whether or not they can be read, so that index
  // is the position in the stream.
  bool count_document(TextPos start) {
    if (index_ == limits_.max_documents) {
      error(
          start,
          fmt::format("input has more than {} documents (--max-documents)", limits_.max_documents),
          kLimit);
      return false;
    }
    ++index_;
    return true;
  }

  bool check_size_and_encoding(std::string_view doc, TextPos start) {
    if (doc.size() > limits_.max_document_bytes) {
      error(start,
            fmt::format("document is larger than {} bytes (--max-document-bytes)",
                        limits_.max_document_bytes),
            kLimit);
      return false;
    }
    if (size_t bad = find_invalid_utf8(doc); bad != std::string_view::npos) {
      error(position_of(doc, bad, start),
            fmt::format("invalid UTF-8 byte 0x{:02X}", static_cast<unsigned char>(doc[bad])),
            "invalid-utf8");
      return false;
    }
    return true;
  }

  bool deliver(size_t index, Node&& root) {
    ++delivered_;
    if (!sink_(Document{origin_, index, std::move(root)})) stopped_ = true;
    return !stopped_;
  }

  void error(TextPos at, std::string message, const char* id) {
    findings_.error(Location{origin_, at.line, at.col}, std::move(message), id);
  }

  std::shared_ptr<const std::string> origin_;
  const ParseLimits& limits_;
  Findings& findings_;
  const DocumentSink& sink_;
  size_t index_ = 0;
  size_t delivered_ = 0;
  bool stopped_ = false;
};

}  // namespace

size_t read_documents(const std::string& text, std::shared_ptr<const std::string> origin,
                      const ParseLimits& limits, Findings& findings, const DocumentSink& sink) {
  return StreamReader(std::move(origin), limits, findings, sink).read(text);
}

}  // namespace im
