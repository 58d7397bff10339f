#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

#include "parse/document.h"
#include "parse/document_splitter.h"
#include "parse/json_reader.h"
#include "parse/text_scan.h"
#include "parse/tree_builder.h"
#include "parse/utf16.h"
#include "parse/yaml_reader.h"

namespace im {

namespace {

constexpr const char* kLimit = "limit-exceeded";
constexpr const char* kParseError = "parse-error";

using Origin = std::shared_ptr<const std::string>;

void error_at(Findings& findings, const Origin& origin, TextPos at, std::string message,
              const char* id) {
  findings.error(Location{origin, at.line, at.col}, std::move(message), id);
}

bool check_size_and_encoding(std::string_view doc, TextPos start, const ParseLimits& limits,
                             const Origin& origin, Findings& findings) {
  if (doc.size() > limits.max_document_bytes) {
    error_at(findings, origin, start,
             fmt::format("document is larger than {} bytes (--max-document-bytes)",
                         limits.max_document_bytes),
             kLimit);
    return false;
  }
  // The byte itself is not shown: it may be part of a Secret's data.
  if (size_t bad = find_invalid_utf8(doc); bad != std::string_view::npos) {
    error_at(findings, origin, position_of(doc, bad, start), "invalid UTF-8 byte sequence",
             "invalid-utf8");
    return false;
  }
  return true;
}

// The document's tree, or only its header when its kind (guessed from the
// text, confirmed by the parse) is one `needs_body` says no to.
Node parse_yaml(const Chunk& chunk, const ParseLimits& limits,
                const std::function<bool(std::string_view)>& needs_body,
                std::vector<ParseNote>& notes) {
  if (needs_body) {
    const std::string_view kind = sniff_kind(chunk.text);
    if (!kind.empty() && !needs_body(kind)) {
      if (auto header = read_yaml_header(chunk.text, chunk.first_line, limits, notes)) {
        const Node* parsed = header->get("kind");
        if (parsed != nullptr && parsed->is_scalar() && parsed->value == kind) return *header;
      }
      notes.clear();
    }
  }
  return read_yaml_document(chunk.text, chunk.first_line, limits, notes);
}

void report_notes(const std::vector<ParseNote>& notes, const Origin& origin, Findings& findings) {
  for (const ParseNote& n : notes) error_at(findings, origin, {n.line, n.col}, n.message, n.id);
}

// One YAML document, or nullopt with its error in `findings`. Touches
// nothing shared, so documents can be parsed on several threads at once.
std::optional<Node> parse_chunk(const Chunk& chunk, const ParseLimits& limits, const Origin& origin,
                                Findings& findings,
                                const std::function<bool(std::string_view)>& needs_body = {}) {
  if (!check_size_and_encoding(chunk.text, {chunk.first_line + 1, 1}, limits, origin, findings)) {
    return std::nullopt;
  }
  if (size_t at = find_overlong_scalar(chunk.text, limits.max_scalar_bytes);
      at != std::string_view::npos) {
    const TextPos pos = position_of(chunk.text, at, {chunk.first_line + 1, 1});
    error_at(findings, origin, pos,
             fmt::format("scalar is longer than {} bytes (--max-scalar-bytes)",
                         limits.max_scalar_bytes),
             kLimit);
    return std::nullopt;
  }
  try {
    std::vector<ParseNote> notes;
    Node root = parse_yaml(chunk, limits, needs_body, notes);
    report_notes(notes, origin, findings);
    return root;
  } catch (const DocumentError& e) {
    error_at(findings, origin, {e.line, e.col}, e.what(), e.id);
    return std::nullopt;
  }
}

// Reads one input: whole-input checks, then JSON or YAML document by
// document, turning every DocumentError into a finding.
class StreamReader {
 public:
  StreamReader(Origin origin, const ParseLimits& limits, Findings& findings,
               const DocumentSink& sink)
      : origin_(std::move(origin)), limits_(limits), findings_(findings), sink_(sink) {}

  /// With `parallel`, YAML documents are read as `options` allow and go to
  /// it instead of the serial sink.
  size_t read(std::string_view text, const ReadOptions& options = {},
              const ParallelDocumentSink* parallel = nullptr) {
    if (text.size() > limits_.max_file_bytes) {
      error({},
            fmt::format("input is larger than {} bytes (--max-file-bytes)", limits_.max_file_bytes),
            kLimit);
      return 0;
    }
    if (!decode_wide(text)) return 0;
    text = strip_bom(text);
    if (size_t bad = find_binary_byte(text); bad != std::string_view::npos) {
      error(position_of(text, bad), "input is binary or contains NUL bytes", kParseError);
      return 0;
    }
    if (looks_like_json(text)) {
      read_json(text);
    } else if (parallel != nullptr) {
      read_yaml_parallel(text, options, *parallel);
    } else {
      read_yaml(text);
    }
    return delivered_;
  }

 private:
  // UTF-16 becomes UTF-8 (positions are then in the decoded text); UTF-32
  // is an error that names it. False when the input cannot be read.
  bool decode_wide(std::string_view& text) {
    const WideEncoding enc = detect_wide_encoding(text);
    if (enc == WideEncoding::None) return true;
    if (enc == WideEncoding::Utf32) {
      error({}, "input is UTF-32, which is not read; convert it to UTF-8 (iconv -f UTF-32 -t UTF-8)",
            kParseError);
      return false;
    }
    size_t bad = 0;
    auto utf8 = utf16_to_utf8(text, enc == WideEncoding::Utf16BE, bad);
    if (!utf8) {
      error({}, fmt::format("input is UTF-16 with an invalid code unit at byte {}", bad),
            "invalid-utf8");
      return false;
    }
    decoded_ = std::move(*utf8);
    text = decoded_;
    return true;
  }

