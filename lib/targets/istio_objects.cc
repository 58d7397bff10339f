// Istio's AuthorizationPolicies and DestinationRules from the drafts the
// istio-* actions wrote. Facts from Istio 1.30.3: AuthorizationPolicy
// targetRefs name a Gateway in the policy's own namespace (the CRD's CEL
// forbids another); operation hosts and paths are exact, prefix ("/p/*") or
// suffix ("*.a.com") strings (security/v1beta1 authorization_policy.proto);
// a CUSTOM action names an extension provider of the mesh config, and an
// unknown provider makes istiod write deny rules instead
// (pilot/pkg/security/authz/builder/builder.go). A DestinationRule in the
// Gateway's namespace, exported only there, is what the gateway's proxy
// looks up first for a host (the client namespace's rules win over the
// Service namespace's), so it changes the Gateway's traffic and not the
// mesh's.

#include "targets/istio_objects.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "convert/naming.h"
#include "util/text.h"

namespace im {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kGatewayGroup = "gateway.networking.k8s.io";

// A Gateway API PathPrefix without its trailing "/" ("/" itself -> ""):
// PathPrefix matches whole segments, so "/api/" and "/api" match the same.
std::string prefix_base(const std::string& value) {
  std::string base = value;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

// `path` (a prefix base or an exact path) lies in the segments under
// prefix base `base`; "" is every path.
bool under(const std::string& path, const std::string& base) {
  if (base.empty() || path == base) return true;
  return path.size() > base.size() && path.compare(0, base.size(), base) == 0 && path[base.size()] == '/';
}

// Host patterns of an operation: the name, and the name with any port
// (Host may carry one); a wildcard host is a suffix match, and a pattern
// takes one "*" only.
void add_host(Json& hosts, const std::string& h) {
  hosts.push_back(h);
  if (h.rfind('*', 0) != 0) hosts.push_back(h + ":*");
}

// A path AuthorizationPolicy takes literally: "*" makes a prefix or suffix
// match there and "{...}" a path template (istiod's validation,
// security.CheckValidPathTemplate), so paths with them cannot be written.
bool literal_path(const std::string& path) { return path.find_first_of("*{}") == std::string::npos; }

void add_prefix(Json& list, const std::string& base) {
  list.push_back(base);
  list.push_back(base + "/*");
}

// The Gateways the Ingress's routes attach to, by namespace (a
// ListenerSet's parent Gateway for --listener-set).
std::map<std::string, std::set<std::string>> gateways_of(const IngressDraft& d, const ConversionOutput& out) {
  std::map<std::string, std::set<std::string>> gateways;
  for (size_t i : d.route_indices) {
    const HTTPRouteIR& r = out.http_routes[i];
    for (const ParentRefIR& parent : r.parents) {
      const std::string ns = parent.ns.empty() ? r.ns : parent.ns;
      if (parent.kind.empty() || parent.kind == "Gateway") {
        gateways[ns].insert(parent.name);
        continue;
      }
      for (const ListenerSetIR& s : out.listener_sets) {
        if (s.ns == ns && s.name == parent.name) gateways[s.parent_ns.empty() ? ns : s.parent_ns].insert(s.parent_name);
      }
    }
  }
  return gateways;
}

Json target_refs(const std::set<std::string>& gateways) {
  Json refs = Json::array();
  for (const std::string& g : gateways) refs.push_back({{"group", kGatewayGroup}, {"kind", "Gateway"}, {"name", g}});
  return refs;
}

}  // namespace

namespace {

// The requests an Ingress's annotations applied to, as AuthorizationPolicy
// operations (ORed): per proxying route rule, its hosts and its path; a prefix leaves
// out the longer paths other Ingresses of the same host serve under it
// (they are not the Ingress's requests, and the Gateway routes them
// elsewhere, as nginx did). What the patterns cannot express widens the
// scope, with a warning naming the requests that are covered now.
class OperationScope {
 public:
  OperationScope(const Ingress& ing, const std::map<std::string, std::vector<size_t>>& routes_by_host,
                 const ConversionOutput& out, Findings& added)
      : ing_(ing), routes_by_host_(routes_by_host), out_(out), added_(added) {}

  /// The operations, or null when one of them would cover every request
  /// (istiod refuses an empty operation: the rules then go without `to`);
  /// an empty list when the Ingress proxies nothing.
  Json operations(const IngressDraft& d) {
    for (size_t i : d.route_indices) {
      const HTTPRouteIR& r = out_.http_routes[i];
      Json hosts = Json::array();
      for (const std::string& h : r.hostnames) add_host(hosts, h);
      if (r.hostnames.empty()) {
        widened(r.source, "the Ingress has a rule without a host, so its AuthorizationPolicy covers these paths on "
                          "every host of the Gateway");
      }
      for (const RouteRuleIR& rule : r.rules) {
        // ingress-nginx redirects (ssl-redirect, app-root, permanent-
        // redirect) in the rewrite phase, before allow/deny and auth_request
        // run in the access phase: a redirect answers every client, so its
        // rules stay out of the scope.
        if (!rule.filters.get().redirect) add(r, rule, hosts);
      }
    }
    return every_request_ ? Json() : to_;
  }

