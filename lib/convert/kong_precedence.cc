#include "convert/kong_precedence.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "util/text.h"

namespace im {

namespace {

/// transform.lua get_priority's match_weight, the part that differs
/// between two rules on one host: +1 for methods, +1 for headers.
int condition_weight(const RouteRuleIR& r) {
  return (r.method.empty() ? 0 : 1) + (r.headers.empty() ? 0 : 1);
}

/// Gateway API PathPrefix semantics: `prefix` matches `path` element-wise.
bool covers(const std::string& prefix, const std::string& path) {
  if (!starts_with(path, prefix)) return false;
  return path.size() == prefix.size() || prefix.back() == '/' || path[prefix.size()] == '/';
}

const Setting* condition_setting(const IngressPolicy& policy, const RouteRuleIR& r) {
  for (const auto& [action, s] : policy.settings) {
    if (!r.method.empty() && s.rule_id == "kong-methods") return &s;
    if (!r.headers.empty() && s.rule_id == "kong-headers") return &s;
  }
  return nullptr;
}

/// "GET and POST requests" rather than "GET requests and POST requests"
/// when only methods differ.
std::string selections(const std::vector<std::string>& selected) {
  const std::string suffix = " requests";
  std::vector<std::string> methods;
  for (const std::string& s : selected) {
    if (!ends_with(s, suffix) || s.find(' ') != s.size() - suffix.size()) return join(selected, " and ");
    methods.push_back(s.substr(0, s.size() - suffix.size()));
  }
  return join(methods, " and ") + suffix;
}

std::string what_is_selected(const RouteRuleIR& r) {
  if (r.headers.empty()) return r.method + " requests";
  std::vector<std::string> headers;
  for (const HeaderMatchIR& h : r.headers) headers.push_back(h.name + ": " + h.value);
  return (r.method.empty() ? "requests" : r.method + " requests") + " with " + join(headers, ", ");
}

}  // namespace

void report_kong_match_precedence(const Plan& plan) {
  // One warning per (annotation, longer path), naming every selection.
  struct Shadow {
    const Setting* setting;
    std::string host, path, owner, longer_path, other_owner;
    std::vector<std::string> selected;
  };
  std::vector<Shadow> shadows;
  for (const RouteDraft& draft : plan.drafts) {
    const IngressInfo& owner = plan.ingresses[draft.ingress];
    if (owner.cls.controller != "kong") continue;
    for (const RouteRuleIR& r : draft.rules) {
      const int weight = condition_weight(r);
      if (weight == 0 || r.path.type != "PathPrefix") continue;
      const Setting* s = condition_setting(owner.policy, r);
      if (!s) continue;
      for (const RouteDraft& other : plan.drafts) {
        const IngressInfo& other_owner = plan.ingresses[other.ingress];
        if (other.host != draft.host || other_owner.cls.name != owner.cls.name) continue;
        for (const RouteRuleIR& longer : other.rules) {
          if (condition_weight(longer) >= weight ||
              longer.path.value.size() <= r.path.value.size() ||
              longer.path.type == "RegularExpression" || !covers(r.path.value, longer.path.value)) {
            continue;
          }
          auto same = [&](const Shadow& x) {
            return x.setting == s && x.longer_path == longer.path.value;
          };
          auto it = std::find_if(shadows.begin(), shadows.end(), same);
          if (it == shadows.end()) {
            shadows.push_back({s,
                               draft.host.empty() ? "(any host)" : draft.host,
                               r.path.value,
                               owner.ing->ref(),
                               longer.path.value,
                               other_owner.ing->ref(),
                               {}});
            it = shadows.end() - 1;
          }
          const std::string selected = what_is_selected(r);
          if (std::find(it->selected.begin(), it->selected.end(), selected) == it->selected.end()) {
            it->selected.push_back(selected);
          }
        }
      }
    }
  }
  for (const Shadow& x : shadows) {
    plan.findings->warning(x.setting->location,
                           fmt::format("on host {}, Kong sent {} for {} to Ingress {}'s route for "
                                       "{}, because a route with methods or "
                                       "headers outranked longer paths without; Gateway API ranks "
                                       "the longer path first, so they now "
                                       "go to Ingress {}'s rule for {}",
                                       x.host, selections(x.selected), x.longer_path, x.owner,
                                       x.path, x.other_owner, x.longer_path),
                           x.setting->rule_id);
  }
}

}  // namespace im
