// Splitting the converted routes into groups, ordering the groups by risk,
// and deciding when each host moves and each Ingress can go.

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "convert/class_resolver.h"
#include "convert/naming.h"
#include "convert/topology.h"
#include "plan/cutover_plan.h"
#include "model/finding_owner.h"
#include "plan/risk.h"
#include "util/text.h"

namespace im {

const std::vector<std::string>& group_by_names() {
  static const std::vector<std::string> names = {"namespace", "host", "ingress-class"};
  return names;
}

std::optional<GroupBy> parse_group_by(const std::string& name) {
  if (name == "namespace") return GroupBy::Namespace;
  if (name == "host") return GroupBy::Host;
  if (name == "ingress-class") return GroupBy::IngressClass;
  return std::nullopt;
}

namespace {

/// The hosts an Ingress serves; "" for its default backend or a rule
/// without host (the controller's default server).
std::set<std::string> hosts_of(const Ingress& ing) {
  std::set<std::string> hosts;
  for (const auto& r : ing.rules) hosts.insert(r.host);
  if (ing.default_backend) hosts.insert("");
  return hosts;
}

std::string label_for(GroupBy by, const std::string& key) {
  if (!key.empty()) return key;
  switch (by) {
    case GroupBy::Namespace: return "(no namespace)";
    case GroupBy::Host: return "(any host)";
    case GroupBy::IngressClass: return "(no class)";
  }
  return key;
}

std::string slug_for(GroupBy by, const std::string& key) {
  if (!key.empty()) return dns_name(key, 60);
  switch (by) {
    case GroupBy::Namespace: return "no-namespace";
    case GroupBy::Host: return "any-host";
    case GroupBy::IngressClass: return "no-class";
  }
  return "group";
}

/// Everything known about the routes while groups are being formed.
struct Builder {
  const PlanInput& in;
  GroupBy by;
  std::map<std::string, std::string> class_of;  ///< Ingress ref -> class ("" = none)
  std::map<std::string, PlanGroup> groups;      ///< by key
  /// host -> group keys with routes for it, and the Gateways they attach to.
  std::map<std::string, std::set<std::string>> host_groups;
  std::map<std::string, std::set<std::pair<std::string, std::string>>> host_gateways;
  std::set<std::string> routed_ingresses;
  /// host -> the Gateway of its first route, and the first route that
  /// attaches elsewhere (where a plan-host-split finding points).
  std::map<std::string, std::pair<std::string, std::string>> first_gateway;
  std::map<std::string, Location> split_at;
  std::map<std::string, ConversionOutput> host_routes;

  std::string key_of(const std::string& ns, const std::vector<std::string>& hostnames,
                     const std::string& source) {
    switch (by) {
      case GroupBy::Namespace: return ns;
      case GroupBy::Host: return hostnames.empty() ? "" : hostnames.front();
      case GroupBy::IngressClass: return class_of[source];
    }
    return ns;
  }

  std::vector<std::string> keys_of(const Ingress& ing) {
    switch (by) {
      case GroupBy::Namespace: return {ing.ns};
      case GroupBy::IngressClass: return {class_of[ing.ref()]};
      case GroupBy::Host: {
        auto hosts = hosts_of(ing);
        return {hosts.begin(), hosts.end()};
      }
    }
    return {};
  }

