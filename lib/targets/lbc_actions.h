#pragma once
// Target actions of the AWS Load Balancer Controller's Gateway objects that
// need more than a field set (rules/targets/aws-load-balancer-controller.yaml):
// most of its keys use the shared `set` action.

#include <vector>

#include "targets/target_actions.h"

namespace im {

const std::vector<TargetAction>& lbc_target_actions();

}  // namespace im
