#pragma once
// Kong ranks a route by how many kinds of condition it has before it looks
// at path length (kong/router/transform.lua get_priority: match_weight
// counts methods and headers), so a short path with methods or headers
// beat a longer path without. Gateway API ranks the longer path first.

#include "convert/plan.h"

namespace im {

/// A warning at the methods or headers annotation for each longer path
/// on the same host whose requests the annotated route took in Kong and
/// the longer path's rule takes now.
void report_kong_match_precedence(const Plan& plan);

}  // namespace im
