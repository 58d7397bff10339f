#pragma once
// The Istio target actions (rules/targets/istio.yaml): what each profile rule
// writes into an Ingress's draft. The drafts become AuthorizationPolicies and
// DestinationRules in istio_objects.cc.

#include <vector>

#include "targets/target_actions.h"

namespace im {

const std::vector<TargetAction>& istio_target_actions();

}  // namespace im
