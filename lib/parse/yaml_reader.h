#pragma once
// Reads one YAML document with yaml-cpp's event API straight into a Node
// tree (YAML::Load would build yaml-cpp's much larger node graph first).

#include <cstdint>
#include <string_view>

#include "parse/document.h"
#include "parse/node.h"

namespace im {

/// Parses `chunk`, which holds one document and starts at 0-based line
/// `first_line` of its stream. Throws DocumentError.
Node read_yaml_document(std::string_view chunk, uint32_t first_line, const ParseLimits& limits);

}  // namespace im
