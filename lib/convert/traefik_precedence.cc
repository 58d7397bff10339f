#include "convert/traefik_precedence.h"

#include <fmt/format.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/traefik_rule.h"
#include "rules/value_format.h"
#include "util/text.h"

namespace im {
namespace {

/// One router of a Traefik-served Ingress path, with the Gateway API match
/// the conversion made of it.
struct Router {
  const IngressInfo* owner = nullptr;
  std::string host;
  bool exact = false;     ///< Traefik Path / Gateway Exact; else PathPrefix both
  std::string path;       ///< the Ingress path, as Traefik read it
  std::string match;      ///< the Gateway API match's value
  std::string rule;       ///< Traefik's rule string
  long long priority = 0;
  const Setting* priority_setting = nullptr;  ///< router.priority, when it set the priority
  std::string backend;    ///< "service:port", for messages and comparison
  Location at;            ///< the Ingress path
};

const Setting* priority_setting(const IngressPolicy& policy) {
  for (const auto& [action, s] : policy.settings) {
    if (s.rule_id == "traefik-router-priority") return &s;
  }
  return nullptr;
}

const IngressPath* source_path(const Ingress& ing, const Location& at) {
  for (const IngressRule& rule : ing.rules) {
    for (const IngressPath& p : rule.paths) {
      if (!(p.location < at) && !(at < p.location)) return &p;
    }
  }
  return nullptr;
}

std::string backend_text(const RouteRuleIR& rule) {
  std::vector<std::string> names;
  for (const BackendRefIR& b : rule.backends) names.push_back(b.port ? fmt::format("{}:{}", b.name, *b.port) : b.name);
  return names.empty() ? "no backend" : join(names, ", ");
}

std::vector<Router> traefik_routers(const Plan& plan) {
  std::vector<Router> routers;
  std::set<std::pair<const IngressInfo*, Location>> seen;  // one router per Ingress path
  for (const RouteDraft& draft : plan.drafts) {
    const IngressInfo& owner = plan.ingresses[draft.ingress];
    if (owner.cls.controller != "traefik" || draft.catch_all) continue;
    const Setting* explicit_setting = priority_setting(owner.policy);
    std::optional<long long> explicit_priority;
    if (explicit_setting) explicit_priority = parse_int(explicit_setting->value);
    if (explicit_setting && !explicit_priority) continue;  // Traefik served none of its paths
    for (const RouteRuleIR& r : draft.rules) {
      if (r.path.type != "Exact" && r.path.type != "PathPrefix") continue;  // regex: its own dialect
      if (!r.method.empty() || !r.headers.empty()) continue;
      if (!seen.insert({&owner, r.source}).second) continue;
      const IngressPath* p = source_path(*owner.ing, r.source);
      if (!p || p->path.empty()) continue;
      Router x;
      x.owner = &owner;
      x.host = draft.host;
      x.exact = r.path.type == "Exact";
      x.path = p->path;
      x.match = r.path.value;
      x.rule = traefik_rule(draft.host, x.exact ? "Path" : "PathPrefix", p->path);
      x.priority = traefik_priority(x.rule, explicit_priority);
      x.priority_setting = explicit_priority && *explicit_priority != 0 ? explicit_setting : nullptr;
      x.backend = backend_text(r);
      x.at = r.source;
      routers.push_back(std::move(x));
    }
  }
  return routers;
}

// Traefik: Path is the whole path, PathPrefix a string prefix.
bool traefik_matches(const Router& r, const std::string& path) {
  return r.exact ? path == r.path : starts_with(path, r.path);
}

// Gateway API: Exact is the whole path, PathPrefix whole segments.
bool gateway_matches(const Router& r, const std::string& path) {
  if (r.exact) return path == r.match;
  if (!starts_with(path, r.match)) return false;
  return path.size() == r.match.size() || r.match.back() == '/' || path[r.match.size()] == '/';
}

// Gateway API precedence: Exact first, then the longest prefix.
bool gateway_ranks_above(const Router& a, const Router& b) {
  if (a.exact != b.exact) return a.exact;
  return a.match.size() > b.match.size();
}

std::string why_priority(const Router& r) {
  return r.priority_setting ? fmt::format("priority {} (router.priority)", r.priority)
                            : fmt::format("priority {} (its rule's length)", r.priority);
}

}  // namespace

void report_traefik_priority(const Plan& plan) {
  const std::vector<Router> routers = traefik_routers(plan);
  // Only routers of one host compete: compare within each host, so many
  // hosts cost no more than their own paths.
  std::map<std::string, std::vector<const Router*>> by_host;
  for (const Router& r : routers) by_host[r.host].push_back(&r);
  std::set<std::pair<const Router*, std::string>> said;  // (Traefik's choice, request)
  for (const Router& probe_of : routers) {
    // The request for the path itself: the one where the two rankings meet.
    const std::string request = probe_of.path;
    const Router* traefik = nullptr;
    const Router* gateway = nullptr;
    bool tie = false;
    for (const Router* candidate : by_host[probe_of.host]) {
      const Router& r = *candidate;
      if (traefik_matches(r, request)) {
        if (!traefik || r.priority > traefik->priority) {
          traefik = &r;
          tie = false;
        } else if (r.priority == traefik->priority) {
          tie = true;  // mux.go: equal priorities have no defined order
        }
      }
      if (gateway_matches(r, request) && (!gateway || gateway_ranks_above(r, *gateway))) gateway = &r;
    }
    if (!traefik || !gateway || tie || traefik == gateway || traefik->backend == gateway->backend) continue;
    if (!said.insert({traefik, request}).second) continue;
    const Location& at = traefik->priority_setting ? traefik->priority_setting->location : traefik->at;
    plan.findings->warning(
        at,
        fmt::format("on host {}, Traefik sent {} to Ingress {}'s {} ({}) at {}, above {} of Ingress {} at {}; "
                    "Gateway API ranks {} first, so these requests now go to {}",
                    traefik->host.empty() ? "(any host)" : traefik->host, request, traefik->owner->ing->ref(),
                    traefik->rule, traefik->backend, why_priority(*traefik), gateway->rule, gateway->owner->ing->ref(),
                    why_priority(*gateway), gateway->exact ? "an exact path" : "the longer prefix", gateway->backend),
        traefik->priority_setting ? traefik->priority_setting->rule_id : "traefik-router-priority");
  }
}

}  // namespace im
