#include "convert/service_lookup.h"

namespace im {

const Service* find_service(const Inventory& inventory, const std::string& ns, const std::string& name) {
  for (const Service& s : inventory.services) {
    if (s.name == name && (s.ns == ns || (s.ns.empty() && ns == "default") || (ns.empty() && s.ns == "default")))
      return &s;
  }
  return nullptr;
}

}  // namespace im
