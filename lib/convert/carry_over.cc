// cert-manager's certificate-shim reads its annotations from Gateways and
// (1.20+) ListenerSets as it did from Ingresses (cert-manager/website
// content/docs/usage/gateway.md): one Certificate per Secret named by a
// Terminate listener with a hostname, in the holder's namespace, skipping
// cross-namespace certificateRefs. external-dns's Gateway sources read
// `target` from the Gateway or ListenerSet and every other annotation from
// the routes (kubernetes-sigs/external-dns docs/sources/gateway-api.md).

#include "convert/carry_over.h"

#include <algorithm>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "rules/value_format.h"
#include "util/text.h"

namespace im {

namespace {

struct Holder {
  std::string kind, ns, name;
  bool operator<(const Holder& o) const { return std::tie(kind, ns, name) < std::tie(o.kind, o.ns, o.name); }
  std::string label() const { return fmt::format("{} {}/{}", kind, ns, name); }
};

Holder holder_of(const ListenerSlot& s) { return Holder{s.kind, s.ns, s.name}; }

/// The annotations of a holder this conversion writes, or null for one it
/// does not (an existing Gateway reused as it is, a --parent-ref).
CarriedAnnotations* written_annotations(ConversionOutput& out, const Holder& h) {
  if (h.kind == "Gateway") {
    for (auto& g : out.gateways) {
      if (g.ns == h.ns && g.name == h.name) return &g.annotations;
    }
  } else {
    for (auto& s : out.listener_sets) {
      if (s.ns == h.ns && s.name == h.name) return &s.annotations;
    }
  }
  return nullptr;
}

/// The value a holder already had for a key, from the input's Gateway.
const nlohmann::ordered_json* existing_value(const ConversionOutput& out, const Holder& h, const std::string& key) {
  if (h.kind != "Gateway") return nullptr;
  for (const auto& g : out.gateways) {
    if (g.ns != h.ns || g.name != h.name || g.existing.is_null()) continue;
    const auto& meta = g.existing.value("metadata", nlohmann::ordered_json::object());
    const auto& annotations = meta.value("annotations", nlohmann::ordered_json::object());
    auto it = annotations.find(key);
    if (it != annotations.end()) return &*it;
  }
  return nullptr;
}

std::string carried_key(const Setting& s) {
  const std::string& key = s.params.at("key");
  auto rename = s.params.find("rename");
  if (rename == s.params.end()) return key;
  return key.substr(0, key.rfind('/') + 1) + rename->second;
}

struct Origin {
  std::string value;
  size_t ingress;
};

class Carrier {
 public:
  Carrier(const Plan& plan, ConversionOutput& out) : plan_(plan), out_(out), findings_(*plan.findings) {}

  /// Puts `s` on `holder`; says why where it cannot. Returns whether it is there.
  bool put(const Holder& holder, const Setting& s, size_t ingress, const char* conflict_id, const char* advice) {
    const std::string key = carried_key(s);
    CarriedAnnotations* annotations = written_annotations(out_, holder);
    const std::string& ref = plan_.ingresses[ingress].ing->ref();
    if (!annotations) {
      if (not_carried_.insert({s.location.line, s.location.col, holder.label(), key}).second) {
        findings_.warning(s.location,
                          fmt::format("{} is not carried: the listener it concerns belongs to {}, which "
                                      "this conversion does not write; set {}: \"{}\" there",
                                      key, holder.label(), key, s.value),
                          "carry-not-written");
      }
      return false;
    }
    if (const auto* had = existing_value(out_, holder, key); had && *had != s.value) {
      findings_.warning(s.location,
                        fmt::format("{} of Ingress {} (\"{}\") is not carried: {} in the input already "
                                    "sets it to {}; {}",
                                    key, ref, s.value, holder.label(), had->dump(), advice),
                        conflict_id);
      return false;
    }
    auto [it, inserted] = origins_[holder].emplace(key, Origin{s.value, ingress});
    if (!inserted && it->second.value != s.value) {
      if (reported_.insert({holder.label(), key, ref}).second) {
        findings_.warning(s.location,
                          fmt::format("{} of Ingress {} (\"{}\") is not carried: {} now holds the "
                                      "listeners of both this Ingress and Ingress {}, which sets \"{}\"; "
                                      "the first is kept, so {}",
                                      key, ref, s.value, holder.label(),
                                      plan_.ingresses[it->second.ingress].ing->ref(), it->second.value, advice),
                          conflict_id);
      }
      return false;
    }
    (*annotations)[key] = s.value;
    return true;
  }

