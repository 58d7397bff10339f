#include "targets/traefik_services.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "convert/naming.h"
#include "convert/traefik_service_annotations.h"
#include "rules/value_format.h"
#include "targets/nginx_readers.h"
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
                  fmt::format("Service {}/{} has one load balancer for every route (its TraefikServices), and {} "
                              "set {} differently: this Ingress's value is not used, as ingress-nginx's upstream "
                              "took the first Ingress's",
                              ns, svc,
                              claims.front().ingress.empty() ? "the Service's own Traefik annotations"
                                                             : "the older Ingress " + claims.front().ingress,
                              join(conflicts, ", ")),
                  "target-policy-conflict");
  }
  // An upstream with cookie affinity used ingress-nginx's sticky balancer
  // whatever load-balance or upstream-hash-by said (balancer.lua
  // get_implementation): a strategy from another Ingress did not apply.
  if (merged.contains("sticky") && merged.contains("strategy") && set_by["sticky"] != set_by["strategy"]) {
    added.warning(set_by["strategy"]->source,
                  fmt::format("Service {}/{} has cookie affinity from {}, which ingress-nginx's balancer put "
                              "before this Ingress's balancing: not used, as before",
                              ns, svc,
                              set_by["sticky"]->ingress.empty() ? "its own Traefik annotations"
                                                                : "the Ingress " + set_by["sticky"]->ingress),
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

std::vector<std::pair<const Annotation*, std::string>> TraefikServices::add_service_sticky(const Service& svc,
                                                                                           Findings& added) {
  const std::string kPrefix = kTraefikStickyCookieKey;
  std::vector<std::pair<const Annotation*, std::string>> written;
  Json cookie = Json::object();
  const Annotation* switch_key = nullptr;
  auto bad = [&](const Annotation& a, const std::string& why) {
    added.error(a.location,
                fmt::format("{}: \"{}\" {}; left out of the TraefikService", a.key, escape_control(a.value), why),
                "target-value-invalid");
  };
  for (const Annotation& a : svc.annotations) {
    if (a.key.rfind(kPrefix, 0) != 0) continue;
    const std::string field = a.key.substr(kPrefix.size());
    auto boolean = [&](const char* name) {
      if (auto b = parse_go_bool(a.value)) {
        cookie[name] = *b;
        written.emplace_back(&a, std::string("weighted.services[].sticky.cookie.") + name);
      }  // else the catalog's value check reported it
    };
    if (field.empty()) {
      switch_key = &a;
    } else if (field == ".name") {
      cookie["name"] = a.value;
      written.emplace_back(&a, "weighted.services[].sticky.cookie.name");
    } else if (field == ".secure") {
      boolean("secure");
    } else if (field == ".httponly") {
      boolean("httpOnly");
    } else if (field == ".samesite") {
      // The CRD's enum; Traefik itself read other values as no SameSite.
      const std::string v = to_lower(a.value);
      if (v == "none" || v == "lax" || v == "strict") {
        cookie["sameSite"] = v;
        written.emplace_back(&a, "weighted.services[].sticky.cookie.sameSite");
      } else {
        bad(a, "is not none, lax or strict");
      }
    } else if (field == ".maxage") {
      if (auto n = parse_int(a.value); n && *n <= 2147483647) {
        cookie["maxAge"] = *n;
        written.emplace_back(&a, "weighted.services[].sticky.cookie.maxAge");
      }  // else the catalog's value check reported it
    } else if (field == ".path") {
      cookie["path"] = a.value;
      written.emplace_back(&a, "weighted.services[].sticky.cookie.path");
    } else if (field == ".domain") {
      if (cookie_attribute_value(a.value)) {
        cookie["domain"] = a.value;
        written.emplace_back(&a, "weighted.services[].sticky.cookie.domain");
      } else {
        bad(a, "is not a cookie domain");
      }
    }
  }
  if (!traefik_sticky_enabled(svc)) return {};
  if (switch_key) written.emplace_back(switch_key, "weighted.services[].sticky.cookie");
  auto& claims = claims_[{svc.ns, svc.name}];
  // The Service's own settings apply to every route to it: first in line.
  claims.insert(claims.begin(), Claim{"", "", {{"sticky", {{"cookie", cookie}}}},
                                      switch_key ? switch_key->location : written.front().first->location});
  return written;
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
  const std::string& api_version = p.api_version_of("TraefikService");
  const std::string group = api_version.substr(0, api_version.find('/'));
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
