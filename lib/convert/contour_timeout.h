#pragma once
// Contour's route timeout annotations (projectcontour.io/response-timeout,
// the older request-timeout) as HTTPRoute timeouts.request.

#include <optional>
#include <string>

#include "diag/finding.h"
#include "rules/policy.h"

namespace im {

/// The timeouts.request value for the Ingress's "route-timeout" settings,
/// or nullopt (with a finding at the annotation saying why) when there is
/// none to write.
std::optional<std::string> contour_route_timeout(const IngressPolicy& policy, Findings& findings);

}  // namespace im
