#include "targets/traefik_services.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "convert/naming.h"
#include "util/text.h"

namespace im {
namespace {

using Json = nlohmann::ordered_json;

// The oldest claim's settings, with what it lacks taken from the younger
// ones in age order; `sticky` and `strategy` are each one choice, taken
// whole. A younger claim that set one differently is told it is not used.
template <typename Claim>
Json merge_claims(const std::string& ns, const std::string& svc, const std::vector<Claim>& claims,
                  Findings& added) {
  Json merged = Json::object();
  std::map<std::string, const Claim*> set_by;
  for (const Claim& claim : claims) {
    std::vector<std::string> conflicts;
    for (const auto& [key, value] : claim.load_balancer.items()) {
      if (!merged.contains(key)) {
        merged[key] = value;
        set_by[key] = &claim;
      } else if (merged[key] != value) {
        conflicts.push_back(key);
      }
    }
    if (conflicts.empty()) continue;
    added.warning(claim.source,
                  fmt::format("Service {}/{} has one load balancer for every route (its TraefikServices), and the "
                              "older Ingress {} set {} differently: this Ingress's value is not used, as "
                              "ingress-nginx's upstream took the first Ingress's",
                              ns, svc, claims.front().ingress, join(conflicts, ", ")),
                  "target-policy-conflict");
  }
  // An upstream with cookie affinity used ingress-nginx's sticky balancer
  // whatever load-balance or upstream-hash-by said (balancer.lua
  // get_implementation): a strategy from another Ingress did not apply.
  if (merged.contains("sticky") && merged.contains("strategy") && set_by["sticky"] != set_by["strategy"]) {
    added.warning(set_by["strategy"]->source,
                  fmt::format("Service {}/{} has cookie affinity from the Ingress {}, which ingress-nginx's balancer "
                              "put before this Ingress's balancing: not used, as before",
                              ns, svc, set_by["sticky"]->ingress),
                  "target-policy-conflict");
    merged.erase("strategy");
  }
  return merged;
}

}  // namespace

void TraefikServices::add_ingress(const Ingress& ing, IngressDraft& d) {
  auto spec = d.specs.find("TraefikService");
  if (spec == d.specs.end()) return;
  if (!spec->second.empty()) {
    for (const std::string& svc : d.services) {
      claims_[{d.ns, svc}].push_back({ing.creation_timestamp, ing.ref(), spec->second, d.sources["TraefikService"]});
    }
  }
  d.specs.erase(spec);
}

void TraefikServices::finish(const TargetProfile& p, ConversionOutput& out, Findings& added) {
  if (claims_.empty()) return;
  std::map<std::pair<std::string, std::string>, std::pair<Json, Claim>> settled;  // Service -> settings, oldest claim
  for (auto& [key, claims] : claims_) {
    std::stable_sort(claims.begin(), claims.end(), [](const Claim& a, const Claim& b) {
      return std::tie(a.created, a.ingress) < std::tie(b.created, b.ingress);
    });
    settled[key] = {merge_claims(key.first, key.second, claims, added), claims.front()};
  }
  const std::string group = p.api_version_of("TraefikService").substr(0, p.api_version_of("TraefikService").find('/'));
  std::set<std::tuple<std::string, std::string, int>> written;  // (ns, Service, port)
  for (HTTPRouteIR& route : out.http_routes) {
    for (RouteRuleIR& rule : route.rules) {
      bool sticky = false;
      for (BackendRefIR& b : rule.backends) {
        if (!b.group.empty() || !(b.kind.empty() || b.kind == "Service") || !b.port) continue;
        auto it = settled.find({route.ns, b.name});
        if (it == settled.end()) continue;
        const auto& [settings, oldest] = it->second;
        const std::string name = dns_name(b.name + "-" + std::to_string(*b.port));
        if (written.emplace(route.ns, b.name, *b.port).second) {
          Json entry = {{"name", b.name}, {"port", *b.port}};
          for (const auto& [k, v] : settings.items()) entry[k] = v;
          Json o = {{"apiVersion", p.api_version_of("TraefikService")},
                    {"kind", "TraefikService"},
                    {"metadata", {{"name", name}}}};
          if (!route.ns.empty()) o["metadata"]["namespace"] = route.ns;
          o["spec"] = {{"weighted", {{"services", Json::array({entry})}}}};
          out.vendor_objects.push_back({std::move(o), oldest.ingress, oldest.source});
        }
        sticky = sticky || settings.contains("sticky");
        // The same Service, reached through its TraefikService: the weight
        // stays on the reference, which Traefik's weighted round robin of
        // the rule reads as before.
        b.group = group;
        b.kind = "TraefikService";
        b.name = name;
        b.port.reset();
      }
      // The cookie now lives on the Service's load balancer; Traefik's
      // Gateway API provider ignores sessionPersistence (--experimental).
      if (sticky) rule.session_persistence = nullptr;
    }
  }
}

}  // namespace im
