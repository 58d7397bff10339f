#pragma once
// A parsed YAML/JSON value that remembers where every part of it came from.
// yaml-cpp's own YAML::Node keeps marks too, but costs far more memory per
// node and cannot be built incrementally from the event API, so the readers
// build this compact tree instead.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace im {

struct Node {
  enum class Type : uint8_t { Null, Scalar, Sequence, Mapping };

  Type type = Type::Null;
  /// True for a plain (unquoted) YAML scalar or a bare JSON number/bool/null,
  /// whose meaning depends on its text ("80" is a number, "\"80\"" a string).
  bool plain = false;
  uint32_t line = 0;  ///< 1-based
  uint32_t col = 0;   ///< 1-based
  std::string value;  ///< Scalar text
  std::vector<Node> items;                      ///< Sequence items
  std::vector<std::pair<Node, Node>> entries;   ///< Mapping (key, value), source order

  bool is_null() const { return type == Type::Null; }
  bool is_scalar() const { return type == Type::Scalar; }
  bool is_sequence() const { return type == Type::Sequence; }
  bool is_mapping() const { return type == Type::Mapping; }

  /// The value for a scalar key in a mapping, or nullptr (also when not a mapping).
  const Node* get(std::string_view key) const;
  /// The key node for `key` (for positions of keys), or nullptr.
  const Node* key_node(std::string_view key) const;

  /// A plain scalar that YAML 1.2 core schema reads as an integer.
  bool is_int() const;
  /// A plain scalar true/false (also YAML 1.1 yes/no/on/off spellings).
  bool is_bool() const;
  /// "a mapping", "a sequence", "a string", "a number", "a boolean", "null".
  std::string_view describe() const;
};

}  // namespace im
