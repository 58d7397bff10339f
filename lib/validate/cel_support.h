#pragma once
// What the CEL rule implementations read: a value as the API server's CEL
// sees it, and accessors that read like the CEL they replace (has(self.x),
// self.x == 'y', self.all(...), exists_one(...)). Internal to lib/validate.
//
// The API server applies schema defaults before it evaluates CEL. Copying
// and defaulting every object would cost more than validating it, so a
// Value pairs the JSON with its schema node and supplies a field's default
// when the field is absent: the rules see the defaulted object without it
// ever being built.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "validate/constraint_table.h"

namespace im::validate::cel {

using Json = nlohmann::ordered_json;

/// obj.key as written (no defaults), or nullptr when obj is not an object
/// or has no such key.
inline const Json* json_field(const Json& obj, std::string_view key) {
  if (!obj.is_object()) return nullptr;
  for (const auto& [k, v] : obj.get_ref<const Json::object_t&>()) {
    if (same_name(k, key)) return &v;
  }
  return nullptr;
}

/// A JSON value with the schema node that describes it; empty when absent.
class Value {
 public:
  Value() = default;
  Value(const Json* json, const SchemaNode* schema) : json_(json), schema_(schema) {}

  /// has(): present, or absent with a default.
  explicit operator bool() const { return json_ != nullptr; }
  const Json& json() const { return *json_; }

  bool is_array() const { return json_ && json_->is_array(); }
  size_t size() const {
    return json_ && (json_->is_array() || json_->is_object()) ? json_->size() : 0;
  }

  /// self.key, defaulted; empty when absent without default or not an object.
  Value operator[](std::string_view key) const {
    if (!json_) return {};
    const SchemaNode* child = schema_ ? schema_->property(key) : nullptr;
    if (const Json* v = json_field(*json_, key)) return {v, child};
    if (json_->is_object() && child && child->default_value) return {&*child->default_value, child};
    return {};
  }

  /// self[i] of an array (i < size()).
  Value at(size_t i) const { return {&(*json_)[i], schema_ ? schema_->items.get() : nullptr}; }

  /// The string, or nullptr when absent or not a string.
  const std::string* str() const {
    return json_ && json_->is_string() ? &json_->get_ref<const std::string&>() : nullptr;
  }

 private:
  const Json* json_ = nullptr;
  const SchemaNode* schema_ = nullptr;
};

/// has(self.key).
inline bool has(const Value& self, std::string_view key) {
  return static_cast<bool>(self[key]);
}

/// self.key when it is a string, else nullptr.
inline const std::string* str(const Value& self, std::string_view key) {
  return self[key].str();
}

/// self.key == value (false when absent or not a string).
inline bool str_eq(const Value& self, std::string_view key, std::string_view value) {
  const std::string* s = str(self, key);
  return s && *s == value;
}

/// (!has(self.key) || self.key == ''), the CEL idiom for "unset".
inline bool unset_or_empty(const Value& self, std::string_view key) {
  const Value v = self[key];
  return !v || (v.str() && v.str()->empty());
}

/// self.key as an integer, or nullopt.
inline std::optional<int64_t> integer(const Value& self, std::string_view key) {
  const Value v = self[key];
  if (v && v.json().is_number_integer()) return v.json().get<int64_t>();
  return std::nullopt;
}

/// a.key == b.key. A key missing on either side makes CEL fail at run time;
/// that counts as "not equal" here, and the schema reports the absence.
inline bool same(const Value& a, const Value& b, std::string_view key) {
  const Value x = a[key];
  const Value y = b[key];
  return x && y && x.json() == y.json();
}

/// CEL list.all(x, pred(x)); true for a non-list (the schema reports it).
template <typename Pred>
bool all(const Value& list, Pred pred) {
  for (size_t i = 0; list.is_array() && i < list.size(); ++i) {
    if (!pred(list.at(i))) return false;
  }
  return true;
}

/// CEL list.filter(x, pred(x)).size().
template <typename Pred>
size_t count(const Value& list, Pred pred) {
  size_t n = 0;
  for (size_t i = 0; list.is_array() && i < list.size(); ++i) n += pred(list.at(i)) ? 1 : 0;
  return n;
}

/// CEL list.exists(x, pred(x)).
template <typename Pred>
bool exists(const Value& list, Pred pred) {
  return count(list, pred) > 0;
}

/// CEL list.exists_one(x, pred(x)): exactly one element matches.
template <typename Pred>
bool exists_one(const Value& list, Pred pred) {
  return count(list, pred) == 1;
}

/// Adds one part of an item's key to `key`: its absence, or its value
/// spelt so that two values CEL's == calls equal are spelt the same (a
/// number by its value, 80.0 as 80; anything else as compact JSON).
inline void append_key_part(std::string& key, const Value& part) {
  if (!part) {
    key += '\x01';
    return;
  }
  key += '\x02';
  const Json& v = part.json();
  const double d = v.is_number() ? v.get<double>() : 0;
  if (v.is_number_float() && d == static_cast<double>(static_cast<int64_t>(d)) && std::abs(d) < 9.0e15) {
    key += std::to_string(static_cast<int64_t>(d));
  } else {
    key += v.dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  key += '\0';  // dump escapes control characters, so this ends the part
}

/// CEL `self.all(x, <x exempt> || self.exists_one(y, <same key as x>))`,
/// where `key_of(item, key)` spells the item's key (append_key_part) and
/// returns false when the item is exempt: no two items that are not exempt
/// share a key. Sorting the keys makes this n log n where the literal
/// reading is n² (a Gateway holds up to 64 listeners, and an output
/// thousands of Gateways).
template <typename KeyOf>
bool keys_unique(const Value& list, KeyOf key_of) {
  std::vector<std::string> keys;
  for (size_t i = 0; list.is_array() && i < list.size(); ++i) {
    std::string key;
    if (key_of(list.at(i), key)) keys.push_back(std::move(key));
  }
  std::sort(keys.begin(), keys.end());
  return std::adjacent_find(keys.begin(), keys.end()) == keys.end();
}

/// CEL `'*' in self && self.size() > 1` for a list of strings.
inline bool star_with_others(const Value& list) {
  return list.size() > 1 && exists(list, [](const Value& x) { return x.str() && *x.str() == "*"; });
}

/// CEL string size(): Unicode code points, not bytes.
inline size_t code_points(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

/// CEL duration(s) in nanoseconds for the integer forms the Duration
/// patterns admit (1h2m3s, 500ms, 10us); nullopt for anything else, which the
/// pattern check reports (cel_duration.cc).
std::optional<int64_t> duration_ns(const std::string* s);

/// CEL quantity(s) in bytes (or units) for the forms the tool writes:
/// digits with an optional binary (Ki..Ei) or decimal (k, M..E) suffix;
/// nullopt for anything else or on overflow (cel_duration.cc).
std::optional<long double> quantity_value(const std::string& s);

}  // namespace im::validate::cel
