#pragma once
// Reading manifest streams into documents.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

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

}  // namespace im
