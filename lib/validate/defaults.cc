#include "validate/defaults.h"

namespace im::validate {

void apply_defaults(nlohmann::ordered_json& value, const SchemaNode& node) {
  if (node.type == NodeType::Object && value.is_object()) {
    for (const auto& [name, child] : node.properties) {
      if (child.default_value && !value.contains(name)) value[name] = *child.default_value;
    }
    for (auto& [name, child_value] : value.items()) {
      auto it = node.properties.find(name);
      if (it != node.properties.end()) apply_defaults(child_value, it->second);
    }
  } else if (node.type == NodeType::Array && value.is_array()) {
    for (auto& item : value) apply_defaults(item, *node.items);
  }
}

}  // namespace im::validate
