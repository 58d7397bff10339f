#pragma once
// Wildcard hosts match more names under Gateway API than under ingress-nginx.

#include "diag/finding.h"
#include "model/ingress.h"

namespace im {

/// Warns once per wildcard host of `ing` (at its rule) that names deeper
/// than one label below the wildcard are now served by the route.
void check_wildcard_hosts(const Ingress& ing, Findings& findings);

}  // namespace im
