#pragma once
// Planned Gateway API objects as Kubernetes objects (JSON trees), in the
// order they are printed: Gateways, HTTPRoutes, GRPCRoutes, TLSRoutes,
// BackendTLSPolicies, ReferenceGrants, then implementation objects (--target-controller).

#include <functional>
#include <vector>

#include <nlohmann/json.hpp>

#include "convert/gateway_ir.h"

namespace im {

nlohmann::ordered_json gateway_object(const GatewayIR& g);
nlohmann::ordered_json listener_set_object(const ListenerSetIR& s);
nlohmann::ordered_json http_route_object(const HTTPRouteIR& r);
nlohmann::ordered_json reference_grant_object(const ReferenceGrantIR& g);
nlohmann::ordered_json grpc_route_object(const GRPCRouteIR& r);
nlohmann::ordered_json tls_route_object(const TLSRouteIR& r);
nlohmann::ordered_json backend_tls_policy_object(const BackendTLSPolicyIR& p);

/// Calls `fn` with each object of `out` in print order, building one at a
/// time so that large outputs are never held as JSON trees all at once.
void for_each_object(const ConversionOutput& out,
                     const std::function<void(const nlohmann::ordered_json&)>& fn);

/// How many objects for_each_object gives.
size_t object_count(const ConversionOutput& out);
/// The i-th object for_each_object gives (i < object_count(out)), so that
/// work on the objects can be split between threads.
nlohmann::ordered_json object_at(const ConversionOutput& out, size_t i);

/// The Ingress the i-th object came from and where, as
/// for_each_object_with_source gives them (i < object_count(out)).
struct ObjectSource {
  const std::string* ingress;
  const Location* where;
};
ObjectSource object_source_at(const ConversionOutput& out, size_t i);

/// The same, with the Ingress each object came from ("" and an empty
/// location for Gateways and ReferenceGrants, which serve many).
void for_each_object_with_source(
    const ConversionOutput& out,
    const std::function<void(const nlohmann::ordered_json&, const std::string& ingress,
                             const Location& where)>& fn);

}  // namespace im
