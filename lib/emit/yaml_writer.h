#pragma once
// Writes Gateway API objects as YAML the way kubectl prints them, and as a
// kubectl-style JSON List. Output depends only on the input (key order is the
// ordered_json's), so golden files can pin it byte for byte.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace im {

/// One document as block-style YAML: 2-space indent, sequences under a key
/// not indented further, strings quoted only when a YAML 1.1 or 1.2 reader
/// could take them for something else. Ends with a newline. Invalid UTF-8
/// becomes U+FFFD. Throws std::invalid_argument for binary values.
std::string to_yaml(const nlohmann::ordered_json& doc);

/// Every document, each preceded by "---\n"; "" for no documents.
std::string to_yaml_stream(const std::vector<nlohmann::ordered_json>& docs);

/// {"apiVersion": "v1", "kind": "List", "items": [...]} indented by 2 spaces,
/// with a trailing newline. Invalid UTF-8 becomes U+FFFD, as in to_yaml.
std::string to_json_list(const std::vector<nlohmann::ordered_json>& items);

}  // namespace im