 private:
  const Plan& plan_;
  ConversionOutput& out_;
  Findings& findings_;
  std::map<Holder, std::map<std::string, Origin>> origins_;
  std::set<std::tuple<std::string, std::string, std::string>> reported_;
  std::set<std::tuple<uint32_t, uint32_t, std::string, std::string>> not_carried_;
};

bool issues_certificates(const std::string& key) {
  return ends_with(key, "/issuer") || ends_with(key, "/cluster-issuer") || key == "kubernetes.io/tls-acme";
}

/// Whether an Ingress names its own issuer (cert-manager.io/issuer or
/// cluster-issuer); with `or_tls_acme`, kubernetes.io/tls-acme counts too.
bool names_issuer(const IngressPolicy& policy, bool or_tls_acme) {
  return std::any_of(policy.settings.begin(), policy.settings.end(), [&](const auto& a) {
    return (a.first == "cert-manager" && issues_certificates(carried_key(a.second))) ||
           (or_tls_acme && a.first == "tls-acme");
  });
}

/// Whether Ingress `i` of the plan has a setting of one of `actions`.
bool has_setting(const Plan& plan, size_t i, std::initializer_list<const char*> actions) {
  const IngressPolicy& policy = plan.ingresses[i].policy;
  return std::any_of(actions.begin(), actions.end(), [&](const char* a) { return policy.setting(a) != nullptr; });
}

struct TlsListener {
  size_t ingress;
  std::string host, secret_ns, secret;
  ListenerSlot slot;
};

void carry_cert_manager(const Plan& plan, const std::vector<TlsListener>& tls, Carrier& carrier,
                        std::optional<Location>& first_carried, bool& to_listener_sets) {
  Findings& findings = *plan.findings;
  std::map<Holder, bool> issuing;  // holders whose carried keys make cert-manager issue
  std::set<std::pair<size_t, std::string>> done;  // (ingress, holder) already carried
  for (const TlsListener& t : tls) {
    Holder holder = holder_of(t.slot);
    if (!done.insert({t.ingress, holder.label()}).second) continue;
    for (const auto& [action, given] : plan.ingresses[t.ingress].policy.settings) {
      Setting s = given;
      if (action == "tls-acme") {
        // An explicit issuer on the same Ingress is what cert-manager uses.
        if (parse_go_bool(s.value) != true || names_issuer(plan.ingresses[t.ingress].policy, false)) continue;
        const ConvertOptions& opt = *plan.options;
        if (opt.tls_acme_issuer_name.empty()) {
          findings.warning(s.location,
                           "kubernetes.io/tls-acme is not carried: cert-manager honours it on Ingresses only "
                           "(its Gateway and ListenerSet shims need cert-manager.io/issuer or cluster-issuer); "
                           "convert with --cert-manager-default-issuer KIND/NAME, naming the issuer its "
                           "--default-issuer-name/-kind flags give, to have that written instead",
                           "tls-acme-not-carried");
          continue;
        }
        s.value = opt.tls_acme_issuer_name;
        s.params["key"] = opt.tls_acme_issuer_kind == "ClusterIssuer" ? "cert-manager.io/cluster-issuer"
                                                                      : "cert-manager.io/issuer";
      } else if (action != "cert-manager") {
        continue;
      }
      if (!carrier.put(holder, s, t.ingress, "cert-manager-conflict",
                       "cert-manager issues the certificates of all its listeners with the kept value; "
                       "convert with --listener-set so each namespace's ListenerSet carries its own"))
        continue;
      if (!first_carried) first_carried = s.location;
      const std::string& ingress_ns = plan.ingresses[t.ingress].ing->ns;
      if (carried_key(s) == "cert-manager.io/issuer" && holder.ns != ingress_ns) {
        findings.warning(s.location,
                         fmt::format("Issuer {} is namespaced: cert-manager looks for it in namespace {} of "
                                     "{}, which now carries the annotation, not in {}; create it there, "
                                     "use a ClusterIssuer, or convert with --listener-set",
                                     s.value, holder.ns, holder.label(), ingress_ns),
                         "cert-manager-issuer-namespace");
      }
      if (holder.kind == "ListenerSet") to_listener_sets = true;
      if (issues_certificates(carried_key(s))) issuing[holder] = true;
    }
  }
  // cert-manager now issues for every Terminate listener of an annotated
  // holder: Secrets that were not its before, and never across namespaces.
  std::set<std::string> said;
  for (const TlsListener& t : tls) {
    Holder holder = holder_of(t.slot);
    if (!issuing.count(holder) || t.slot.existing) continue;
    const IngressInfo& info = plan.ingresses[t.ingress];
    if (t.secret_ns != holder.ns) {
      if (said.insert("x\n" + t.host).second) {
        findings.warning(info.ing->location,
                         fmt::format("cert-manager skips listeners whose certificateRefs point to another "
                                     "namespace, so no certificate is issued for host {} (Secret {}/{} on "
                                     "{}); convert with --listener-set to keep the certificate in its "
                                     "namespace",
                                     t.host, t.secret_ns, t.secret, holder.label()),
                         "cert-manager-cross-namespace");
      }
      continue;
    }
    if (!names_issuer(info.policy, true) && said.insert("t\n" + t.host).second) {
      findings.warning(info.ing->location,
                       fmt::format("cert-manager now issues Secret {}/{} of host {}: {} carries another "
                                   "Ingress's issuer, and cert-manager makes a Certificate for every "
                                   "listener of an annotated Gateway or ListenerSet, replacing the Secret "
                                   "Ingress {} supplied; convert with --listener-set or give the host a "
                                   "Gateway of its own if the Secret is managed elsewhere",
                                   t.secret_ns, t.secret, t.host, holder.label(), info.ing->ref()),
                       "cert-manager-takes-over");
    }
  }
}

}  // namespace

void carry_annotations(const Plan& plan, const std::map<GatewayKey, GatewayPlan>& gateways,
                       const std::vector<HostUse>& uses, ConversionOutput& out) {
  Findings& findings = *plan.findings;
  Carrier carrier(plan, out);

  // Every HTTPS listener, once some Ingress has cert-manager annotations:
  // they decide which listeners cert-manager issues for.
  bool any_cert_manager = false;
  for (size_t i = 0; i < plan.ingresses.size() && !any_cert_manager; ++i) {
    any_cert_manager = has_setting(plan, i, {"cert-manager", "tls-acme"});
  }
  std::vector<TlsListener> tls;
  if (any_cert_manager) {
    for (const auto& [key, g] : gateways) {
      for (const auto& [host, h] : g.hosts) {
        if (!h.https || h.tls_passthrough || h.tls_ingress == SIZE_MAX) continue;
        tls.push_back({h.tls_ingress, host, h.secret_ns, h.secret, g.placement.at(host).https});
      }
    }
  }

  // Oldest Ingress first, as ingress-nginx orders them: its values are kept.
  std::stable_sort(tls.begin(), tls.end(),
                   [](const TlsListener& a, const TlsListener& b) { return a.ingress < b.ingress; });
  std::optional<Location> cert_manager_at;
  bool cert_manager_sets = false;
  carry_cert_manager(plan, tls, carrier, cert_manager_at, cert_manager_sets);
  if (cert_manager_at) {
    findings.info(*cert_manager_at,
                  fmt::format("cert-manager reads these annotations from Gateways only with its Gateway "
                              "API support on (1.15+, config.gatewayAPI.enabled: true){}",
                              cert_manager_sets ? "; from ListenerSets only from 1.20, with "
                                                  "config.gatewayAPI.enableListenerSet: true and the "
                                                  "ListenerSets feature gate"
                                                : ""),
                  "cert-manager-gateway-api");
  }

  // The holders of each Ingress's listeners, for external-dns targets and
  // the ACME solver's parentRefs; gathered (like by_ref below) only for the
  // Ingresses with such an annotation, or on a large input these maps would
  // hold every Ingress while the routes are built.
  std::map<size_t, std::vector<ListenerSlot>> slots;
  for (const HostUse& u : uses) {
    if (!has_setting(plan, u.ingress, {"external-dns-target", "acme-http01"})) continue;
    const auto& place = gateways.at(u.gateway).placement.at(u.host);
    for (const ListenerSlot* s : {&place.http, &place.https, &place.tls}) {
      if (!s->name.empty()) slots[u.ingress].push_back(*s);
    }
  }

  std::map<std::string, size_t> by_ref;
  for (size_t i = 0; i < plan.ingresses.size(); ++i) {
    if (has_setting(plan, i, {"external-dns-route"})) by_ref[plan.ingresses[i].ing->ref()] = i;
  }
  const Location* dns_at = nullptr;
  bool dns_alpha = false, dns_sets = false;
  auto carry_route = [&](auto& route) {
    auto it = by_ref.find(route.source_ingress);
    if (it == by_ref.end()) return;
    for (const auto& [action, s] : plan.ingresses[it->second].policy.settings) {
      if (action != "external-dns-route") continue;
      route.annotations[carried_key(s)] = s.value;
      if (!dns_at) dns_at = &s.location;
      dns_alpha = dns_alpha || starts_with(s.params.at("key"), "external-dns.alpha.");
    }
  };
  if (!by_ref.empty()) {
    for (auto& r : out.http_routes) carry_route(r);
    for (auto& r : out.grpc_routes) carry_route(r);
    for (auto& r : out.tls_routes) carry_route(r);
  }

  for (size_t i = 0; i < plan.ingresses.size(); ++i) {
    for (const auto& [action, s] : plan.ingresses[i].policy.settings) {
      if (action == "external-dns-target") {
        std::set<Holder> holders;
        for (const auto& slot : slots[i]) holders.insert(holder_of(slot));
        for (const Holder& h : holders) {
          if (!carrier.put(h, s, i, "external-dns-target-conflict",
                           "external-dns publishes every host of it with the kept target"))
            continue;
          if (!dns_at) dns_at = &s.location;
          dns_alpha = dns_alpha || starts_with(s.params.at("key"), "external-dns.alpha.");
          dns_sets = dns_sets || h.kind == "ListenerSet";
        }
      } else if (action == "acme-http01") {
        std::set<std::string> parents;
        for (const auto& slot : slots[i]) {
          parents.insert(fmt::format("{{kind: {}, namespace: {}, name: {}}}", slot.kind, slot.ns, slot.name));
        }
        findings.info(s.location,
                      fmt::format("{} is not carried: with Gateway API the ACME Issuer's HTTP-01 solver "
                                  "is http01.gatewayHTTPRoute, with parentRefs {}",
                                  s.params.at("key"),
                                  parents.empty() ? "naming the new Gateway"
                                                  : "[" + join({parents.begin(), parents.end()}, ", ") + "]"),
                      "acme-http01-solver");
      }
    }
  }
  if (dns_at) {
    std::vector<std::string> sources;
    if (!out.http_routes.empty()) sources.push_back("--source=gateway-httproute");
    if (!out.grpc_routes.empty()) sources.push_back("--source=gateway-grpcroute");
    if (!out.tls_routes.empty()) sources.push_back("--source=gateway-tlsroute");
    if (dns_sets || !out.listener_sets.empty()) sources.push_back("--gateway-listener-sets");
    findings.info(*dns_at,
                  fmt::format("external-dns reads these from Gateway API objects only when run with {}{}",
                              join(sources, " "),
                              dns_alpha ? "; from v0.22 it reads the external-dns.kubernetes.io/ prefix by "
                                          "default, so keep --annotation-prefix=external-dns.alpha.kubernetes.io/ "
                                          "or rename the keys"
                                        : ""),
                  "external-dns-sources");
  }
}

}  // namespace im
