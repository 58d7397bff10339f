#pragma once
// Contour's route timeout annotations (projectcontour.io/response-timeout,
// the older request-timeout) as HTTPRoute timeouts.request.

#include <cstdint>
#include <optional>
#include <string>

#include "diag/finding.h"
#include "rules/policy.h"

namespace im {

/// A duration annotation value as Contour reads it (internal/timeout
/// Parse): "infinity"/"infinite" disable, a Go duration sets, zero means
/// Contour's default, anything else is invalid.
struct ContourDuration {
  enum class Kind { Infinite, Zero, Value, Invalid, Unwritable };
  Kind kind = Kind::Invalid;
  int64_t nanos = 0;    ///< Value and Unwritable: the duration
  std::string gateway;  ///< Infinite: "0s"; Value: Gateway API's spelling
};
ContourDuration contour_duration(const std::string& value);

/// The route timeout: timeouts.request as written, and its length (0 = off).
struct ContourTimeout {
  std::string gateway;
  int64_t nanos = 0;
};

/// The timeouts.request value for the Ingress's "route-timeout" settings,
/// or nullopt (with a finding at the annotation saying why) when there is
/// none to write.
std::optional<ContourTimeout> contour_route_timeout(const IngressPolicy& policy, Findings& findings);

}  // namespace im
