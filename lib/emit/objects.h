#pragma once
// Planned Gateway API objects as Kubernetes objects (JSON trees), in the
// order they are printed: Gateways, HTTPRoutes, ReferenceGrants.

#include <vector>

#include <nlohmann/json.hpp>

#include "convert/gateway_ir.h"

namespace im {

nlohmann::ordered_json gateway_object(const GatewayIR& g);
nlohmann::ordered_json http_route_object(const HTTPRouteIR& r);
nlohmann::ordered_json reference_grant_object(const ReferenceGrantIR& g);

/// Every object of `out`, in print order.
std::vector<nlohmann::ordered_json> to_objects(const ConversionOutput& out);

}  // namespace im
