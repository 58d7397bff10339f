#pragma once
// Traefik ranks the routers of an Ingress by priority, highest first: the
// router.priority annotation, else the length of the router's rule string
// (pkg/server/router/router.go GetRulePriority; pkg/muxer/http/mux.go sorts
// by it). Gateway API ranks an exact path above every prefix and a longer
// prefix above a shorter one, whatever the rule's length. So a prefix rule
// of a long enough rule string, or one given a higher router.priority, took
// requests that now go to a more specific rule.

#include "convert/plan.h"

namespace im {

/// A warning for each path of a Traefik-served Ingress whose requests
/// Traefik's priority gave to another rule on the same host than Gateway
/// API's precedence does now: at router.priority where that priority was
/// set, else at the path that took the requests.
void report_traefik_priority(const Plan& plan);

}  // namespace im
