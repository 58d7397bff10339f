#pragma once
// Small accessors that let the CEL rule implementations read like the CEL
// they replace: has(self.x), self.x == 'y', self.all(...), exists_one(...).
// Internal to lib/validate.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace im::validate::cel {

using Json = nlohmann::ordered_json;

/// self.key, or nullptr when self is not an object or has no such key.
inline const Json* field(const Json& self, std::string_view key) {
  if (!self.is_object()) return nullptr;
  for (const auto& [k, v] : self.get_ref<const Json::object_t&>()) {
    if (k == key) return &v;
  }
  return nullptr;
}

/// has(self.key).
inline bool has(const Json& self, std::string_view key) { return field(self, key) != nullptr; }

/// self.key when it is a string, else nullptr.
inline const std::string* str(const Json& self, std::string_view key) {
  const Json* v = field(self, key);
  return v && v->is_string() ? &v->get_ref<const std::string&>() : nullptr;
}

/// self.key == value (false when absent or not a string).
inline bool str_eq(const Json& self, std::string_view key, std::string_view value) {
  const std::string* s = str(self, key);
  return s && *s == value;
}

/// (!has(self.key) || self.key == ''), the CEL idiom for "unset".
inline bool unset_or_empty(const Json& self, std::string_view key) {
  const Json* v = field(self, key);
  return !v || (v->is_string() && v->get_ref<const std::string&>().empty());
}

/// self.key as an integer, or nullopt.
inline std::optional<int64_t> integer(const Json& self, std::string_view key) {
  const Json* v = field(self, key);
  if (v && v->is_number_integer()) return v->get<int64_t>();
  return std::nullopt;
}

/// The array self.key, or nullptr when absent or not an array.
inline const Json* list(const Json& self, std::string_view key) {
  const Json* v = field(self, key);
  return v && v->is_array() ? v : nullptr;
}

/// size(self.key) for an array, 0 when absent.
inline size_t list_size(const Json& self, std::string_view key) {
  const Json* v = list(self, key);
  return v ? v->size() : 0;
}

/// CEL list.all(x, pred(x)); also true for a non-list (schema reports it).
template <typename Pred>
bool all(const Json& list, Pred pred) {
  if (!list.is_array()) return true;
  for (const Json& x : list) {
    if (!pred(x)) return false;
  }
  return true;
}

/// CEL list.exists(x, pred(x)).
template <typename Pred>
bool exists(const Json& list, Pred pred) {
  return list.is_array() && !all(list, [&](const Json& x) { return !pred(x); });
}

/// CEL list.exists_one(x, pred(x)): exactly one element matches.
template <typename Pred>
bool exists_one(const Json& list, Pred pred) {
  if (!list.is_array()) return false;
  size_t n = 0;
  for (const Json& x : list) n += pred(x) ? 1 : 0;
  return n == 1;
}

/// CEL list.filter(x, pred(x)).size().
template <typename Pred>
size_t count(const Json& list, Pred pred) {
  size_t n = 0;
  if (list.is_array()) {
    for (const Json& x : list) n += pred(x) ? 1 : 0;
  }
  return n;
}

/// CEL `'*' in self && self.size() > 1` for a list of strings.
inline bool star_with_others(const Json& list) {
  return list.is_array() && list.size() > 1 &&
         exists(list, [](const Json& x) { return x.is_string() && x == "*"; });
}

/// CEL string size(): Unicode code points, not bytes.
inline size_t code_points(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

}  // namespace im::validate::cel
