#pragma once
// The Gateway API features an emitted object uses, read from the object
// itself (not from which annotation produced it), named as the conformance
// reports name them.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "convert/gateway_ir.h"

namespace im {

/// Feature names, sorted and unique. Core features are included by kind
/// ("Gateway", "HTTPRoute", "GRPCRoute", "TLSRoute", "ReferenceGrant").
/// Constructs with no conformance feature (RegularExpression matches,
/// sessionPersistence) appear under the names listed by
/// implementation_specific_features().
std::vector<std::string> detect_features(const nlohmann::ordered_json& obj);

/// detect_features(http_route_object(route)), read from the route as
/// planned instead of from its built object: a large conversion has one or
/// two HTTPRoutes per Ingress, and `report` reads every one of them once per
/// implementation profile. A test holds the two equal on every golden input.
std::vector<std::string> http_route_features(const HTTPRouteIR& route);

/// detect_features(gateway_object(g)) for a Gateway the conversion made
/// (g.existing is null: an extended input Gateway keeps fields only its
/// built form has), and the same for a ListenerSet.
std::vector<std::string> gateway_features(const GatewayIR& g);
std::vector<std::string> listener_set_features(const ListenerSetIR& s);

/// Names this tool uses for behaviour no conformance test covers; their
/// support is always "unknown".
/// Not a conformance feature: an ExtensionRef filter to a KongPlugin (the
/// standard output for Kong-class Ingresses, convert/kong_plugins.cc),
/// which only Kong's own Gateway API support runs.
inline constexpr const char* kKongPluginFilterFeature = "KongPluginExtensionRef";

/// Whether `controller` (a conformance report's implementation name) runs
/// a vendor filter feature; nullopt for the conformance features.
std::optional<bool> vendor_filter_support(const std::string& controller, const std::string& feature);

const std::vector<std::string>& implementation_specific_features();

}  // namespace im
