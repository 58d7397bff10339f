#include "verify/backend_name.h"

#include <fmt/format.h>

namespace im::verify {

std::string backend_name(const Inventory& inventory, const Backend& b, const Ingress& ing) {
  const std::string ns = ing.ns.empty() ? "default" : ing.ns;
  if (b.kind == Backend::Kind::Resource) {
    return fmt::format("{}/{} {}/{}", b.resource_group, b.resource_kind, ns, b.resource_name);
  }
  std::string port = b.port.number ? std::to_string(*b.port.number) : b.port.name;
  if (!b.port.number) {
    // A named port reaches the Service port of that name.
    for (const Service& s : inventory.services) {
      if (s.name != b.service_name || s.ns != ing.ns) continue;
      for (const auto& p : s.ports) {
        if (p.name == b.port.name) port = std::to_string(p.port);
      }
    }
  }
  return fmt::format("{}/{}:{}", ns, b.service_name, port);
}

}  // namespace im::verify
