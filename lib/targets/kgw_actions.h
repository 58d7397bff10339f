#pragma once
// kgateway target actions: TrafficPolicy (basic auth, external auth, ACLs,
// local rate limits, retries, request buffering, route tracing),
// BackendConfigPolicy (load balancing, cookie affinity, connection settings)
// and the GatewayExtension an external auth names. Registered in the action
// table of target_actions.cc.

#include <vector>

#include "targets/target_actions.h"

namespace im {

/// The kgw-* entries of the target action table.
const std::vector<TargetAction>& kgateway_target_actions();

}  // namespace im
