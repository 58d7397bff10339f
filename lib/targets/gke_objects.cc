#include "targets/gke_objects.h"

#include <fmt/format.h>

#include <algorithm>

#include "convert/naming.h"
#include "targets/gke_actions.h"
#include "targets/gke_backend_policy.h"
#include "util/text.h"

namespace im {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kGatewayPolicy = "GCPGatewayPolicy";
constexpr const char* kBackendPolicy = "GCPBackendPolicy";
constexpr const char* kHealthPolicy = "HealthCheckPolicy";
// ingress-gce reads the GA key first (service.go getBackendConfigAnnotation).
constexpr const char* kBackendConfigKeys[] = {"cloud.google.com/backend-config", "beta.cloud.google.com/backend-config"};

const Annotation* annotation_of(const Service& svc, const std::string& key) {
  for (const Annotation& a : svc.annotations) {
    if (a.key == key) return &a;
  }
  return nullptr;
}

Json policy(const TargetProfile& p, const std::string& kind, const std::string& ns, const std::string& name,
            Json target_ref, Json defaults) {
  Json o = {{"apiVersion", p.api_version_of(kind)}, {"kind", kind}, {"metadata", {{"name", dns_name(name)}}}};
  if (!ns.empty()) o["metadata"]["namespace"] = ns;
  o["spec"] = {{"targetRef", std::move(target_ref)}, {"default", std::move(defaults)}};
  return o;
}

// The Service ports the converted routes send traffic to, by (namespace,
// Service), in order: read once for all Services.
std::map<std::pair<std::string, std::string>, std::set<int>> routed_ports(const ConversionOutput& out) {
  std::map<std::pair<std::string, std::string>, std::set<int>> ports;
  for (const HTTPRouteIR& r : out.http_routes) {
    for (const RouteRuleIR& rule : r.rules) {
      for (const BackendRefIR& b : rule.backends) {
        if (!b.group.empty() || !(b.kind.empty() || b.kind == "Service") || !b.port) continue;
        ports[{r.ns, b.name}].insert(*b.port);
      }
    }
  }
  return ports;
}

std::string port_name(const Service& svc, int number) {
  for (const Service::Port& p : svc.ports) {
    if (p.port == number) return p.name;
  }
  return "";
}

// The protocol ingress-gce used towards a Service port
// (cloud.google.com/app-protocols, by port name: HTTP, HTTPS or HTTP2).
std::string app_protocol(const Service& svc, const std::string& port) {
  for (const char* key : {"cloud.google.com/app-protocols", "service.alpha.kubernetes.io/app-protocols"}) {
    const Annotation* a = annotation_of(svc, key);
    if (!a) continue;
    const nlohmann::json v = nlohmann::json::parse(a->value, nullptr, false);
    if (v.is_object() && v.contains(port) && v[port].is_string()) {
      const std::string p = v[port].get<std::string>();
      if (p == "HTTPS" || p == "HTTP2") return p;
    }
    return "HTTP";
  }
  return "HTTP";
}

const GkeBackendConfig* find_backend_config(const Inventory& inventory, const std::string& ns, const std::string& name) {
  for (const GkeBackendConfig& c : inventory.gke_backend_configs) {
    if (c.ns == ns && c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace

void GkeObjects::add_ingress(const Ingress& ing, IngressDraft& d, const ConversionOutput& out) {
  auto spec = d.specs.find(kGatewayPolicy);
  if (spec == d.specs.end()) return;
  std::set<std::pair<std::string, std::string>> gateways;
  for (size_t i : d.route_indices) {
    const HTTPRouteIR& r = out.http_routes[i];
    for (const ParentRefIR& parent : r.parents) {
      if (!parent.kind.empty() && parent.kind != "Gateway") continue;  // a ListenerSet's Gateway is not ours
      gateways.emplace(parent.ns.empty() ? r.ns : parent.ns, parent.name);
    }
  }
  for (const auto& g : gateways) gateways_[g].push_back({ing.ref(), spec->second, d.sources[kGatewayPolicy]});
  d.specs.erase(spec);
}

void GkeObjects::finish(const TargetProfile& p, const Inventory& inventory, const Catalog& catalog,
                        const VerdictIndex& verdicts, const Findings& findings, ConversionOutput& out,
                        std::set<const Finding*>& replaced, Findings& added) {
  // The Gateway's SSL policy: one per load balancer, the first Ingress's
  // (namespace/name order) where they disagree.
  std::set<std::pair<std::string, uint32_t>> converted_at;  // (file, line) of converted FrontendConfig keys
  std::vector<Location> not_used;                           // FrontendConfig keys whose policy lost
  for (auto& [key, claims] : gateways_) {
    const std::string& ns = key.first;  // named, not bound: clang 14 cannot capture a structured binding
    const std::string& name = key.second;
    for (const Claim& c : claims) converted_at.emplace(c.at.file(), c.at.line);
    for (size_t i = 1; i < claims.size(); ++i) {
      if (claims[i].spec == claims.front().spec) continue;
      not_used.push_back(claims[i].at);
      added.warning(claims[i].at,
                    fmt::format("Gateway {}/{} has one SSL policy ({} {}), and Ingress {} before it set another: "
                                "this Ingress's FrontendConfig sslPolicy is not used",
                                ns, name, kGatewayPolicy, name, claims.front().ingress),
                    "target-policy-conflict");
    }
    const Json ref = {{"group", "gateway.networking.k8s.io"}, {"kind", "Gateway"}, {"name", name}};
    out.vendor_objects.push_back(
        {policy(p, kGatewayPolicy, ns, name, ref, claims.front().spec), claims.front().ingress, claims.front().at});
  }
  // An Ingress whose SSL policy another one's replaced keeps the standard
  // verdict and warning: its FrontendConfig's policy is not the Gateway's.
  auto same_place = [](const Location& a, const Location& b) {
    return a.file() == b.file() && a.line == b.line && a.col == b.col;
  };
  for (const Location& at : not_used) {
    converted_at.erase({at.file(), at.line});
    added.keep_if([&](const Finding& f) {
      return !(f.rule_id == "gke-frontend-config" && f.severity == Severity::Info && same_place(f.location, at) &&
               f.message.find(" is converted for ") != std::string::npos);
    });
    auto base = verdicts.find(std::make_tuple(std::string("gke-frontend-config"), at.file(), at.line, at.col));
    if (base != verdicts.end()) replaced.erase(base->second);
  }
  // The conversion's warning that Gateway API has no SSL policy field is
  // answered by the GCPGatewayPolicy.
  for (const Finding& f : findings.items()) {
    if (f.rule_id == "gke-frontend-config" && f.severity == Severity::Warning &&
        f.message.find(" sets the SSL policy ") != std::string::npos &&
        converted_at.count({f.location.file(), f.location.line})) {
      replaced.insert(&f);
    }
  }

  if (!p.rule_for("gke", kBackendConfigKeys[0]) && !p.rule_for("gke", kBackendConfigKeys[1])) return;
  const auto ports_of = routed_ports(out);
  for (const Service& svc : inventory.services) {
    const Annotation* chosen = nullptr;
    const Rule* chosen_rule = nullptr;
    const Finding* chosen_base = nullptr;
    for (const char* key : kBackendConfigKeys) {
      const Annotation* a = annotation_of(svc, key);
      const Rule* rule = a ? catalog.find(key) : nullptr;
      const Finding* base = rule ? base_verdict(verdicts, *a, rule->id) : nullptr;
      if (!base) continue;  // absent, or no GKE Ingress routes to the Service
      if (chosen) {
        replaced.insert(base);
        added.warning(a->location,
                      fmt::format("{} on Service {}/{} is not used: ingress-gce reads {} first, which the Service "
                                  "also has",
                                  a->key, svc.ns, svc.name, chosen->key),
                      rule->id);
        continue;
      }
      chosen = a;
      chosen_rule = rule;
      chosen_base = base;
    }
    if (!chosen) continue;
    const TargetRule* rule = p.rule_for("gke", chosen->key);
    if (!rule) continue;
    Ingress as_object;  // the action reads the object's name and namespace only
    as_object.name = svc.name;
    as_object.ns = svc.ns;
    IngressDraft scratch;
    const TargetOptions no_options;
    const TargetActionContext ctx{as_object, *chosen, *rule, p, no_options, scratch, added};
    if (!find_target_action(rule->action)->fn(ctx)) continue;
    std::string why;
    const BackendConfigNames names = *read_backend_config_names(chosen->value, why);

    // One BackendConfig per Service: a GKE policy's targetRef has no port.
    std::vector<std::pair<int, std::string>> used;  // port -> BackendConfig
    auto routed = ports_of.find({svc.ns, svc.name});
    for (int port : routed == ports_of.end() ? std::set<int>{} : routed->second) {
      const std::string name = names.for_port(port_name(svc, port), port);
      if (!name.empty()) used.emplace_back(port, name);
    }
    if (used.empty()) {
      replaced.insert(chosen_base);
      added.info(chosen->location,
                 fmt::format("{} on Service {}/{} names no BackendConfig for the ports the routes use, as "
                             "ingress-gce applied none to them: nothing to convert",
                             chosen->key, svc.ns, svc.name),
                 chosen_rule->id);
      continue;
    }
    for (const auto& [port, name] : used) {
      if (name == used.front().second) continue;
      added.warning(chosen->location,
                    fmt::format("Service {}/{} port {} uses BackendConfig {}, but a GKE Gateway policy applies to the "
                                "whole Service: BackendConfig {} (port {}'s) is written, so port {} now gets its "
                                "settings",
                                svc.ns, svc.name, port, name, used.front().second, used.front().first, port),
                    chosen_rule->id);
    }
    const GkeBackendConfig* config = find_backend_config(inventory, svc.ns, used.front().second);
    if (!config) {
      added.error(chosen->location,
                  fmt::format("BackendConfig {}/{} is not in the input, so its settings are not converted (add it "
                              "with -f)",
                              svc.ns, escape_control(used.front().second)),
                  chosen_rule->id);
      continue;
    }
    const GkePolicyDefaults d =
        gke_policy_defaults(*config, app_protocol(svc, port_name(svc, used.front().first)), added);
    if (!config->spec.is_object() || !config->spec.contains("healthCheck")) {
      // pkg/healthchecks: without a BackendConfig healthCheck, ingress-gce
      // took the check's path and port from the Pods' readinessProbe.
      added.warning(config->location,
                    fmt::format("BackendConfig {}/{} has no healthCheck: GKE Ingress checked the path of the serving "
                                "Pods' readinessProbe, GKE Gateway checks / on the serving port; where / does not "
                                "answer 200, add a HealthCheckPolicy for Service {} with the probe's path, or every "
                                "backend is marked unhealthy",
                                config->ns, config->name, svc.name),
                    chosen_rule->id);
    }
    const Json ref = {{"group", ""}, {"kind", "Service"}, {"name", svc.name}};
    if (!d.backend.empty()) {
      out.vendor_objects.push_back({policy(p, kBackendPolicy, svc.ns, svc.name, ref, d.backend), "", chosen->location});
    }
    if (!d.health.empty()) {
      out.vendor_objects.push_back({policy(p, kHealthPolicy, svc.ns, svc.name, ref, d.health), "", chosen->location});
    }
    replaced.insert(chosen_base);
    added.add(target_verdict(p, *rule, *chosen, chosen_rule->id));
  }
}

}  // namespace im
