#include "model/field_reader.h"

#include <cerrno>
#include <cstdlib>

#include <fmt/format.h>

namespace im {

void FieldReader::wrong_type(const Node& n, std::string_view path, std::string_view expected) {
  findings_.error(at(n), fmt::format("{} must be {}, found {}", path, expected, n.describe()),
                  "invalid-field");
}

const Node* FieldReader::mapping(const Node& parent, std::string_view key, std::string_view path) {
  const Node* n = parent.get(key);
  if (!n || n->is_null()) return nullptr;
  if (!n->is_mapping()) {
    wrong_type(*n, path, "a mapping");
    return nullptr;
  }
  return n;
}

const Node* FieldReader::sequence(const Node& parent, std::string_view key, std::string_view path) {
  const Node* n = parent.get(key);
  if (!n || n->is_null()) return nullptr;
  if (!n->is_sequence()) {
    wrong_type(*n, path, "a sequence");
    return nullptr;
  }
  return n;
}

std::optional<std::string> FieldReader::string(const Node& parent, std::string_view key,
                                               std::string_view path) {
  const Node* n = parent.get(key);
  if (!n || n->is_null()) return std::nullopt;
  if (!n->is_scalar()) {
    wrong_type(*n, path, "a string");
    return std::nullopt;
  }
  return n->value;
}

std::optional<long long> FieldReader::integer(const Node& parent, std::string_view key,
                                              std::string_view path) {
  const Node* n = parent.get(key);
  if (!n || n->is_null()) return std::nullopt;
  if (!n->is_int()) {
    wrong_type(*n, path, "an integer");
    return std::nullopt;
  }
  errno = 0;
  long long v = std::strtoll(n->value.c_str(), nullptr, 10);
  if (errno == ERANGE) {
    wrong_type(*n, path, "an integer in range");
    return std::nullopt;
  }
  return v;
}

}  // namespace im
