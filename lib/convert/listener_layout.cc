// Where listeners go: reused from Gateways and ListenerSets of the input,
// added to a new or existing Gateway, or put in ListenerSets.

#include "convert/listener_layout.h"

#include <algorithm>

#include <fmt/format.h>

#include "util/text.h"

namespace im {

namespace {

constexpr size_t kMaxListeners = 64;  // Gateway and ListenerSet spec.listeners maxItems

std::string listener_name(const std::string& protocol, const std::string& host) {
  if (host.empty()) return protocol;
  // Listener names may contain dots, so the host stays readable and two
  // hosts can never collide (only "*" needs spelling out).
  return dns_name(protocol + "-" + host);
}

/// The namespaces a listener must admit besides its owner's own (empty =
/// the default, Same).
std::vector<std::string> allowed_namespaces(const HostListeners& h, const std::string& owner_ns) {
  bool foreign = std::any_of(h.route_namespaces.begin(), h.route_namespaces.end(),
                             [&](const std::string& ns) { return ns != owner_ns; });
  if (!foreign) return {};
  std::vector<std::string> out(h.route_namespaces.begin(), h.route_namespaces.end());
  if (!h.route_namespaces.count(owner_ns)) out.push_back(owner_ns);
  std::sort(out.begin(), out.end());
  return out;
}

/// Gateway API hostname matching for listeners: "" takes any host, "*.x"
/// any name ending in ".x" (any number of labels), else the same name.
int hostname_fit(const std::string& listener, const std::string& host) {
  if (listener.empty()) return 0;
  if (listener == host) return 3;
  if (listener[0] == '*' && !host.empty() && host[0] != '*' && ends_with(host, listener.substr(1))) return 1;
  return -1;
}

enum class Want { Http, Https, Passthrough };

struct Candidate {
  const ExistingGateway* owner;
  const ExistingListener* listener;
};

bool admits(const ExistingListener& l, const std::string& owner_ns, const std::set<std::string>& route_ns) {
  for (const auto& ns : route_ns) {
    if (l.routes_from == "All") continue;
    if (l.routes_from == "Same" && ns == owner_ns) continue;
    if (l.routes_from == "Selector" &&
        (!l.selector_known ||
         std::find(l.route_namespaces.begin(), l.route_namespaces.end(), ns) != l.route_namespaces.end()))
      continue;
    return false;
  }
  return true;
}

bool same_certificate(const ExistingListener& l, const std::string& owner_ns, const HostListeners& h) {
  for (const auto& [ns, name] : l.certificates) {
    if ((ns.empty() ? owner_ns : ns) == h.secret_ns && name == h.secret) return true;
  }
  return false;
}

/// The existing listener a host's `want` listener can be: one with the same
/// hostname is always it (a second listener with the same port, protocol
/// and hostname would conflict), with a warning where its certificate or
/// allowed namespaces differ; a wildcard or host-less one only where
/// certificate and namespaces fit. The most specific wins.
const Candidate* find_existing(const std::vector<Candidate>& candidates, Want want, const std::string& host,
                               const HostListeners& h, Findings& findings, const Location& at) {
  const char* protocol = want == Want::Http ? "HTTP" : want == Want::Https ? "HTTPS" : "TLS";
  int port = want == Want::Http ? 80 : 443;
  const Candidate* best = nullptr;
  int best_fit = -1;
  for (const Candidate& c : candidates) {
    const ExistingListener& l = *c.listener;
    if (l.port != port || l.protocol != protocol) continue;
    if (want == Want::Passthrough && l.tls_mode != "Passthrough") continue;
    if (want == Want::Https && l.tls_mode == "Passthrough") continue;
    int fit = hostname_fit(l.hostname, host);
    if (fit < 0) continue;
    bool exact = fit == 3;
    if (!exact && want == Want::Https && !same_certificate(l, c.owner->ns, h)) continue;
    if (!exact && !admits(l, c.owner->ns, h.route_namespaces)) continue;
    if (fit > best_fit) {
      best = &c;
      best_fit = fit;
    }
  }
  if (best && best_fit == 3) {
    const ExistingListener& l = *best->listener;
    std::string where = fmt::format("{} {}/{} listener {}", best->owner->kind, best->owner->ns,
                                    best->owner->name, l.name);
    if (want == Want::Https && !same_certificate(l, best->owner->ns, h)) {
      findings.warning(at,
                       fmt::format("{} already serves host {} on port 443 with another certificate than "
                                   "the Ingress's Secret {}/{}; routes attach to it and clients now get "
                                   "that certificate",
                                   where, host, h.secret_ns, h.secret),
                       "existing-listener-certificate");
    }
    if (!admits(l, best->owner->ns, h.route_namespaces)) {
      findings.warning(at,
                       fmt::format("{} serves host {} but does not admit routes from namespace(s) {} "
                                   "(allowedRoutes.namespaces.from: {}); those routes will not attach "
                                   "until its allowedRoutes admits them",
                                   where, host, join({h.route_namespaces.begin(), h.route_namespaces.end()}, ", "),
                                   l.routes_from),
                       "existing-listener-namespaces");
    }
  }
  return best;
}

ListenerIR to_listener_ir(const ExistingListener& l) {
  ListenerIR out;
  out.name = l.name;
  out.hostname = l.hostname;
  out.port = l.port;
  out.protocol = l.protocol;
  out.tls_mode = l.tls_mode.empty() ? "Terminate" : l.tls_mode;
  for (const auto& [ns, name] : l.certificates) out.certificates.push_back(CertRefIR{ns, name});
  if (l.routes_from == "All" || (l.routes_from == "Selector" && !l.selector_known)) {
    out.route_namespaces = {"*"};
  } else if (l.routes_from == "Selector") {
    out.route_namespaces = l.route_namespaces;
  }
  return out;
}

GatewayIR to_gateway_ir(const ExistingGateway& g) {
  GatewayIR out;
  out.ns = g.ns;
  out.name = g.name;
  out.gateway_class = g.gateway_class;
  for (const auto& l : g.listeners) out.listeners.push_back(to_listener_ir(l));
  out.existing = g.object;
  out.existing_at = g.location;
  if (g.listeners_from != "Selector" || g.listener_selector_known) {
    out.listeners_from = g.listeners_from;
    out.listener_namespaces = g.listener_namespaces;
  }
  return out;
}

ListenerSetIR to_listener_set_ir(const ExistingGateway& s) {
  ListenerSetIR out;
  out.ns = s.ns;
  out.name = s.name;
  out.parent_ns = s.parent_ns.empty() ? s.ns : s.parent_ns;
  out.parent_name = s.parent_name;
  for (const auto& l : s.listeners) out.listeners.push_back(to_listener_ir(l));
  return out;
}

std::vector<ListenerIR> host_listeners(const std::string& host, const HostListeners& h, const std::string& owner_ns,
                                       const std::vector<Want>& wanted, SecretGrants& grants,
                                       const std::string& grant_from_ns) {
  std::vector<ListenerIR> out;
  auto allowed = allowed_namespaces(h, owner_ns);
  for (Want w : wanted) {
    ListenerIR l;
    l.hostname = host;
    l.route_namespaces = allowed;
    if (w == Want::Http) {
      l.name = listener_name("http", host);
    } else if (w == Want::Https) {
      l.name = listener_name("https", host);
      l.port = 443;
      l.protocol = "HTTPS";
      CertRefIR cert{h.secret_ns != owner_ns ? h.secret_ns : "", h.secret};
      l.certificates.push_back(cert);
      if (!cert.ns.empty()) grants[{cert.ns, grant_from_ns}].push_back(h.secret);
    } else {
      l.name = listener_name("tls", host);
      l.port = 443;
      l.protocol = "TLS";
      l.tls_mode = "Passthrough";
    }
    out.push_back(std::move(l));
  }
  return out;
}

ListenerSlot& slot_of(GatewayPlan::Placement& p, Want w) {
  return w == Want::Http ? p.http : w == Want::Https ? p.https : p.tls;
}

/// What the parent Gateway must allow for ListenerSets from `namespaces`,
/// checked against it where the input has it.
void report_listener_set_parent(const GatewayPlan& g, const ExistingGateway* parent,
                                const std::map<std::string, Location>& first_in, const Location& first,
                                Findings& findings) {
  std::set<std::string> namespaces;
  for (const auto& [ns, at] : first_in) namespaces.insert(ns);
  std::vector<std::string> foreign;
  for (const auto& ns : namespaces) {
    if (ns != g.ns) foreign.push_back(ns);
  }
  std::string listed = join(std::vector<std::string>(namespaces.begin(), namespaces.end()), ", ");
  std::string how = foreign.empty()
                        ? "spec.allowedListeners.namespaces.from: Same"
                        : fmt::format("spec.allowedListeners.namespaces.from: Selector with "
                                      "kubernetes.io/metadata.name In [{}], or from: All",
                                      listed);
  if (!parent) {
    findings.info(first,
                  fmt::format("the ListenerSets attach to Gateway {}/{}, which this conversion does not "
                              "write: it must exist, have a listener of its own (spec.listeners may not "
                              "be empty), and allow ListenerSets from {} ({})",
                              g.ns, g.name, listed, how),
                  "listener-set-parent");
    return;
  }
  std::vector<std::string> refused;
  bool unknown = false;
  for (const auto& ns : namespaces) {
    const auto& from = parent->listeners_from;
    if (from == "All" || (from == "Same" && ns == parent->ns)) continue;
    if (from == "Selector") {
      if (!parent->listener_selector_known) {
        unknown = true;
        continue;
      }
      const auto& names = parent->listener_namespaces;
      if (std::find(names.begin(), names.end(), ns) != names.end()) continue;
    }
    refused.push_back(ns);
  }
  for (const auto& ns : refused) {
    // Said where the traffic is lost: at the first Ingress of the namespace.
    findings.warning(first_in.at(ns),
                     fmt::format("Gateway {}/{} does not accept ListenerSets from namespace {} "
                                 "(spec.allowedListeners.namespaces.from: {}), so ListenerSet {}/{} and the "
                                 "routes attached to it stay detached; set {}",
                                 g.ns, g.name, ns, parent->listeners_from, ns, g.name, how),
                     "listener-set-not-allowed");
  }
  if (refused.empty() && unknown) {
    findings.info(parent->location,
                  fmt::format("Gateway {}/{} selects the namespaces of its ListenerSets by labels the "
                              "input does not show; it must select {}",
                              g.ns, g.name, listed),
                  "listener-set-parent");
  }
}

}  // namespace

ParentRefIR parent_ref_to(const ListenerSlot& slot, const std::string& route_ns) {
  return ParentRefIR(slot.ns != route_ns ? slot.ns : "", slot.name, slot.section,
                     slot.kind == "ListenerSet" ? "ListenerSet" : "");
}

void attach_to_parent_ref(const Plan& plan, const ParentOverride& parent, std::map<GatewayKey, GatewayPlan>& gateways,
                          ConversionOutput& out) {
  ListenerSlot slot{"Gateway", parent.ns, parent.name, parent.section, true};
  for (auto& [key, g] : gateways) {
    for (const auto& [host, h] : g.hosts) g.placement[host] = GatewayPlan::Placement{slot, slot, slot};
  }
  // Not written; where the input has it, verify and plan see its listeners.
  for (const ExistingGateway& e : plan.inventory->gateways) {
    if (e.kind == "Gateway" && e.ns == parent.ns && e.name == parent.name) out.reused_gateways.push_back(to_gateway_ir(e));
  }
}

void lay_out_listeners(const Plan& plan, std::map<GatewayKey, GatewayPlan>& gateways, ConversionOutput& out,
                       NameRegistry& names, SecretGrants& grants) {
  const ConvertOptions& opt = *plan.options;
  Findings& findings = *plan.findings;
  for (auto& [key, g] : gateways) {
    // The Gateway as the input has it, and the ListenerSets attached to it.
    const ExistingGateway* existing = nullptr;
    std::vector<Candidate> candidates;
    std::vector<const ExistingGateway*> existing_sets;
    for (const ExistingGateway& e : plan.inventory->gateways) {
      if (e.kind == "Gateway" && e.ns == g.ns && e.name == g.name) existing = &e;
      std::string parent_ns = e.parent_ns.empty() ? e.ns : e.parent_ns;
      if (e.kind == "ListenerSet" && parent_ns == g.ns && e.parent_name == g.name) existing_sets.push_back(&e);
    }
    if (existing) {
      for (const auto& l : existing->listeners) candidates.push_back({existing, &l});
    }
    for (const ExistingGateway* s : existing_sets) {
      for (const auto& l : s->listeners) candidates.push_back({s, &l});
    }

    std::vector<GatewayIR> parts;
    bool extended = false;
    if (existing && !opt.listener_sets) parts.push_back(to_gateway_ir(*existing));
    std::map<std::string, std::vector<ListenerSetIR>> sets;  // by namespace
    // Existing listeners routes attach to, by owner and listener name.
    std::set<std::pair<const ExistingGateway*, std::string>> reused;
    std::set<std::string> added;
    Location first_route;
    std::map<std::string, Location> set_first;  // ListenerSet namespace -> its first Ingress

    for (const auto& [host, h] : g.hosts) {
      GatewayPlan::Placement place;
      std::vector<Want> wanted;
      if (h.http) wanted.push_back(Want::Http);
      if (h.https && !h.tls_passthrough) wanted.push_back(Want::Https);
      if (h.tls_passthrough) wanted.push_back(Want::Passthrough);
      const Location& at = plan.ingresses[h.tls_ingress != SIZE_MAX ? h.tls_ingress : h.first_ingress].ing->location;
      if (first_route.origin == nullptr) first_route = at;
      // ingress-nginx answered HTTPS for a host without a certificate too
      // (its default certificate): where an existing HTTPS listener covers
      // the host and admits its routes, they attach there as well.
      if (h.http && !h.https && !h.tls_passthrough) {
        const Candidate* covering = nullptr;
        for (const Candidate& c : candidates) {
          const ExistingListener& l = *c.listener;
          if (l.port == 443 && l.protocol == "HTTPS" && l.tls_mode != "Passthrough" &&
              hostname_fit(l.hostname, host) >= 0 && admits(l, c.owner->ns, h.route_namespaces) &&
              (!covering || hostname_fit(l.hostname, host) > 0)) {
            covering = &c;
          }
        }
        if (covering) {
          place.https = ListenerSlot{covering->owner->kind, covering->owner->ns, covering->owner->name,
                                     covering->listener->name, true};
          reused.emplace(covering->owner, covering->listener->name);
        }
      }
      std::vector<Want> missing;
      for (Want w : wanted) {
        const Candidate* c = find_existing(candidates, w, host, h, findings, at);
        if (!c) {
          missing.push_back(w);
          continue;
        }
        slot_of(place, w) = ListenerSlot{c->owner->kind, c->owner->ns, c->owner->name, c->listener->name, true};
        reused.emplace(c->owner, c->listener->name);
      }
      if (!missing.empty() && opt.listener_sets) {
        // The host's listeners live where its certificate does, so the
        // ListenerSet needs no ReferenceGrant and cert-manager (which skips
        // cross-namespace certificateRefs) can issue into it.
        std::string owner = h.https && !h.tls_passthrough ? h.secret_ns : h.first_ns;
        auto& list = sets[owner];
        set_first.emplace(owner, at);
        if (list.empty() || list.back().listeners.size() + missing.size() > kMaxListeners) {
          ListenerSetIR s;
          s.ns = owner;
          s.name = names.claim("ListenerSet/" + owner,
                               list.empty() ? g.name : g.name + "-" + std::to_string(list.size() + 1));
          s.parent_ns = g.ns;
          s.parent_name = g.name;
          list.push_back(std::move(s));
        }
        ListenerSetIR& s = list.back();
        auto made = host_listeners(host, h, owner, missing, grants, owner);
        for (size_t i = 0; i < missing.size(); ++i) {
          slot_of(place, missing[i]) = ListenerSlot{"ListenerSet", s.ns, s.name, made[i].name, false};
          s.listeners.push_back(std::move(made[i]));
        }
      } else if (!missing.empty()) {
        size_t capacity_used = parts.empty() ? kMaxListeners : parts.back().listeners.size();
        if (parts.empty() || capacity_used + missing.size() > kMaxListeners) {
          GatewayIR gw;
          gw.ns = g.ns;
          gw.name = names.claim("Gateway/" + g.ns,
                                parts.empty() ? g.name : g.name + "-" + std::to_string(parts.size() + 1));
          gw.gateway_class = g.gateway_class;
          if (parts.empty()) gw.named_address = g.named_address;
          parts.push_back(std::move(gw));
        }
        GatewayIR& gw = parts.back();
        if (!gw.existing.is_null()) extended = true;
        auto made = host_listeners(host, h, g.ns, missing, grants, g.ns);
        for (size_t i = 0; i < missing.size(); ++i) {
          slot_of(place, missing[i]) = ListenerSlot{"Gateway", gw.ns, gw.name, made[i].name, false};
          if (!gw.existing.is_null()) added.insert(made[i].name);
          gw.listeners.push_back(std::move(made[i]));
        }
      }
      g.placement[host] = place;
    }

    if (existing) {
      std::vector<std::string> own;
      for (const auto& [owner, name] : reused) {
        if (owner == existing) own.push_back(name);
      }
      std::string what = own.empty() ? "no listener of it fits the routes"
                                     : fmt::format("routes reuse its listener{} {}", own.size() == 1 ? "" : "s",
                                                   join(own, ", "));
      if (opt.listener_sets) {
        findings.info(existing->location,
                      fmt::format("Gateway {}/{} is in the input: {}; it is not written (--listener-set)",
                                  g.ns, g.name, what),
                      "existing-gateway");
      } else if (extended) {
        findings.info(existing->location,
                      fmt::format("Gateway {}/{} is in the input: {}; the output extends it with {} "
                                  "listener{} ({})",
                                  g.ns, g.name, what, added.size(), added.size() == 1 ? "" : "s",
                                  join(std::vector<std::string>(added.begin(), added.end()), ", ")),
                      "existing-gateway");
      } else {
        findings.info(existing->location,
                      fmt::format("Gateway {}/{} is in the input: {}; nothing is added to it, so it "
                                  "is not written",
                                  g.ns, g.name, what),
                      "existing-gateway");
      }
    }
    if (existing && (opt.listener_sets || !extended)) {
      // Not written, but routes attach to it: verify and plan see it.
      out.reused_gateways.push_back(to_gateway_ir(*existing));
      if (!parts.empty() && !parts.front().existing.is_null()) parts.erase(parts.begin());
    }
    std::set<const ExistingGateway*> reused_sets;
    for (const auto& [owner, name] : reused) {
      if (owner->kind == "ListenerSet" && reused_sets.insert(owner).second)
        out.reused_listener_sets.push_back(to_listener_set_ir(*owner));
    }
    if (opt.listener_sets && !sets.empty()) report_listener_set_parent(g, existing, set_first, first_route, findings);
    for (auto& p : parts) out.gateways.push_back(std::move(p));
    for (auto& [ns, list] : sets) {
      for (auto& s : list) out.listener_sets.push_back(std::move(s));
    }
  }
}

}  // namespace im
