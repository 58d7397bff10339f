#pragma once
// Reads one YAML document with yaml-cpp's event API straight into a Node
// tree (YAML::Load would build yaml-cpp's much larger node graph first).

#include <cstdint>
#include <optional>
#include <string_view>

#include "parse/document.h"
#include "parse/node.h"
#include "parse/tree_builder.h"

namespace im {

/// Parses `chunk`, which holds one document and starts at 0-based line
/// `first_line` of its stream. Throws DocumentError. Faults that do not
/// stop the document (a key given twice) are added to `notes`.
Node read_yaml_document(std::string_view chunk, uint32_t first_line, const ParseLimits& limits,
                        std::vector<ParseNote>& notes);

/// The same parse, keeping only the root's apiVersion and kind entries (see
/// HeaderBuilder); errors are those read_yaml_document would throw. nullopt
/// when that would not stand in for the whole tree (the root is not a
/// mapping, or apiVersion or kind is an alias).
std::optional<Node> read_yaml_header(std::string_view chunk, uint32_t first_line,
                                     const ParseLimits& limits, std::vector<ParseNote>& notes);

}  // namespace im
