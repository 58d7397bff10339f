#include "parse/node.h"

namespace im {

const Node* Node::get(std::string_view key) const {
  if (type != Type::Mapping) return nullptr;
  for (const auto& e : entries) {
    if (e.first.type == Type::Scalar && e.first.value == key) return &e.second;
  }
  return nullptr;
}

const Node* Node::key_node(std::string_view key) const {
  if (type != Type::Mapping) return nullptr;
  for (const auto& e : entries) {
    if (e.first.type == Type::Scalar && e.first.value == key) return &e.first;
  }
  return nullptr;
}

bool Node::is_int() const {
  if (type != Type::Scalar || !plain || value.empty()) return false;
  size_t i = (value[0] == '-' || value[0] == '+') ? 1 : 0;
  if (i == value.size()) return false;
  for (; i < value.size(); ++i) {
    if (value[i] < '0' || value[i] > '9') return false;
  }
  return true;
}

bool Node::is_bool() const {
  if (type != Type::Scalar || !plain) return false;
  static const char* const kWords[] = {"true", "false", "True", "False", "TRUE", "FALSE"};
  for (const char* w : kWords) {
    if (value == w) return true;
  }
  return false;
}

std::string_view Node::describe() const {
  switch (type) {
    case Type::Null: return "null";
    case Type::Sequence: return "a sequence";
    case Type::Mapping: return "a mapping";
    case Type::Scalar: break;
  }
  if (is_int()) return "a number";
  if (is_bool()) return "a boolean";
  return "a string";
}

}  // namespace im