 private:
  void add(const HTTPRouteIR& r, const RouteRuleIR& rule, const Json& hosts) {
    Json op = Json::object();
    if (!hosts.empty()) op["hosts"] = hosts;
    const PathMatchIR& m = rule.path;
    if (m.type == "RegularExpression" || !literal_path(m.value)) {
      widened(rule.source, fmt::format("path \"{}\" is {}, which AuthorizationPolicy paths cannot express: the "
                                       "Ingress's policy covers every path of {}",
                                       m.value, m.type == "RegularExpression" ? "a regular expression" : "not literal there",
                                       r.hostnames.empty() ? "every host" : join(r.hostnames, ", ")));
    } else if (m.type == "Exact") {
      op["paths"] = Json::array({m.value});
    } else {
      const std::string base = prefix_base(m.value.empty() ? "/" : m.value);
      Json paths = Json::array();
      if (!base.empty()) add_prefix(paths, base);
      Json not_paths = others_under(r, base);
      if (!paths.empty()) op["paths"] = paths;
      if (!not_paths.empty()) op["notPaths"] = not_paths;
    }
    if (op.empty()) every_request_ = true;
    const Json entry = {{"operation", op}};
    if (std::find(to_.begin(), to_.end(), entry) == to_.end()) to_.push_back(entry);
  }

  // The Exact and PathPrefix paths of other Ingresses' routes on the
  // route's hosts that lie under `base` and are longer (or Exact, which
  // wins over an equal prefix).
  Json others_under(const HTTPRouteIR& r, const std::string& base) {
    Json not_paths = Json::array();
    auto push = [&](const std::string& p) {
      if (std::find(not_paths.begin(), not_paths.end(), p) == not_paths.end()) not_paths.push_back(p);
    };
    const std::string own = ing_.ref();
    for (const std::string& h : r.hostnames) {
      auto it = routes_by_host_.find(h);
      if (it == routes_by_host_.end()) continue;
      for (size_t i : it->second) {
        const HTTPRouteIR& other = out_.http_routes[i];
        if (other.source_ingress == own) continue;
        for (const RouteRuleIR& rule : other.rules) {
          const PathMatchIR& q = rule.path;
          if ((q.type == "Exact" || q.type == "PathPrefix") && !literal_path(q.value)) {
            if (under(prefix_base(q.value), base)) {
              widened(rule.source, fmt::format("path \"{}\" of Ingress {} is not literal in AuthorizationPolicy "
                                               "paths, so it cannot be left out of Ingress {}'s policy on {}",
                                               q.value, other.source_ingress, own, h));
            }
          } else if (q.type == "Exact" && under(q.value, base)) {
            push(q.value);
          } else if (q.type == "PathPrefix" || q.type.empty()) {
            const std::string qb = prefix_base(q.value.empty() ? "/" : q.value);
            if (qb.size() > base.size() && under(qb, base)) {
              push(qb);
              push(qb + "/*");
            }
          }
        }
      }
    }
    return not_paths;
  }

  void widened(const Location& at, const std::string& what) {
    if (!warned_.insert(what).second) return;
    added_.warning(at.origin ? at : ing_.location,
                   fmt::format("{}: requests to them that ingress-nginx did not apply the Ingress's allowlist or "
                               "external auth to are now checked too",
                               what),
                   "istio-policy-scope");
  }

