#pragma once
// Questions about a conversion's Gateways that need its ListenerSets too:
// a ListenerSet's listeners are its parent Gateway's.

#include <string>
#include <utility>
#include <vector>

#include "convert/gateway_ir.h"

namespace im {

/// Every Gateway a request can reach: the written ones, the existing ones
/// routes reuse, and the parents of ListenerSets, each with its
/// ListenerSets' listeners folded in (ListenerIR::set_ns/set_name say whose
/// they are). A parent that is neither written nor in the input stands in
/// with no listeners of its own. A ListenerSet listener whose port, protocol
/// and hostname the Gateway or an earlier ListenerSet already has is
/// Conflicted and left out (Gateway first, then ListenerSets by age; here:
/// in output order).
std::vector<GatewayIR> reachable_gateways(const ConversionOutput& out);

/// The Gateway (namespace, name) a parentRef of a route in `route_ns`
/// leads to: the Gateway itself, or a ListenerSet's parent.
std::pair<std::string, std::string> gateway_of(const ConversionOutput& out, const ParentRefIR& parent,
                                               const std::string& route_ns);

}  // namespace im
