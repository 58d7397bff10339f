#include "parse/document_splitter.h"

#include <cstring>

namespace im {

namespace {

enum class LineKind { Blank, Directive, Content, Start, End };

bool is_blank_rest(std::string_view rest) {
  for (char c : rest) {
    if (c == '#') return true;
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

// A marker needs whitespace or the line end after its three characters:
// "---x" is a plain scalar.
bool is_marker(std::string_view line, const char* marker) {
  if (line.size() < 3 || line.compare(0, 3, marker) != 0) return false;
  return line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r';
}

// A "%" line is a directive only before the "---" that opens the document.
LineKind classify(std::string_view line, bool after_start, bool* marker_has_content) {
  if (is_marker(line, "---")) {
    *marker_has_content = !is_blank_rest(line.substr(3));
    return LineKind::Start;
  }
  if (is_marker(line, "...")) return LineKind::End;
  if (!after_start && !line.empty() && line[0] == '%') return LineKind::Directive;
  return is_blank_rest(line) ? LineKind::Blank : LineKind::Content;
}

}  // namespace

bool DocumentSplitter::next(Chunk& out) {
  if (pos_ >= text_.size()) return false;
  const size_t begin = pos_;
  out.first_line = line_;
  out.empty = true;
  bool has_start = false;  // a "---" line belongs to this piece

  while (pos_ < text_.size()) {
    const char* nl =
        static_cast<const char*>(std::memchr(text_.data() + pos_, '\n', text_.size() - pos_));
    const size_t line_end = nl ? static_cast<size_t>(nl - text_.data()) + 1 : text_.size();
    std::string_view line = text_.substr(pos_, line_end - pos_);
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);

    // Inside a document only markers matter; skip the classification of
    // every other line.
    const char first = line.empty() ? '\n' : line[0];
    const bool may_matter = out.empty || first == '-' || first == '.';
    if (may_matter) {
      bool marker_has_content = false;
      switch (classify(line, has_start, &marker_has_content)) {
        case LineKind::Start:
          if (has_start || !out.empty) {
            out.text = text_.substr(begin, pos_ - begin);
            return true;
          }
          has_start = true;
          out.empty = !marker_has_content;
          break;
        case LineKind::End:
          pos_ = line_end;
          ++line_;
          out.text = text_.substr(begin, pos_ - begin);
          return true;
        case LineKind::Content:
          out.empty = false;
          break;
        case LineKind::Blank:
        case LineKind::Directive:
          break;
      }
    }
    pos_ = line_end;
    ++line_;
  }
  out.text = text_.substr(begin, pos_ - begin);
  return true;
}

}  // namespace im
