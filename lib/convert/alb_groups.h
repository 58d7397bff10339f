#pragma once
// AWS Load Balancer Controller's IngressGroups: which Ingresses share one
// Application Load Balancer. An Ingress with alb.ingress.kubernetes.io/
// group.name joins that explicit group (any namespace); one without is a
// group of its own, its own ALB. Members are ordered by group.order, then
// namespace/name, and an earlier member's rule wins for the same path.
// Behaviour from kubernetes-sigs/aws-load-balancer-controller
// pkg/ingress/group_loader.go (loadGroupID, validateGroupName,
// sortGroupMembers) and model_build_listener_rules.go (priorities).

#include "convert/plan.h"

namespace im {

/// The Ingress's group.order: an int32 in [-1000, 1000], default 0
/// (sortGroupMembers); an unreadable or out-of-range value counts as 0
/// (plan_alb_groups reports it). Read here for the conversion and the AWS
/// Load Balancer Controller target alike, so both order a group the same.
int alb_group_order(const Ingress& ing);

/// Gives every AWS ALB Ingress its IngressGroup (IngressInfo::lb_group) and
/// each group its Gateway (Plan::group_gateways), and orders the ALB
/// Ingresses as their groups do, so the first claim of a path is the
/// rule the ALB ranked first. Nothing with --gateway or --parent-ref: every
/// route then shares the one Gateway named. Bad group names and orders are
/// errors at their annotation; the Ingress then stays in a group of its own
/// (the controller refused to build it at all).
void plan_alb_groups(Plan& plan);

}  // namespace im