  // JSON is one value, or several in a row (`{...}{...}`, one per line),
  // each a document, as kubectl's decoder reads them. Text that only starts
  // like JSON (a YAML flow mapping, several documents) is read again as YAML
  // after a JSON error, which is reported only if YAML finds a syntax error
  // too; but not for a .json file, where YAML's leniency would turn
  // `"b": }` into a null. The values before a JSON error are kept.
  void read_json(std::string_view text) {
    if (!count_document({}) || !check_size_and_encoding(text, {}, limits_, origin_, findings_)) {
      return;
    }
    JsonStream stream = read_json_stream(text, limits_);
    if (stream.error && !is_json_file() &&
        read_as_yaml_instead(text, {stream.error->line, stream.error->col}))
      return;
    for (size_t i = 0; i < stream.values.size(); ++i) {
      JsonValue& v = stream.values[i];
      if (i > 0 && !count_document(v.start)) return;
      report_notes(v.notes, origin_, findings_);
      if (!deliver(index_ - 1, std::move(v.root))) return;
    }
    if (const auto& e = stream.error) {
      if (!stream.values.empty() && !count_document({e->line, e->col})) return;
      error({e->line, e->col}, e->what(), e->id);
    }
  }

  bool is_json_file() const {
    const std::string_view ext = ".json";
    return origin_ && origin_->size() >= ext.size() &&
           origin_->compare(origin_->size() - ext.size(), ext.size(), ext) == 0;
  }

  bool read_as_yaml_instead(std::string_view text, TextPos json_error) {
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
      // YAML stopped (at a limit) before the point JSON got to: JSON's
      // error names the real problem (129 unclosed '[' are too deep for
      // YAML but simply never closed).
      if (f.severity == Severity::Error &&
          std::make_pair(f.location.line, f.location.col) < std::make_pair(json_error.line, json_error.col))
        return false;
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
      if (!count_document({chunk.first_line + 1, 1})) return;
      const size_t index = index_ - 1;
      if (auto root = parse_chunk(chunk, limits_, origin_, findings_)) {
        deliver(index, std::move(*root));
      }
    }
  }

  // read_yaml on up to options.threads threads. The stream is cut into runs of
  // consecutive documents of about equal size, one per thread; each run
  // reports into its own Findings, appended in stream order afterwards, so
  // the result is read_yaml's whatever the timing.
  void read_yaml_parallel(std::string_view text, const ReadOptions& options,
                          const ParallelDocumentSink& sink) {
    struct Piece {
      Chunk chunk;
      size_t index;
    };
    std::vector<Piece> pieces;
    Findings after;  // the --max-documents error follows every document before it
    DocumentSplitter splitter(text);
    Chunk chunk;
    while (splitter.next(chunk)) {
      if (chunk.empty) continue;
      if (index_ == limits_.max_documents) {
        too_many_documents({chunk.first_line + 1, 1}, after);
        break;
      }
      pieces.push_back({chunk, index_++});
    }
    const size_t threads = std::max<size_t>(1, std::min(options.threads, pieces.size()));
    // Run r covers pieces [bounds[r], bounds[r + 1]).
    std::vector<size_t> bounds{0};
    size_t bytes = 0;
    for (size_t i = 0; i < pieces.size() && bounds.size() < threads; ++i) {
      bytes += pieces[i].chunk.text.size();
      if (bytes * threads >= text.size() * bounds.size()) bounds.push_back(i + 1);
    }
    bounds.push_back(pieces.size());
    const size_t runs = bounds.size() - 1;
    std::vector<Findings> run_findings(runs);
    std::vector<size_t> run_delivered(runs, 0);
    auto work = [&](size_t r) {
      for (size_t i = bounds[r]; i < bounds[r + 1]; ++i) {
        if (auto root = parse_chunk(pieces[i].chunk, limits_, origin_, run_findings[r],
                                    options.needs_body)) {
          ++run_delivered[r];
          sink(r, Document{origin_, pieces[i].index, std::move(*root)}, run_findings[r]);
        }
      }
    };
    std::vector<std::thread> workers;
    for (size_t r = 1; r < runs; ++r) workers.emplace_back(work, r);
    work(0);
    for (auto& w : workers) w.join();
    for (size_t r = 0; r < runs; ++r) {
      findings_.append(run_findings[r]);
      delivered_ += run_delivered[r];
    }
    findings_.append(after);
  }

  // Documents are counted whether or not they can be read, so that index
  // is the position in the stream.
  bool count_document(TextPos start) {
    if (index_ == limits_.max_documents) {
      too_many_documents(start, findings_);
      return false;
    }
    ++index_;
    return true;
  }

  void too_many_documents(TextPos start, Findings& into) const {
    error_at(into, origin_, start,
             fmt::format("input has more than {} documents (--max-documents)",
                         limits_.max_documents),
             kLimit);
  }

  bool deliver(size_t index, Node&& root) {
    ++delivered_;
    if (!sink_(Document{origin_, index, std::move(root)})) stopped_ = true;
    return !stopped_;
  }

  void error(TextPos at, std::string message, const char* id) {
    error_at(findings_, origin_, at, std::move(message), id);
  }

  Origin origin_;
  std::string decoded_;  ///< the input as UTF-8, when it came as UTF-16
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

size_t read_documents(const std::string& text, std::shared_ptr<const std::string> origin,
                      const ParseLimits& limits, Findings& findings, const ReadOptions& options,
                      const ParallelDocumentSink& sink) {
  // A JSON input is one document; it goes to run 0.
  const DocumentSink serial = [&](Document&& doc) {
    sink(0, std::move(doc), findings);
    return true;
  };
  return StreamReader(std::move(origin), limits, findings, serial).read(text, options, &sink);
}

}  // namespace im
