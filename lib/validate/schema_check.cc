#include "validate/schema_check.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <cstdint>

#include "util/text.h"
#include "validate/cel_rules.h"
#include "validate/cel_support.h"
#include "validate/messages.h"

namespace im::validate {
namespace {

using Json = nlohmann::ordered_json;

class Checker {
 public:
  Checker(std::string& path, std::vector<ValidationError>& errors) : path_(path), errors_(errors) {}

  void check(const Json& value, const SchemaNode& node) {
    if (!has_type(value, node.type)) {
      error(fmt::format("must be of type {}, got {}", type_name(node.type), json_type_name(value)));
      return;
    }
    switch (node.type) {
      case NodeType::String:
        check_string(value.get_ref<const std::string&>(), node);
        break;
      case NodeType::Integer:
        check_integer(value, node);
        break;
      case NodeType::Boolean:
        break;
      case NodeType::IntOrString:
        if (value.is_string()) check_string(value.get_ref<const std::string&>(), node);
        break;
      case NodeType::Array:
        check_array_bounds(value, node);
        break;
      case NodeType::Object:
        check_property_count(value, node);
        check_required(value, node);
        break;
      case NodeType::StringMap:
        check_map(value, node);
        break;
    }
    check_enum(value, node);
    if (!node.cel.empty()) {
      const cel::Value self(&value, &node);
      for (const CelRule* rule : node.cel) {
        if (!rule->holds(self)) error(rule->message);
      }
    }
    if (node.type == NodeType::Array) check_items(value, node);
    if (node.type == NodeType::Object) check_fields(value, node);
  }

 private:
  static bool has_type(const Json& v, NodeType type) {
    switch (type) {
      case NodeType::String:
        return v.is_string();
      case NodeType::Integer:
        return v.is_number_integer();
      case NodeType::Boolean:
        return v.is_boolean();
      case NodeType::IntOrString:
        return v.is_string() || v.is_number_integer();
      case NodeType::Array:
        return v.is_array();
      case NodeType::Object:
      case NodeType::StringMap:
        return v.is_object();
    }
    return false;
  }

  static std::string_view type_name(NodeType type) {
    switch (type) {
      case NodeType::String:
        return "string";
      case NodeType::Integer:
        return "integer";
      case NodeType::Boolean:
        return "boolean";
      case NodeType::IntOrString:
        return "integer or string";
      case NodeType::Array:
        return "array";
      case NodeType::Object:
      case NodeType::StringMap:
        return "object";
    }
    return "?";
  }

  void error(std::string message) { errors_.push_back({path_, std::move(message)}); }

  void check_string(const std::string& s, const SchemaNode& node) {
    // Kubernetes counts characters (Unicode code points), not bytes.
    const auto length = static_cast<int64_t>(cel::code_points(s));
    if (node.min_length && length < *node.min_length) {
      error(fmt::format("must be at least {} long",
                        count_noun(*node.min_length, "character", "characters")));
    }
    if (node.max_length && length > *node.max_length) {
      error(fmt::format("must be at most {} long",
                        count_noun(*node.max_length, "character", "characters")));
    }
    // OpenAPI patterns are unanchored searches, like Go's MatchString.
    if (node.regex && !RE2::PartialMatch(s, *node.regex)) {
      error(fmt::format("invalid value {}: must match {}", quote_value(s), node.pattern));
    }
    for (const auto& [pattern, regex] : node.more_patterns) {
      if (!RE2::PartialMatch(s, *regex)) {
        error(fmt::format("invalid value {}: must match {}", quote_value(s), pattern));
      }
    }
  }

  void check_integer(const Json& v, const SchemaNode& node) {
    // Unsigned values beyond int64 are above every maximum in the dumps.
    const bool huge =
        v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX);
    const int64_t n = huge ? INT64_MAX : v.get<int64_t>();
    if (node.minimum && !huge && n < *node.minimum) {
      error(fmt::format("must be greater than or equal to {}, got {}", *node.minimum, v.dump()));
    }
    if (node.maximum && (huge || n > *node.maximum)) {
      error(fmt::format("must be less than or equal to {}, got {}", *node.maximum, v.dump()));
    }
  }

  void check_enum(const Json& v, const SchemaNode& node) {
    if (node.enum_values.empty()) return;
    for (const Json& allowed : node.enum_values) {
      if (v == allowed) return;
    }
    std::string supported;
    for (const Json& allowed : node.enum_values) {
      if (!supported.empty()) supported += ", ";
      supported += allowed.dump();
    }
    error(fmt::format("unsupported value {}; supported values: {}", quote_value(v), supported));
  }

