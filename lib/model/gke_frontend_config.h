#pragma once
// GKE FrontendConfig objects in the input, for the Ingress annotation
// networking.gke.io/v1beta1.FrontendConfig.

#include <optional>
#include <string>

#include "diag/location.h"

namespace im {

/// networking.gke.io/v1beta1 FrontendConfig (kubernetes/ingress-gce
/// pkg/apis/frontendconfig/v1beta1/types.go): the load balancer's SSL
/// policy and its HTTP to HTTPS redirect.
struct GkeFrontendConfig {
  std::string name;
  std::string ns;
  bool redirect_to_https = false;       ///< spec.redirectToHttps.enabled
  std::string response_code_name;       ///< spec.redirectToHttps.responseCodeName ("" = the default)
  std::optional<std::string> ssl_policy;  ///< spec.sslPolicy
  Location location;
};

}  // namespace im