  template <typename Route>
  void add_route(const Route& r, std::vector<Route> ConversionOutput::*list) {
    std::string key = key_of(r.ns, r.hostnames, r.source_ingress);
    PlanGroup& g = groups[key];
    g.key = key;
    (g.routes.*list).push_back(r);
    std::string host = r.hostnames.empty() ? "" : r.hostnames.front();
    host_groups[host].insert(key);
    for (const auto& p : r.parents) {
      std::pair<std::string, std::string> gw = gateway_of(*in.output, p, r.ns);
      host_gateways[host].insert(gw);
      auto first = first_gateway.emplace(host, gw).first;
      if (first->second != gw) split_at.emplace(host, r.source);
    }
    (host_routes[host].*list).push_back(r);
    routed_ingresses.insert(r.source_ingress);
  }
};

/// The BackendTLSPolicies for the Services a group's routes send to: the
/// group's routes need them to reach their backends the same way.
void add_backend_policies(const std::multimap<std::pair<std::string, std::string>, const BackendTLSPolicyIR*>& by_service,
                          PlanGroup& g) {
  std::set<std::pair<std::string, std::string>> services;
  for (const auto& r : g.routes.http_routes) {
    for (const auto& rule : r.rules) {
      for (const auto& b : rule.backends) services.insert({r.ns, b.name});
    }
  }
  for (const auto& r : g.routes.grpc_routes) {
    for (const auto& rule : r.rules) {
      for (const auto& b : rule.backends) services.insert({r.ns, b.name});
    }
  }
  for (const auto& r : g.routes.tls_routes) {
    for (const auto& b : r.backends) services.insert({r.ns, b.name});
  }
  for (const auto& service : services) {
    auto [from, to] = by_service.equal_range(service);
    for (auto it = from; it != to; ++it) g.routes.backend_tls_policies.push_back(*it->second);
  }
}

/// A host whose routes attach to several Gateways cannot move: DNS names
/// one address, and each Gateway gets its own.
void check_host_splits(const Builder& b, Findings& findings) {
  for (const auto& [host, gateways] : b.host_gateways) {
    if (gateways.size() < 2) continue;
    std::vector<std::string> names;
    for (const auto& [ns, name] : gateways) names.push_back(ns.empty() ? name : ns + "/" + name);
    const Location& where = b.split_at.at(host);
    findings.error(where,
                   fmt::format("host {} is served by routes on {} Gateways ({}), which get separate "
                               "addresses; its DNS name can point at only one of them, so moving it "
                               "would break the paths the others serve: rerun with --gateway "
                               "NAMESPACE/NAME to attach every route to one Gateway",
                               host.empty() ? "(any host)" : host, gateways.size(), join(names, ", ")),
                   "plan-host-split");
  }
  findings.sort_and_dedupe();
}

/// Takes the routes of every host a security-dropping Ingress serves out
/// of the plan: applied anywhere, even in 00-observe, the Gateway's own
/// address would serve that host without the allowlist, auth or limit.
/// Other Ingresses of such a host stay too, so nothing of it moves.
std::set<std::string> withhold_blocked(const PlanInput& in, const FindingOwners& owners,
                                       CutoverPlan& plan) {
  std::map<const Ingress*, std::vector<Finding>> reasons;
  for (const Finding& f : in.findings->items()) {
    if (f.severity != Severity::Error || !removes_security_control(f.rule_id)) continue;
    if (const Ingress* ing = owners.owner(f.location)) reasons[ing].push_back(f);
  }
  std::set<std::string> hosts;
  for (const Ingress& ing : in.inventory->ingresses) {
    auto it = reasons.find(&ing);
    if (it == reasons.end()) continue;
    plan.blocked.push_back({&ing, it->second});
    for (const auto& h : hosts_of(ing)) hosts.insert(to_lower(h));
  }
  auto withhold = [&](auto& routes, auto& into) {
    auto keep = std::stable_partition(routes.begin(), routes.end(), [&](const auto& r) {
      return !hosts.count(r.hostnames.empty() ? "" : to_lower(r.hostnames.front()));
    });
    into.insert(into.end(), std::make_move_iterator(keep), std::make_move_iterator(routes.end()));
    routes.erase(keep, routes.end());
  };
  withhold(plan.all.http_routes, plan.blocked_routes.http_routes);
  withhold(plan.all.grpc_routes, plan.blocked_routes.grpc_routes);
  withhold(plan.all.tls_routes, plan.blocked_routes.tls_routes);
  return hosts;
}

}  // namespace

CutoverPlan build_cutover_plan(const PlanInput& in) {
  CutoverPlan plan;
  plan.group_by = in.group_by;
  plan.all = *in.output;
  const Inventory& inv = *in.inventory;
  Builder b{in, in.group_by, {}, {}, {}, {}, {}, {}, {}, {}};

  // The converter resolved classes already; resolving again (into scratch
  // findings, which the conversion has reported) gives the same answers only
  // with the same options: --require-class leaves a class-less Ingress
  // unconverted, so the plan keeps it rather than counting it as leaving.
  Findings scratch;
  ClassResolver resolver(inv.classes, in.default_class, scratch, in.require_class);
  for (const Ingress& ing : inv.ingresses) b.class_of.emplace(ing.ref(), resolver.resolve(ing).name);

  FindingOwners owners(inv);
  std::set<std::string> blocked_hosts = withhold_blocked(in, owners, plan);

  for (const auto& r : plan.all.http_routes) b.add_route(r, &ConversionOutput::http_routes);
  for (const auto& r : plan.all.grpc_routes) b.add_route(r, &ConversionOutput::grpc_routes);
  for (const auto& r : plan.all.tls_routes) b.add_route(r, &ConversionOutput::tls_routes);
  check_host_splits(b, plan.findings);

  // Which Ingresses go away, and which stay because the Gateway would not
  // serve all of what they serve.
  std::vector<const Ingress*> leaving;
  for (const Ingress& ing : inv.ingresses) {
    auto hosts = hosts_of(ing);
    std::string missing, split;
    for (const auto& h : hosts) {
      if (!b.host_groups.count(h)) {
        missing = h.empty() ? "(any host)" : h;
        break;
      }
      if (b.host_gateways[h].size() > 1 && split.empty()) split = h.empty() ? "(any host)" : h;
    }
    std::string blocked_host;
    for (const auto& h : hosts) {
      if (blocked_hosts.count(to_lower(h)) && blocked_host.empty()) blocked_host = h.empty() ? "(any host)" : h;
    }
    bool is_blocked = std::any_of(plan.blocked.begin(), plan.blocked.end(),
                                  [&](const BlockedIngress& x) { return x.ingress == &ing; });
    if (is_blocked) {
      continue;  // listed under blocked/, first in PLAN.md
    } else if (!blocked_host.empty()) {
      plan.kept.push_back({&ing, "host " + blocked_host +
                                     " is blocked: an Ingress on it loses a security control "
                                     "(blocked/README.md)"});
    } else if (b.class_of[ing.ref()].empty()) {
      plan.kept.push_back({&ing, "no ingress class, so it was not converted"});
    } else if (hosts.empty()) {
      plan.kept.push_back({&ing, "it serves no host"});
    } else if (!missing.empty()) {
      plan.kept.push_back({&ing, "host " + missing + " has no route on a Gateway"});
    } else if (!split.empty()) {
      plan.kept.push_back({&ing, "host " + split + " has routes on several Gateways (plan-host-split)"});
    } else {
      leaving.push_back(&ing);
    }
  }

  // Findings (conversion and plan) go to the groups of the Ingress they are
  // about; a group is as risky as its worst finding.
  std::vector<Finding> all_findings = in.findings->items();
  all_findings.insert(all_findings.end(), plan.findings.items().begin(), plan.findings.items().end());
  std::sort(all_findings.begin(), all_findings.end(), [](const Finding& x, const Finding& y) {
    return std::tie(x.location, x.message) < std::tie(y.location, y.message);
  });
  for (const auto& f : all_findings) {
    const Ingress* ing = owners.owner(f.location);
    if (!ing) continue;
    for (const auto& key : b.keys_of(*ing)) {
      auto g = b.groups.find(key);
      if (g == b.groups.end()) continue;
      g->second.findings.push_back(f);
      g->second.risk = std::max(g->second.risk, risk_of(f, *in.catalog));
    }
  }

  std::multimap<std::pair<std::string, std::string>, const BackendTLSPolicyIR*> policies;
  for (const auto& p : plan.all.backend_tls_policies) policies.emplace(std::make_pair(p.ns, p.service), &p);
  for (auto& [key, g] : b.groups) {
    g.label = label_for(in.group_by, key);
    add_backend_policies(policies, g);
    plan.groups.push_back(std::move(g));
  }
  std::stable_sort(plan.groups.begin(), plan.groups.end(), [&](const PlanGroup& x, const PlanGroup& y) {
    return std::make_tuple(x.risk, slug_for(in.group_by, x.key), x.key) <
           std::make_tuple(y.risk, slug_for(in.group_by, y.key), y.key);
  });
  std::map<std::string, size_t> position;
  for (size_t i = 0; i < plan.groups.size(); ++i) {
    PlanGroup& g = plan.groups[i];
    g.dir = fmt::format("{:02}-{}", i + 1, slug_for(in.group_by, g.key));
    position[g.key] = i;
  }

  // A host moves with the last group that has routes for it: its DNS name
  // sends every path to the Gateway at once, so it waits until the riskiest
  // of its groups is due. An Ingress goes when its last host has moved.
  std::map<std::string, size_t> moved_at;
  for (const auto& [host, keys] : b.host_groups) {
    size_t last = 0;
    for (const auto& k : keys) last = std::max(last, position[k]);
    moved_at[host] = last;
    plan.host_step[host] = last;
    HostMove move{host, {}};
    for (const auto& [ns, name] : b.host_gateways[host]) move.gateways.push_back(GatewayRef{ns, name});
    auto& list = move.gateways.size() > 1 ? plan.groups[last].stuck : plan.groups[last].moves;
    list.push_back(std::move(move));
  }
  std::map<std::string, size_t> class_last;  // class -> group after which its Ingresses are gone
  std::set<std::string> class_in_use;        // classes of Ingresses the plan keeps
  for (const Ingress* ing : leaving) {
    size_t at = 0;
    for (const auto& h : hosts_of(*ing)) at = std::max(at, moved_at[h]);
    plan.groups[at].released.push_back(ing);
    auto& last = class_last[b.class_of[ing->ref()]];
    last = std::max(last, at);
  }
  for (const auto& k : plan.kept) class_in_use.insert(b.class_of[k.ingress->ref()]);
  for (auto& g : plan.groups) {
    std::sort(g.released.begin(), g.released.end(),
              [](const Ingress* x, const Ingress* y) { return x->ref() < y->ref(); });
  }
  if (!plan.groups.empty()) {
    for (const auto& cls : inv.classes) {
      if (class_in_use.count(cls.name)) continue;
      auto last = class_last.find(cls.name);
      plan.class_deletions.push_back({&cls, last == class_last.end() ? plan.groups.size() - 1 : last->second});
    }
  }
  plan.host_routes = std::move(b.host_routes);
  return plan;
}

}  // namespace im
