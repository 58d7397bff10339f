#include <fmt/format.h>

#include "convert/plan.h"

namespace im {

std::optional<BackendRefIR> resolve_backend(const Backend& b, const Ingress& ing,
                                            const Inventory& inventory, Findings& findings) {
  BackendRefIR ref;
  if (b.kind == Backend::Kind::Resource) {
    // ingress-nginx skips paths (and a defaultBackend) whose backend is not a
    // Service (internal/ingress/controller/controller.go: "skip non-service
    // backends"), so their requests fall to the Ingress's other matches or
    // the default backend. Leaving the path out keeps that; a backendRef to
    // the resource would serve what nginx never did.
    findings.warning(b.location,
                     fmt::format("backend is the resource {}/{} {}, not a Service; ingress-nginx "
                                 "skips it, so its requests go to the Ingress's other matches or "
                                 "404, and they still do: not converted",
                                 b.resource_group.empty() ? "core" : b.resource_group, b.resource_kind,
                                 b.resource_name),
                     "resource-backend");
    return std::nullopt;
  }
  ref.name = b.service_name;
  if (b.port.number) {
    ref.port = *b.port.number;
    return ref;
  }
  // Gateway API backendRefs take the Service port number only, so a named
  // port has to be looked up in the Service itself.
  const Service* svc = nullptr;
  for (const auto& s : inventory.services) {
    if (s.name == b.service_name && s.ns == ing.ns) {
      svc = &s;
      break;
    }
  }
  std::string svc_ref = ing.ns.empty() ? b.service_name : ing.ns + "/" + b.service_name;
  if (!svc) {
    findings.error(b.port.location,
                   fmt::format("service port \"{}\" cannot be resolved: Service {} is not in the "
                               "input (add it with -f, or use port.number); path not converted",
                               b.port.name, svc_ref),
                   "unresolved-port");
    return std::nullopt;
  }
  for (const auto& p : svc->ports) {
    if (p.name == b.port.name && p.port > 0) {
      ref.port = p.port;
      return ref;
    }
  }
  findings.error(b.port.location,
                 fmt::format("Service {} has no port named \"{}\"; path not converted", svc_ref,
                             b.port.name),
                 "unresolved-port");
  return std::nullopt;
}

}  // namespace im
