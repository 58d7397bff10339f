#pragma once
// Helpers shared by the CEL rules of the vendor CRDs (Envoy Gateway, NGINX
// Gateway Fabric). Internal to lib/validate.

#include <functional>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "validate/cel_support.h"

namespace im::validate::cel {

constexpr std::string_view kGatewayGroup = "gateway.networking.k8s.io";

/// CEL `self.key in [values...]`; false when absent (CEL would fail, and the
/// rules below only ask this of fields whose absence the schema reports).
inline bool in(const Value& self, std::string_view key, std::initializer_list<std::string_view> values) {
  const std::string* s = str(self, key);
  if (!s) return false;
  for (std::string_view v : values) {
    if (*s == v) return true;
  }
  return false;
}

/// self.type == t; an absent type fails the expression, reported by `required`.
inline bool type_is(const Value& self, std::string_view t) { return str_eq(self, "type", t); }

// has(self.a) || has(self.b) || ...
inline std::function<bool(const Value&)> any_of_fields(std::initializer_list<std::string_view> fields) {
  std::vector<std::string_view> names(fields);
  return [names](const Value& s) {
    for (std::string_view n : names) {
      if (has(s, n)) return true;
    }
    return false;
  };
}

// !has(self.F) || every targetRef/targetRefs/targetSelectors kind is one of `kinds`.
inline std::function<bool(const Value&)> targets_only_with(std::string_view field,
                                                   std::initializer_list<std::string_view> kinds) {
  std::vector<std::string_view> allowed(kinds);
  return [field, allowed](const Value& s) {
    if (!has(s, field)) return true;
    auto ok = [&](const Value& ref) {
      const std::string* k = str(ref, "kind");
      if (!k) return false;
      for (std::string_view a : allowed) {
        if (*k == a) return true;
      }
      return false;
    };
    return (!has(s, "targetRef") || ok(s["targetRef"])) && all(s["targetRefs"], ok) &&
           all(s["targetSelectors"], ok);
  };
}

}  // namespace im::validate::cel
