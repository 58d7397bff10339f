#pragma once
// Target actions of GKE Gateway (rules/targets/gke.yaml), and the reading of
// a Service's cloud.google.com/backend-config value they share with
// targets/gke_objects.cc.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "targets/target_actions.h"

namespace im {

/// annotations.BackendConfigs (ingress-gce pkg/annotations/service.go): the
/// BackendConfig of every port without its own, and per port name or number.
struct BackendConfigNames {
  std::string default_name;
  std::map<std::string, std::string> ports;

  /// The BackendConfig of a Service port (pkg/backendconfig/utils.go
  /// BackendConfigName: its name, then its number, then the default), "" = none.
  std::string for_port(const std::string& port_name, int port_number) const;
};

/// The names in the annotation's value, or nullopt with `why` for a value
/// ingress-gce refused (ErrBackendConfigInvalidJSON, ErrBackendConfigNoneFound).
std::optional<BackendConfigNames> read_backend_config_names(const std::string& value, std::string& why);

const std::vector<TargetAction>& gke_target_actions();

}  // namespace im
