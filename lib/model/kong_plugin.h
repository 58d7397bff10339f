#pragma once
// Kong plugin objects in the input, for konghq.com/plugins.

#include <string>

#include <nlohmann/json.hpp>

#include "diag/location.h"

namespace im {

/// A Kong plugin object (configuration.konghq.com/v1 KongPlugin, or the
/// cluster-scoped KongClusterPlugin), kept for the Ingresses whose
/// konghq.com/plugins name it.
struct KongPlugin {
  std::string name;
  std::string ns;         ///< "" for a KongClusterPlugin
  bool cluster = false;   ///< KongClusterPlugin
  std::string plugin;     ///< the Kong plugin: cors, rate-limiting, key-auth, ...
  bool disabled = false;
  nlohmann::ordered_json config;  ///< spec-less top-level config (null when absent or from a Secret)
  bool config_from_secret = false;  ///< configFrom / configPatches: the values are in a Secret
  Location location;
};

}  // namespace im
