#include "convert/kong_methods.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "util/text.h"

namespace im {

namespace {

/// HTTPRouteMatch.method's enum (Gateway API v1 HTTPMethod).
bool gateway_method(const std::string& m) {
  static const std::array<const char*, 9> methods = {"GET",     "HEAD",    "POST",  "PUT",  "DELETE",
                                                     "CONNECT", "OPTIONS", "TRACE", "PATCH"};
  return std::find(methods.begin(), methods.end(), m) != methods.end();
}

bool upper_alpha(const std::string& m) {
  return !m.empty() && std::all_of(m.begin(), m.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

std::optional<std::vector<std::string>> read_kong_methods(const std::string& value, std::string* bad_item) {
  std::vector<std::string> out;
  for (const std::string& item : split(value, ',')) {
    std::string method = to_upper(trim(item));
    if (method.empty()) continue;
    if (!upper_alpha(method)) {
      if (bad_item) *bad_item = trim(item);
      return std::nullopt;
    }
    if (std::find(out.begin(), out.end(), method) == out.end()) out.push_back(method);
  }
  return out;
}

std::optional<std::vector<std::string>> kong_methods(const IngressPolicy& policy, Findings& findings) {
  const Setting* s = policy.setting("match-methods");
  if (!s) return std::vector<std::string>{};
  std::string bad;
  const auto listed = read_kong_methods(s->value, &bad);
  if (!listed) {
    findings.error(s->location,
                   fmt::format("konghq.com/methods: \"{}\" is not a method name (letters only), so the "
                               "Kong Ingress Controller ignored the whole annotation and its routes took every "
                               "method; the routes here take every method too",
                               bad),
                   s->rule_id);
    return std::vector<std::string>{};
  }
  std::vector<std::string> out;
  for (const std::string& m : *listed) {
    if (gateway_method(m)) {
      out.push_back(m);
    } else {
      findings.error(s->location,
                     fmt::format("konghq.com/methods: {} is not one of the methods HTTPRouteMatch.method "
                                 "takes, so {} requests to these paths now go to the host's other rules, or 404",
                                 m, m),
                     s->rule_id);
    }
  }
  if (out.empty() && !listed->empty()) return std::nullopt;
  return out;
}

}  // namespace im
