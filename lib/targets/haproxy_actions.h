#pragma once
// Target actions for the HAProxy Kubernetes Ingress Controller's own
// annotations (haproxy.org/*): its rate limit, which no ingress-nginx
// reader describes. Its address lists reuse the ingress-nginx source-range
// actions with the HAProxy names in the rule's params.

#include <vector>

#include "targets/target_actions.h"

namespace im {

const std::vector<TargetAction>& haproxy_target_actions();

}  // namespace im
