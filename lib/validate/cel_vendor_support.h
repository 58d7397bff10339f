#pragma once
// Helpers shared by the CEL rules of the vendor CRDs (Envoy Gateway, NGINX
// Gateway Fabric). Internal to lib/validate.

#include <initializer_list>
#include <string_view>

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

}  // namespace im::validate::cel
