#pragma once
// Checking JSON output against the schemas in docs/ (a subset of JSON Schema
// draft-07: type, required, properties, additionalProperties: false, items,
// enum, $ref to #/definitions).

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace im::testing {

/// Appends "PATH: problem" for every place `value` breaks `schema`.
void check_schema(const nlohmann::json& value, const nlohmann::json& schema,
                  const nlohmann::json& root, const std::string& path,
                  std::vector<std::string>& errors);

}  // namespace im::testing
