#pragma once
// GKE BackendConfig objects in the input, for the Service annotation
// cloud.google.com/backend-config.

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "diag/location.h"

namespace im {

/// cloud.google.com/v1 (or v1beta1) BackendConfig (kubernetes/ingress-gce
/// pkg/apis/backendconfig/v1/types.go): the settings of the load balancer's
/// backend service for the Service ports that name it. Kept as written;
/// what GKE Gateway can carry is decided where it is converted.
struct GkeBackendConfig {
  std::string name;
  std::string ns;
  nlohmann::ordered_json spec;  ///< spec as written (numbers as numbers, 0.5 as "0.5"); null when absent
  /// Where each field of spec is, by dotted path ("timeoutSec",
  /// "healthCheck.port"), two levels deep: findings point at the field.
  std::map<std::string, Location> at;
  Location location;

  /// The field's location, else the object's.
  const Location& where(const std::string& path) const {
    auto it = at.find(path);
    return it == at.end() ? location : it->second;
  }
};

}  // namespace im
