#pragma once
// Contour's retry annotations (projectcontour.io/retry-on, num-retries,
// per-try-timeout) as the experimental HTTPRoute retry and
// timeouts.backendRequest.

#include <memory>
#include <optional>
#include <string>

#include "convert/contour_timeout.h"
#include "convert/gateway_ir.h"
#include "diag/finding.h"
#include "rules/policy.h"

namespace im {

struct ContourRetry {
  std::shared_ptr<const RetryIR> retry;
  std::optional<std::string> attempt_timeout;  ///< timeouts.backendRequest
};

/// What the Ingress's retry settings become. Retry is experimental: without
/// `experimental` nothing is written (the rule's verdict says so). The
/// attempt timeout is left out where it would exceed `route_timeout`, which
/// Gateway API forbids and Envoy ignores. Findings go to the annotations.
ContourRetry contour_retry(const IngressPolicy& policy, bool experimental,
                           const std::optional<ContourTimeout>& route_timeout, Findings& findings);

}  // namespace im
