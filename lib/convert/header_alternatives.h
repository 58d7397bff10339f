#pragma once
// Controllers that match "header H is one of v1, v2" (ALB conditions, Kong
// konghq.com/headers.*) need one HTTPRoute match per combination: an
// HTTPRouteMatch ANDs its headers and has one value per header.

#include <vector>

#include "convert/gateway_ir.h"

namespace im {

/// Alternatives beyond this many rules per path are refused rather than
/// written: a few values of a few headers, not their whole product.
inline constexpr size_t kMaxHeaderAlternatives = 16;

/// Each alternative (a set of header matches that must all hold) times
/// each of `any_of` (one header, any of its values). Starts from {{}}.
/// False, leaving `alternatives` as it was, when the product would exceed
/// kMaxHeaderAlternatives.
bool add_header_alternatives(std::vector<std::vector<HeaderMatchIR>>& alternatives,
                             const std::vector<HeaderMatchIR>& any_of);

}  // namespace im
