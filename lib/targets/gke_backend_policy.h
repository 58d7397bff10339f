#pragma once
// A GKE BackendConfig (cloud.google.com/v1) in GKE Gateway's terms: the
// backend service settings GCPBackendPolicy carries and the health check
// HealthCheckPolicy carries (GoogleCloudPlatform/gke-gateway-api
// apis/networking/v1/gcpbackendpolicy_types.go, healthcheck_types.go),
// from the fields ingress-gce applied (pkg/apis/backendconfig/v1/types.go,
// pkg/backends/features/*.go, pkg/healthchecks).

#include <string>

#include <nlohmann/json.hpp>

#include "diag/finding.h"
#include "model/gke_backend_config.h"

namespace im {

struct GkePolicyDefaults {
  nlohmann::ordered_json backend = nlohmann::ordered_json::object();  ///< GCPBackendPolicy spec.default
  nlohmann::ordered_json health = nlohmann::ordered_json::object();   ///< HealthCheckPolicy spec.default
};

/// Translates `config`. A value GCE would refuse is an error at its field
/// and left out; a field GKE Gateway has no place for is a warning at it.
/// `protocol` is the Service port's protocol to the backends (HTTP, HTTPS
/// or HTTP2, from cloud.google.com/app-protocols): the health check's type
/// where the BackendConfig names none, as ingress-gce's
/// (pkg/healthchecks/healthchecks.go uses the backend's protocol).
GkePolicyDefaults gke_policy_defaults(const GkeBackendConfig& config, const std::string& protocol,
                                      Findings& findings);

}  // namespace im
