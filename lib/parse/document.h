#pragma once
// Reading manifest streams into documents.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "diag/finding.h"
#include "parse/node.h"

namespace im {

/// One document of an input stream.
struct Document {
  std::shared_ptr<const std::string> origin;  ///< file path or "<stdin>"
  size_t index = 0;                           ///< 0-based position in its stream
  Node root;

  Location at(const Node& n) const { return Location{origin, n.line, n.col}; }
};

/// Limits that keep hostile input from exhausting the stack or memory.
/// Defaults are far above any real manifest.
struct ParseLimits {
  size_t max_depth = 256;                 ///< nesting of mappings/sequences
  size_t max_document_bytes = 512u << 20;  ///< one document (a `kubectl get -o json` List is one)
  size_t max_file_bytes = 1024u << 20;    ///< one input
  size_t max_documents = 1000000;         ///< documents per input
  size_t max_alias_nodes = 100000;        ///< nodes produced by alias expansion per document
  /// Nodes per document: a node costs ~100 bytes of memory against ~3
  /// bytes of text, so this, not the byte limits, bounds memory per document.
  size_t max_nodes = 10000000;
  size_t max_scalar_bytes = 16u << 20;    ///< one string
};

/// Called once per parsed document, in stream order. Returning false stops reading.
using DocumentSink = std::function<bool(Document&&)>;

/// Reads every document of `text` (YAML or JSON, multi-document). Syntax,
/// encoding and limit errors become error findings with the position and id
/// "parse-error"/"invalid-utf8"/"limit-exceeded"; reading goes on with the
/// next document where the format allows it. Returns the number of
/// documents delivered.
size_t read_documents(const std::string& text, std::shared_ptr<const std::string> origin,
                      const ParseLimits& limits, Findings& findings, const DocumentSink& sink);

/// Called on the thread that parsed the document. `run` numbers the runs
/// of consecutive documents the stream was cut into (0 .. threads-1), and
/// `findings` is that run's own, for the sink to report into. Within a run,
/// documents arrive in stream order.
using ParallelDocumentSink = std::function<void(size_t run, Document&&, Findings& findings)>;

/// How read_documents may save time on large streams.
struct ReadOptions {
  size_t threads = 1;  ///< parse YAML documents on up to this many threads
  /// A YAML document whose top-level `kind:` this says no to is checked as
  /// thoroughly (syntax, encoding, limits) but delivered with only its
  /// apiVersion and kind entries, without building the rest of its tree.
  /// Null: every document is delivered whole.
  std::function<bool(std::string_view kind)> needs_body;
};

/// read_documents with `options`: the stream is cut into one run of
/// consecutive documents per thread. Findings end up in `findings` in the
/// order read_documents gives them. A JSON input is one document and goes
/// to run 0, whole, on the calling thread.
size_t read_documents(const std::string& text, std::shared_ptr<const std::string> origin,
                      const ParseLimits& limits, Findings& findings, const ReadOptions& options,
                      const ParallelDocumentSink& sink);

}  // namespace im
