#pragma once
// The AWS ALB takes the first listener rule that matches, in priority
// order: the IngressGroup's members by group.order then namespace/name,
// each Ingress's rules in spec order, each rule's paths Exact first, then
// Prefix by length, then ImplementationSpecific as written
// (kubernetes-sigs/aws-load-balancer-controller pkg/ingress/
// model_build_listener_rules.go buildListenerRules, sortIngressPaths,
// buildPathPatterns*). Gateway API takes the most specific match instead.

#include "convert/plan.h"

namespace im {

/// Warns at every ALB path whose requests an earlier rule of its group
/// covered entirely (its host, or any host, and a path that takes all of
/// this one's), sending them to another backend on the ALB: Gateway API
/// now routes them to this path's backend. Identical paths are the claims'
/// business (the earlier member keeps them).
void report_alb_rule_order(const Plan& plan);

}  // namespace im