  const Ingress& ing_;
  const std::map<std::string, std::vector<size_t>>& routes_by_host_;
  const ConversionOutput& out_;
  Findings& added_;
  Json to_ = Json::array();
  bool every_request_ = false;
  std::set<std::string> warned_;
};

// A name for an object of the Ingress in namespace `ns`: the Ingress's own
// where that is its namespace, else prefixed with it.
std::string name_in(const Ingress& ing, const std::string& ns, const std::string& suffix) {
  return dns_name((ns == ing.ns ? ing.name : ing.ns + "-" + ing.name) + suffix);
}

Json policy(const TargetProfile& p, const std::string& ns, const std::string& name) {
  Json o = {{"apiVersion", p.api_version_of("AuthorizationPolicy")},
            {"kind", "AuthorizationPolicy"},
            {"metadata", {{"name", name}}}};
  if (!ns.empty()) o["metadata"]["namespace"] = ns;
  return o;
}

}  // namespace

void IstioObjects::add_ingress(const TargetProfile& p, const TargetOptions& options, const Ingress& ing,
                               IngressDraft& d, ConversionOutput& out, Findings& added) {
  auto deny = d.specs.find("AuthorizationPolicy");
  auto provider = d.specs.find("MeshConfig");
  auto traffic = d.specs.find("DestinationRule");
  // An external auth is only half there when auth-url itself was rejected
  // (a sibling wrote its headers first): that error is at auth-url.
  if (deny == d.specs.end() && provider == d.specs.end() && traffic == d.specs.end()) return;  // not Istio's
  const bool auth = provider != d.specs.end() && provider->second.contains("service");
  const auto gateways = gateways_of(d, out);
  if ((deny != d.specs.end() || auth) && !gateways.empty()) {
    if (!indexed_) {
      for (size_t i = 0; i < out.http_routes.size(); ++i) {
        for (const std::string& h : out.http_routes[i].hostnames) routes_by_host_[h].push_back(i);
      }
      indexed_ = true;
    }
    OperationScope scope(ing, routes_by_host_, out, added);
    const Json to = scope.operations(d);
    // Only redirects: nothing the policies could act on.
    const bool proxies = !(to.is_array() && to.empty());
    for (const auto& [ns, names] : gateways) {
      if (!proxies) break;
      if (deny != d.specs.end()) {
        Json o = policy(p, ns, name_in(ing, ns, "-source-ranges"));
        Json rules = Json::array();
        for (Json rule : deny->second["rules"]) {
          if (!to.is_null()) rule["to"] = to;
          rules.push_back(std::move(rule));
        }
        o["spec"] = {{"targetRefs", target_refs(names)}, {"action", "DENY"}, {"rules", rules}};
        out.vendor_objects.push_back({std::move(o), ing.ref(), d.sources["AuthorizationPolicy"]});
      }
      if (auth) {
        std::string id = ing.ns + "-" + ing.name + "-ext-authz";
        std::replace(id.begin(), id.end(), '.', '-');
        id = dns_name(id, 63);  // istiod wants a DNS-1123 label (extauthz.go validateProviderName)
        const std::string name = name_in(ing, ns, "-ext-authz");
        Json o = policy(p, ns, name);
        o["spec"] = {{"targetRefs", target_refs(names)},
                     {"action", "CUSTOM"},
                     {"provider", {{"name", id}}},
                     {"rules", Json::array({to.is_null() ? Json::object() : Json{{"to", to}}})}};
        const Annotation* url = ing.annotation(options.nginx_prefix + "/auth-url");
        const Location at = url ? url->location : d.sources["MeshConfig"];
        out.vendor_objects.push_back({std::move(o), ing.ref(), at});
        const Json entry = {{"name", id}, {"envoyExtAuthzHttp", provider->second}};
        added.warning(at,
                      fmt::format("auth-url needs an extension provider in Istio's mesh config, which is not an "
                                  "object the tool can write: add {} to meshConfig.extensionProviders; until it is "
                                  "there, Istio refuses every request AuthorizationPolicy {}/{} covers",
                                  entry.dump(), ns, name),
                      "istio-extension-provider");
      }
    }
  }
  if (traffic != d.specs.end() && traffic->second.contains("trafficPolicy")) {
    for (const auto& [ns, names] : gateways) {
      for (const std::string& svc : d.services) {
        claims_[{ns, d.ns, svc}].push_back(
            {ing.creation_timestamp, ing.ref(), traffic->second["trafficPolicy"], d.sources["DestinationRule"]});
      }
    }
  }
  for (const char* kind : {"AuthorizationPolicy", "MeshConfig", "DestinationRule"}) d.specs.erase(kind);
}

void IstioObjects::finish(const TargetProfile& p, ConversionOutput& out, Findings& added) {
  for (auto& [key, claims] : claims_) {
    const auto& [gateway_ns, svc_ns, svc] = key;
    std::stable_sort(claims.begin(), claims.end(), [](const ServiceClaim& a, const ServiceClaim& b) {
      return std::tie(a.created, a.ingress) < std::tie(b.created, b.ingress);
    });
    Json merged = claims.front().traffic_policy;
    const std::string name = dns_name(svc_ns + "-" + svc);
    for (size_t i = 1; i < claims.size(); ++i) {
      std::vector<std::string> conflicts;
      merge_older_wins(merged, claims[i].traffic_policy, "", {"loadBalancer"}, conflicts);
      if (conflicts.empty()) continue;
      added.warning(claims[i].source,
                    fmt::format("Service {}/{} has one traffic policy for the Gateway (DestinationRule {}/{}), and "
                                "the older Ingress {} set {} differently: this Ingress's value is not used, as "
                                "ingress-nginx's upstream took the first Ingress's",
                                svc_ns, svc, gateway_ns, name, claims.front().ingress, join(conflicts, ", ")),
                    "target-policy-conflict");
    }
    Json o = {{"apiVersion", p.api_version_of("DestinationRule")},
              {"kind", "DestinationRule"},
              {"metadata", {{"name", name}}}};
    if (!gateway_ns.empty()) o["metadata"]["namespace"] = gateway_ns;
    const std::string host = svc_ns.empty() ? svc : svc + "." + svc_ns + ".svc.cluster.local";
    o["spec"] = {{"host", host}, {"exportTo", Json::array({"."})}, {"trafficPolicy", merged}};
    out.vendor_objects.push_back({std::move(o), claims.front().ingress, claims.front().source});
  }
}

}  // namespace im
