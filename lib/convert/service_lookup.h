#pragma once
// The Service a backendRef names, for the controllers that read settings
// from the Service's own annotations (Traefik service.*, Kong's protocol,
// tls-verify and host-header, Contour's upstream protocols, HAProxy's
// backend keys), and a walk over the Service backends of one controller's
// routes.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "convert/gateway_ir.h"
#include "convert/plan.h"
#include "model/inventory.h"

namespace im {

/// The input's Service `name` in namespace `ns` ("" and "default" are the
/// same namespace), or nullptr when the input does not have it.
const Service* find_service(const Inventory& inventory, const std::string& ns, const std::string& name);

/// Visits, in route order, every Service backend of the HTTPRoutes made
/// from the Ingresses `controller` serves: `visit(route, rule, backend,
/// state)` with the State that `read(service, route)` made the first time
/// the Service was met, so each Service's annotations are read (and judged)
/// once. Backends whose Service is not in the input are skipped. Returns
/// the states by (namespace, name).
template <typename State, typename Read, typename Visit>
std::map<std::pair<std::string, std::string>, State> walk_service_backends(const Plan& plan, ConversionOutput& out,
                                                                          const std::string& controller, Read read,
                                                                          Visit visit) {
  std::set<std::string> ingresses;
  for (const IngressInfo& info : plan.ingresses) {
    if (info.cls.controller == controller) ingresses.insert(info.ing->ref());
  }
  std::map<std::pair<std::string, std::string>, std::optional<State>> seen;
  for (HTTPRouteIR& route : out.http_routes) {
    if (ingresses.empty()) break;
    if (!ingresses.count(route.source_ingress)) continue;
    for (RouteRuleIR& rule : route.rules) {
      for (const BackendRefIR& b : rule.backends) {
        if (!b.group.empty() || !(b.kind.empty() || b.kind == "Service")) continue;
        auto [it, fresh] = seen.try_emplace({route.ns, b.name});
        if (fresh) {
          if (const Service* svc = find_service(*plan.inventory, route.ns, b.name)) it->second = read(*svc, route);
        }
        if (it->second) visit(route, rule, b, *it->second);
      }
    }
  }
  std::map<std::pair<std::string, std::string>, State> states;
  for (auto& [key, state] : seen) {
    if (state) states.emplace(key, std::move(*state));
  }
  return states;
}

}  // namespace im
