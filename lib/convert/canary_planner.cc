// ingress-nginx canaries. A canary Ingress creates no routes of its own
// (controller.go createServers skips it); mergeAlternativeBackends finds the
// primary location with the same host, path and pathType and attaches the
// canary to the primary *upstream* (namespace-service-port), so the split
// applies to every location that proxies to that Service. Lua only uses the
// first alternative backend (balancer.lua route_to_alternative_balancer).

#include <fmt/format.h>

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

}  // namespace

void plan_canaries(Plan& plan) {
  std::vector<CanaryTarget> targets;
  for (size_t i = 0; i < plan.ingresses.size(); ++i) {
    const IngressInfo& info = plan.ingresses[i];
    if (!info.is_canary() || info.cls.name.empty()) continue;
    const Ingress& ing = *info.ing;
    const CanaryPolicy& c = info.policy.canary;
    if (!c.by_header.empty() || !c.by_cookie.empty()) {
      plan.findings->error(c.location,
                           fmt::format("canary Ingress {} selects by header or cookie, which is not "
                                       "yet converted; only its weight is used",
                                       ing.ref()),
                           "nginx-canary");
    }
    for (const auto& rule : ing.rules) {
      for (const auto& p : rule.paths) {
        Findings quiet;  // path problems are reported for primaries, not repeated here
        PathContext ctx{info.cls.controller, false, false, ""};
        auto match = convert_path(p, rule.host, ctx, quiet);
        if (!match) continue;
        auto it = plan.claimed.find(Plan::claim_key(info.cls.name, rule.host, *match));
        if (it == plan.claimed.end() || plan.ingresses[it->second.ingress].ing->ns != ing.ns) {
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
        const BackendRefIR& primary = it->second.backend;
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
      for (auto& rule : draft.rules) {
        if (rule.backends.size() != 1 || !same_upstream(rule.backends[0], t.primary)) continue;
        rule.backends[0].weight = total - weight;
        BackendRefIR cb = t.backend;
        cb.weight = weight;
        rule.backends.push_back(cb);
      }
    }
  }
}

}  // namespace im
