#pragma once
// Reading a Gateway or ListenerSet document into ExistingGateway.

#include <string>
#include <vector>

#include "model/field_reader.h"
#include "model/gateway_object.h"

namespace im {

/// Reads `obj` (a gateway.networking.k8s.io Gateway or ListenerSet, `kind`)
/// into `out`; wrong field types become findings through `r`, and an object
/// without a name or spec is left out.
void read_existing_gateway(const Node& obj, const std::string& kind, FieldReader& r,
                           std::vector<ExistingGateway>& out);

}  // namespace im
