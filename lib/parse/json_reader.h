#pragma once
// A strict JSON reader with positions. yaml-cpp reads most JSON, but it
// rejects surrogate-pair escapes ("\ud83d\ude00", which many JSON writers
// emit for any non-BMP character) and keys longer than 1024 characters,
// so input that looks like JSON is read here instead.

#include <cstdint>
#include <string_view>

#include "parse/document.h"
#include "parse/node.h"
#include "parse/tree_builder.h"

namespace im {

/// Whether the first byte that is not whitespace is '{' or '['.
bool looks_like_json(std::string_view text);

/// Parses `text`, one JSON value starting at 0-based line `first_line`.
/// Throws DocumentError: "parse-error" for syntax, "limit-exceeded" for limits.
/// Faults that do not stop it (a key given twice) are added to `notes`.
Node read_json_document(std::string_view text, uint32_t first_line, const ParseLimits& limits,
                        std::vector<ParseNote>& notes);

}  // namespace im
