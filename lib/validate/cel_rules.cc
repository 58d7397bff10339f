#include "validate/cel_rules.h"

#include <algorithm>
#include <stdexcept>

namespace im::validate {

const std::vector<CelRule>& all_cel_rules() {
  static const std::vector<CelRule> rules = [] {
    std::vector<CelRule> v;
    add_gateway_cel_rules(v);
    add_route_cel_rules(v);
    add_match_cel_rules(v);
    add_filter_cel_rules(v);
    add_policy_cel_rules(v);
    add_envoy_gateway_cel_rules(v);
    add_nginx_gateway_fabric_cel_rules(v);
    add_kgateway_cel_rules(v);
    add_istio_cel_rules(v);
    add_gke_cel_rules(v);
    std::sort(v.begin(), v.end(), [](const CelRule& a, const CelRule& b) {
      return a.message != b.message ? a.message < b.message : a.rule < b.rule;
    });
    // Two implementations under one message (and rule text) would make
    // lookup ambiguous.
    for (size_t i = 1; i < v.size(); ++i) {
      if (v[i].message == v[i - 1].message && v[i].rule == v[i - 1].rule) {
        throw std::logic_error("CEL rule implemented twice: " + v[i].message);
      }
    }
    return v;
  }();
  return rules;
}

const CelRule* find_cel_rule(std::string_view message, std::string_view rule) {
  const auto& rules = all_cel_rules();
  auto it = std::lower_bound(rules.begin(), rules.end(), message,
                             [](const CelRule& r, std::string_view m) { return r.message < m; });
  for (; it != rules.end() && it->message == message; ++it) {
    if (it->rule.empty() || it->rule == rule) return &*it;
  }
  return nullptr;
}

}  // namespace im::validate