  void check_array_bounds(const Json& v, const SchemaNode& node) {
    const auto n = static_cast<int64_t>(v.size());
    if (node.min_items && n < *node.min_items) {
      error(fmt::format("must have at least {}", count_noun(*node.min_items, "item", "items")));
    }
    if (node.max_items && n > *node.max_items) {
      error(fmt::format("must have at most {}", count_noun(*node.max_items, "item", "items")));
    }
  }

  // x-kubernetes-list-type set: items are unique; map: items are unique by
  // their list-map-keys. Each later duplicate is reported at its own index.
  void check_unique(const Json& v, const SchemaNode& node, size_t i) {
    for (size_t j = 0; j < i; ++j) {
      if (node.list_type == ListType::Set && v[j] == v[i]) {
        error(fmt::format("duplicate value {}", quote_value(v[i])));
        return;
      }
      if (node.list_type == ListType::Map && same_keys(v[j], v[i], node.list_map_keys)) {
        std::string keys;
        for (const std::string& key : node.list_map_keys) {
          const Json* k = cel::json_field(v[i], key);
          keys += fmt::format("{}{} {}", keys.empty() ? "" : " and ", key,
                              k ? quote_value(*k) : "null");
        }
        error(fmt::format("duplicate entry with {}", keys));
        return;
      }
    }
  }

  static bool same_keys(const Json& a, const Json& b, const std::vector<std::string>& keys) {
    for (const std::string& key : keys) {
      const Json* x = cel::json_field(a, key);
      const Json* y = cel::json_field(b, key);
      if ((x == nullptr) != (y == nullptr) || (x && *x != *y)) return false;
    }
    return true;
  }

  void check_items(const Json& v, const SchemaNode& node) {
    const size_t base = path_.size();
    for (size_t i = 0; i < v.size(); ++i) {
      path_ += '[';
      path_ += std::to_string(i);
      path_ += ']';
      if (node.list_type != ListType::Atomic) check_unique(v, node, i);
      check(v[i], *node.items);
      path_.resize(base);
    }
  }

  void check_required(const Json& v, const SchemaNode& node) {
    for (const std::string& name : node.required) {
      if (!v.contains(name)) {
        const size_t base = path_.size();
        path_ += '.';
        path_ += name;
        error("required field is missing");
        path_.resize(base);
      }
    }
    for (const auto& group : node.one_of) {
      std::vector<std::string> set;
      for (const std::string& name : group) {
        if (v.contains(name)) set.push_back(name);
      }
      if (set.size() > 1) {
        error(fmt::format("must validate one and only one schema (oneOf): at most one of [{}] may be set, got {}",
                          join(group, ", "), join(set, " and ")));
      }
    }
  }

  void check_fields(const Json& v, const SchemaNode& node) {
    const size_t base = path_.size();
    for (const auto& [name, child_value] : v.get_ref<const Json::object_t&>()) {
      path_ += '.';
      path_ += name;
      const SchemaNode* child_node = node.property(name);
      if (!child_node) {
        std::vector<std::string> known;
        for (const auto& [known_name, child] : node.properties) known.push_back(known_name);
        error(unknown_field_message(name, known));
      } else {
        check(child_value, *child_node);
      }
      path_.resize(base);
    }
  }

  // minProperties/maxProperties (GKE's HealthCheckPolicy config: a type
  // and exactly one check).
  void check_property_count(const Json& v, const SchemaNode& node) {
    const auto n = static_cast<int64_t>(v.size());
    if (node.min_properties && n < *node.min_properties) {
      error(fmt::format("must have at least {}", count_noun(*node.min_properties, "entry", "entries")));
    }
    if (node.max_properties && n > *node.max_properties) {
      error(fmt::format("must have at most {}", count_noun(*node.max_properties, "entry", "entries")));
    }
  }

  // map[string]string: labels, annotations, selectors, TLS options.
  void check_map(const Json& v, const SchemaNode& node) {
    check_property_count(v, node);
    const size_t base = path_.size();
    for (const auto& [key, value] : v.get_ref<const Json::object_t&>()) {
      if (value.is_string()) continue;
      path_ += '[';
      path_ += key;
      path_ += ']';
      error(fmt::format("must be of type string, got {}", json_type_name(value)));
      path_.resize(base);
    }
  }

  std::string& path_;
  std::vector<ValidationError>& errors_;
};

}  // namespace

void check_node(const nlohmann::ordered_json& value, const SchemaNode& node, std::string& path,
                std::vector<ValidationError>& errors) {
  Checker(path, errors).check(value, node);
}

}  // namespace im::validate
