// ingress-nginx canaries. A canary Ingress creates no routes of its own
// (controller.go createServers skips it); mergeAlternativeBackends finds the
// primary location with the same host, path and pathType and attaches the
// canary to the primary *upstream* (namespace-service-port), so the split
// applies to every location that proxies to that Service. Lua only uses the
// first alternative backend (balancer.lua route_to_alternative_balancer).

#include <fmt/format.h>

#include <re2/re2.h>

#include "convert/filter_set.h"
#include "convert/input_values.h"
#include "convert/path_semantics.h"
#include "convert/plan.h"

namespace im {

namespace {

struct CanaryTarget {
  size_t canary_ingress;
  BackendRefIR backend;
  std::string primary_ns;
  BackendRefIR primary;
};

bool same_upstream(const BackendRefIR& a, const BackendRefIR& b) { return a == b; }

/// canary/main.go defaults canary-weight-total to 100, and balancer.lua only
/// honours a total above 100 (smaller totals act as 100).
int effective_total(const CanaryPolicy& c) { return c.weight_total > 100 ? c.weight_total : 100; }

/// Header names and patterns must be valid where Gateway API puts them; a
/// canary whose selector cannot be expressed is not converted at all, since
/// half a canary would send the wrong requests to it.
bool canary_selectors_valid(const IngressInfo& info, Findings& findings) {
  const CanaryPolicy& c = info.policy.canary;
  if (!c.by_header.empty() && !is_header_name(c.by_header)) {
    findings.error(c.location,
                   fmt::format("canary-by-header \"{}\" is not a valid HTTP header name (1-256 token "
                               "characters); canary Ingress {} not converted",
                               c.by_header.size() > 64 ? c.by_header.substr(0, 64) + "..." : c.by_header,
                               info.ing->ref()),
                   "nginx-canary-by-header");
    return false;
  }
  if (auto why = header_value_problem(c.header_value); !c.header_value.empty() && !why.empty()) {
    findings.error(c.location,
                   fmt::format("canary-by-header-value {}; canary Ingress {} not converted", why,
                               info.ing->ref()),
                   "nginx-canary-by-header-value");
    return false;
  }
  if (!c.header_pattern.empty()) {
    RE2 re(c.header_pattern, RE2::Quiet);
    if (!re.ok()) {
      findings.error(c.location,
                     fmt::format("canary-by-header-pattern \"{}\" cannot be compiled by RE2 ({}); "
                                 "canary Ingress {} not converted",
                                 c.header_pattern, re.error(), info.ing->ref()),
                     "nginx-canary-by-header-pattern");
      return false;
    }
  }
  if (!c.by_cookie.empty() && c.by_cookie.find_first_of(";= \t") != std::string::npos) {
    findings.error(c.location,
                   fmt::format("canary-by-cookie \"{}\" is not a valid cookie name; canary Ingress "
                               "{} not converted",
                               c.by_cookie, info.ing->ref()),
                   "nginx-canary-by-cookie");
    return false;
  }
  return true;
}

/// Rules that pick a side by header or cookie. balancer.lua
/// route_to_alternative_balancer checks the header first ("always" -> canary,
/// "never" -> primary, or an exact value / a pattern), then the cookie, then
/// the weight. Gateway API prefers rules with more header matches and, on a
/// tie, the earlier rule, so header rules come before cookie rules and both
/// beat the weighted rule.
std::vector<RouteRuleIR> selector_rules(const RouteRuleIR& base, const CanaryPolicy& c,
                                        const BackendRefIR& canary) {
  std::vector<RouteRuleIR> out;
  auto add = [&](HeaderMatchIR header, const BackendRefIR& to) {
    RouteRuleIR r;
    r.path = base.path;
    r.headers = base.headers;
    r.headers.push_back(std::move(header));
    r.filters = base.filters;
    r.backend_timeout = base.backend_timeout;
    r.session_persistence = base.session_persistence;
    r.request_timeout = base.request_timeout;
    r.retry = base.retry;
    BackendRefIR b = to;
    b.weight.reset();
    r.backends.push_back(b);
    r.source = c.location;
    out.push_back(std::move(r));
  };
  const BackendRefIR primary = BackendRefIR{base.backends[0].group, base.backends[0].kind,
                                            base.backends[0].name, base.backends[0].port, {}};
  if (!c.by_header.empty()) {
    if (!c.header_value.empty()) {
      add(HeaderMatchIR{"Exact", c.by_header, c.header_value}, canary);
    } else if (!c.header_pattern.empty()) {
      // ngx.re.match searches; wrap so full-match implementations agree.
      add(HeaderMatchIR{"RegularExpression", c.by_header, ".*(?:" + c.header_pattern + ").*"}, canary);
    } else {
      add(HeaderMatchIR{"Exact", c.by_header, "always"}, canary);
      add(HeaderMatchIR{"Exact", c.by_header, "never"}, primary);
    }
  }
  if (!c.by_cookie.empty()) {
    // The Cookie header holds "a=1; b=2": match the one cookie exactly.
    auto cookie = [&](const char* value) {
      return HeaderMatchIR{"RegularExpression", "Cookie",
                           "(?:^|.*;\\s*)" + RE2::QuoteMeta(c.by_cookie) + "=" + value + "(?:;.*)?"};
    };
    add(cookie("always"), canary);
    add(cookie("never"), primary);
  }
  return out;
}

}  // namespace

void plan_canaries(Plan& plan) {
  std::vector<CanaryTarget> targets;
  for (size_t i = 0; i < plan.ingresses.size(); ++i) {
    const IngressInfo& info = plan.ingresses[i];
    if (!info.is_canary() || info.cls.name.empty()) continue;
    const Ingress& ing = *info.ing;
    if (!canary_selectors_valid(info, *plan.findings)) continue;
    for (const auto& rule : ing.rules) {
      for (const auto& p : rule.paths) {
        Findings quiet;  // path problems are reported for primaries, not repeated here
        PathContext ctx{info.cls.controller, false, false, "", "", "/~"};
        // The primary is found by the Ingress path as written, like
        // mergeAlternativeBackends does, so a primary that became a regex or
        // a rewritten prefix keeps its canary; else by the converted match
        // (a host's "/" from a default backend).
        const ClaimedPath* found = nullptr;
        if (auto by_path = plan.claimed_by_ingress_path.find(
                Plan::ingress_path_key(info.scope(), rule.host, p));
            by_path != plan.claimed_by_ingress_path.end()) {
          found = &by_path->second;
        } else if (auto match = convert_path(p, rule.host, ctx, quiet)) {
          auto by_match = plan.claimed.find(Plan::claim_key(info.scope(), rule.host, *match));
          if (by_match != plan.claimed.end()) found = &by_match->second;
        } else {
          continue;
        }
        if (!found || plan.ingresses[found->ingress].ing->ns != ing.ns) {
          plan.findings->warning(
              p.location,
              fmt::format("canary path \"{}\" on host {} has no primary Ingress with the same host, "
                          "path and pathType; ingress-nginx ignores it, so it is not converted",
                          p.path.empty() ? "/" : p.path, rule.host.empty() ? "(any host)" : rule.host),
              "canary-without-primary");
          continue;
        }
        auto backend = resolve_backend(p.backend, ing, *plan.inventory, *plan.findings);
        if (!backend) continue;
        const BackendRefIR& primary = found->backend;
        bool taken = false;
        for (const auto& t : targets) {
          if (t.primary_ns == ing.ns && same_upstream(t.primary, primary)) taken = true;
        }
        if (taken) {
          plan.findings->warning(p.location,
                                 fmt::format("Service {} already has a canary; ingress-nginx uses "
                                             "only the first, so this one is not converted",
                                             primary.name),
                                 "canary-duplicate");
          continue;
        }
        targets.push_back(CanaryTarget{i, *backend, ing.ns, primary});
      }
    }
  }
  for (const auto& t : targets) {
    const IngressInfo& canary = plan.ingresses[t.canary_ingress];
    const CanaryPolicy& c = canary.policy.canary;
    int total = effective_total(c);
    int weight = std::min(c.weight.value_or(0), total);
    for (auto& draft : plan.drafts) {
      if (plan.ingresses[draft.ingress].ing->ns != t.primary_ns ||
          plan.ingresses[draft.ingress].cls.name != canary.cls.name) {
        continue;
      }
      std::vector<RouteRuleIR> selectors;
      for (auto& rule : draft.rules) {
        if (rule.backends.size() != 1 || !same_upstream(rule.backends[0], t.primary)) continue;
        plan.merged_canaries[canary.ing->ref()] = plan.ingresses[draft.ingress].ing->ref();
        for (auto& sel : selector_rules(rule, c, t.backend)) selectors.push_back(std::move(sel));
        rule.backends[0].weight = total - weight;
        BackendRefIR cb = t.backend;
        cb.weight = weight;
        rule.backends.push_back(cb);
      }
      draft.rules.insert(draft.rules.end(), selectors.begin(), selectors.end());
    }
  }
}

}  // namespace im
