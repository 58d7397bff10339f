#pragma once
// The Traefik target actions (rules/targets/traefik.yaml): most write one
// middleware type into the Ingress's Middleware draft, whose top-level keys
// apply_target turns into one Middleware object each, referenced from the
// Ingress's route rules in nginx's phase order; the sticky cookie and the
// balancing strategy go into its TraefikService draft (traefik_services.h).

#include <string>
#include <vector>

#include "targets/target_actions.h"

namespace im {

const std::vector<TargetAction>& traefik_target_actions();

/// The middleware types of a Traefik Middleware draft in the order they run:
/// ingress-nginx's phases (limit_req/limit_conn in preaccess, allow/deny and
/// auth in access), then buffering and retries around the backend.
const std::vector<std::string>& traefik_middleware_order();

}  // namespace im
