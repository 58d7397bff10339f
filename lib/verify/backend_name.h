#pragma once
// How verify names the backend of an Ingress path in outcomes: the same
// words for every controller model, so outcomes compare as text.

#include <string>

#include "model/inventory.h"

namespace im::verify {

/// "ns/service:port" (a named port read through the Service when the input
/// has it), or "group/kind ns/name" for a resource backend.
std::string backend_name(const Inventory& inventory, const Backend& b, const Ingress& ing);

}  // namespace im::verify
