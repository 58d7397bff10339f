// A checker for the small JSON Schema subset the documented output formats use.

#include "schema_check.h"

namespace im::testing {

using nlohmann::json;

/// The JSON Schema subset docs/report.schema.json uses: type, required,
/// properties, additionalProperties: false, items, enum, $ref to #/definitions.
/// (verify.schema.json also uses type number.)
void check_schema(const json& value, const json& schema, const json& root, const std::string& path,
                  std::vector<std::string>& errors) {
  if (schema.contains("$ref")) {
    std::string ref = schema["$ref"];
    check_schema(value, root["definitions"][ref.substr(ref.rfind('/') + 1)], root, path, errors);
    return;
  }
  if (schema.contains("type")) {
    std::string t = schema["type"];
    bool ok = (t == "object" && value.is_object()) || (t == "array" && value.is_array()) ||
              (t == "string" && value.is_string()) ||
              (t == "integer" && value.is_number_integer()) ||
              (t == "number" && value.is_number()) || (t == "boolean" && value.is_boolean());
    if (!ok) errors.push_back(path + ": not " + t);
  }
  if (schema.contains("enum")) {
    bool found = false;
    for (const auto& e : schema["enum"]) found = found || e == value;
    if (!found) errors.push_back(path + ": not in enum");
  }
  if (value.is_object()) {
    for (const auto& r : schema.value("required", json::array())) {
      if (!value.contains(r.get<std::string>()))
        errors.push_back(path + ": missing " + r.get<std::string>());
    }
    for (const auto& [k, v] : value.items()) {
      if (schema.contains("properties") && schema["properties"].contains(k)) {
        check_schema(v, schema["properties"][k], root, path + "." + k, errors);
      } else if (schema.value("additionalProperties", true) == false) {
        errors.push_back(path + ": unexpected " + k);
      }
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (size_t i = 0; i < value.size(); ++i) {
      check_schema(value[i], schema["items"], root, path + "[" + std::to_string(i) + "]", errors);
    }
  }
}

}  // namespace im::testing
