#include "convert/topology.h"

#include <algorithm>

namespace im {

std::vector<GatewayIR> reachable_gateways(const ConversionOutput& out) {
  std::vector<GatewayIR> all = out.gateways;
  all.insert(all.end(), out.reused_gateways.begin(), out.reused_gateways.end());
  std::vector<const ListenerSetIR*> sets;
  for (const auto& s : out.reused_listener_sets) sets.push_back(&s);
  for (const auto& s : out.listener_sets) sets.push_back(&s);
  for (const ListenerSetIR* s : sets) {
    auto parent = std::find_if(all.begin(), all.end(), [&](const GatewayIR& g) {
      return g.ns == s->parent_ns && g.name == s->parent_name;
    });
    if (parent == all.end()) {
      GatewayIR g;
      g.ns = s->parent_ns;
      g.name = s->parent_name;
      all.push_back(std::move(g));
      parent = all.end() - 1;
    }
    // A Gateway accepts ListenerSets only from the namespaces its
    // spec.allowedListeners names (None by default); the rest stay detached.
    const std::string& from = parent->listeners_from;
    const auto& names = parent->listener_namespaces;
    bool accepted = from.empty() || from == "All" || (from == "Same" && s->ns == parent->ns) ||
                    (from == "Selector" && std::find(names.begin(), names.end(), s->ns) != names.end());
    if (!accepted) continue;
    for (ListenerIR l : s->listeners) {
      bool taken = std::any_of(parent->listeners.begin(), parent->listeners.end(), [&](const ListenerIR& o) {
        return o.port == l.port && o.protocol == l.protocol && o.hostname == l.hostname;
      });
      if (taken) continue;
      l.set_ns = s->ns;
      l.set_name = s->name;
      parent->listeners.push_back(std::move(l));
    }
  }
  return all;
}


std::pair<std::string, std::string> gateway_of(const ConversionOutput& out, const ParentRefIR& parent,
                                               const std::string& route_ns) {
  std::string ns = parent.ns.empty() ? route_ns : parent.ns;
  if (parent.kind != "ListenerSet") return {ns, parent.name};
  for (const auto* sets : {&out.listener_sets, &out.reused_listener_sets}) {
    for (const auto& s : *sets) {
      if (s.ns == ns && s.name == parent.name) return {s.parent_ns, s.parent_name};
    }
  }
  return {ns, parent.name};  // a ListenerSet not in the output: itself
}

}  // namespace im
