#pragma once
// Cuts a YAML stream into one piece per document before parsing, so that a
// syntax error in one document cannot take the rest of the stream with it:
// each piece gets its own parser.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace im {

/// One document's bytes. It starts at a line start, so parser columns hold.
struct Chunk {
  std::string_view text;
  uint32_t first_line = 0;  ///< 0-based line of text[0] in the stream
  bool empty = true;        ///< only markers, comments, directives, blank lines
};

/// Splits at lines that are "---" or start with "--- "/"---\t" (the marker
/// starts the next piece) and at "..." lines (the marker ends the piece), as
/// YAML forbids those at column 0 inside any document. Comments and
/// directives before the first marker stay with the document they precede.
class DocumentSplitter {
 public:
  explicit DocumentSplitter(std::string_view text) : text_(text) {}

  /// The next piece; false at the end of the stream.
  bool next(Chunk& out);

 private:
  std::string_view text_;
  size_t pos_ = 0;
  uint32_t line_ = 0;
};

}  // namespace im
