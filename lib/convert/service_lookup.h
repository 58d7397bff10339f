#pragma once
// The Service a backendRef names, for the controllers that read settings
// from the Service's own annotations (Traefik service.*, Kong's protocol,
// tls-verify and host-header).

#include <string>

#include "model/inventory.h"

namespace im {

/// The input's Service `name` in namespace `ns` ("" and "default" are the
/// same namespace), or nullptr when the input does not have it.
const Service* find_service(const Inventory& inventory, const std::string& ns, const std::string& name);

}  // namespace im
