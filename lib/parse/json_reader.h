#pragma once
// A strict JSON reader with positions. yaml-cpp reads most JSON, but it
// rejects surrogate-pair escapes ("\ud83d\ude00", which many JSON writers
// emit for any non-BMP character) and keys longer than 1024 characters,
// so input that looks like JSON is read here instead.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "parse/document.h"
#include "parse/node.h"
#include "parse/text_scan.h"
#include "parse/tree_builder.h"

namespace im {

/// Whether the first byte that is not whitespace is '{' or '['.
bool looks_like_json(std::string_view text);

/// Parses `text`, one JSON value starting at 0-based line `first_line`.
/// Throws DocumentError: "parse-error" for syntax, "limit-exceeded" for limits.
/// Faults that do not stop it (a key given twice) are added to `notes`.
Node read_json_document(std::string_view text, uint32_t first_line, const ParseLimits& limits,
                        std::vector<ParseNote>& notes);

/// One value of a JSON stream.
struct JsonValue {
  Node root;
  std::vector<ParseNote> notes;
  TextPos start;     ///< where the value begins
  size_t bytes = 0;  ///< its length in the text
};

/// Parses `text` as JSON values one after another, separated by whitespace
/// or nothing (`{...}{...}`, or one per line): what kubectl's decoder reads
/// as a stream of objects. Reading stops at the first error; the values
/// before it are kept.
struct JsonStream {
  std::vector<JsonValue> values;
  std::optional<DocumentError> error;
};
JsonStream read_json_stream(std::string_view text, const ParseLimits& limits);

}  // namespace im
