#pragma once
// The schema of one CRD's .spec, read from a constraint dump
// (rules/crd/<channel>-<plural>-v1.txt): one line per JSON path with its
// OpenAPI constraints, followed by the CEL rules ("CEL: message | rule")
// that hang on that node. Every pattern is compiled and every CEL message is
// bound to its C++ implementation when the table loads, so a dump we cannot
// fully enforce fails loudly instead of validating less than it claims.

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace im::validate {

struct CelRule;

/// A malformed dump, an uncompilable pattern or an unimplemented CEL rule.
/// The message starts with "<source>:<line>: ".
class ConstraintTableError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// a == b for short field names; the first character settles most
/// mismatches of equal length ("kind" and "name") without a memcmp call,
/// which shows up when one object is looked into a hundred times.
inline bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (a.empty() || (a[0] == b[0] && a == b));
}

/// JSON type of a schema node.
enum class NodeType {
  String,
  Integer,
  Boolean,
  Array,
  Object,     ///< has properties listed in the dump; any other key is unknown
  StringMap,  ///< no type and no properties: map[string]string (labels, options)
  IntOrString,  ///< x-kubernetes-int-or-string (vendor quantities): an integer or a string
};

/// How duplicates in an array are judged (x-kubernetes-list-type).
enum class ListType { Atomic, Set, Map };

/// One JSON path of the schema with its constraints.
struct SchemaNode {
  std::string json_path;  ///< as written in the dump, e.g. ".spec.rules[].matches"
  int line = 0;           ///< 1-based line in the dump
  NodeType type = NodeType::Object;

  std::optional<int64_t> min_length, max_length;  ///< in Unicode code points
  std::optional<int64_t> minimum, maximum;
  std::optional<int64_t> min_items, max_items, min_properties, max_properties;
  std::string pattern;                    ///< source text, for messages
  std::shared_ptr<const re2::RE2> regex;  ///< compiled `pattern`, or null
  /// Further patterns that must all match too (a vendor CRD's allOf).
  std::vector<std::pair<std::string, std::shared_ptr<const re2::RE2>>> more_patterns;
  std::vector<nlohmann::ordered_json> enum_values;
  std::vector<std::string> required;
  /// Groups of fields of which at most one may be set: a protobuf oneof,
  /// which Istio's CRDs spell as an OpenAPI oneOf (`oneof=` in the dump).
  std::vector<std::vector<std::string>> one_of;
  std::optional<nlohmann::ordered_json> default_value;
  ListType list_type = ListType::Atomic;
  std::vector<std::string> list_map_keys;
  std::vector<const CelRule*> cel;  ///< bound implementations, in dump order

  std::map<std::string, SchemaNode, std::less<>> properties;
  std::unique_ptr<SchemaNode> items;  ///< the "[]" child of an array

  /// The property called `name`, or nullptr. Faster than properties.find()
  /// on the few fields a node has, which matters at 100k objects.
  const SchemaNode* property(std::string_view name) const {
    for (const auto& [key, child] : property_index) {
      if (same_name(key, name)) return child;
    }
    return nullptr;
  }
  /// Filled when the table is loaded: (name, node) of every property.
  std::vector<std::pair<std::string_view, const SchemaNode*>> property_index;
};

/// A loaded dump.
struct ConstraintTable {
  std::string source;                     ///< e.g. "rules/crd/standard-httproutes-v1.txt"
  SchemaNode spec;                        ///< the ".spec" node
  std::vector<std::string> cel_messages;  ///< every CEL message, in dump order
  std::vector<std::string> patterns;      ///< every distinct pattern, in dump order
};

/// Parses a dump. `source` names it in error messages.
/// Throws ConstraintTableError.
ConstraintTable load_constraint_table(std::string_view source, std::string_view text);

/// The embedded table "rules/crd/<name>", loaded once and kept for the life
/// of the process (thread-safe). Throws ConstraintTableError if it is missing
/// or broken.
const ConstraintTable& embedded_constraint_table(std::string_view name);

}  // namespace im::validate
