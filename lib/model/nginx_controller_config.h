#pragma once
// The ingress-nginx controller ConfigMap (the controller's --configmap):
// the global settings that change what a converted route must do, with the
// defaults of internal/ingress/controller/config/config.go (NewDefault).

#include <map>
#include <string>

#include "diag/location.h"

namespace im {

/// One key of the ConfigMap's data: its value and where the key is written
/// (findings about a global setting point at it).
struct ControllerSetting {
  std::string value;
  Location key;
};

struct NginxControllerConfig {
  /// A ConfigMap was given (--nginx-config, or read from the cluster).
  /// Without one the tool keeps its per-annotation behaviour.
  bool loaded = false;
  Location origin;  ///< the ConfigMap's file (or cluster object)
  /// use-forwarded-headers: lua_ingress.lua takes the scheme from
  /// X-Forwarded-Proto; config.go default false.
  bool use_forwarded_headers = false;
  /// ssl-redirect: the default of the ssl-redirect annotation; default true.
  bool ssl_redirect = true;
  /// allow-snippet-annotations: default false since controller 1.9.
  bool allow_snippet_annotations = false;
  /// Every data key this tool models, as written (validated).
  std::map<std::string, ControllerSetting> settings;

  const ControllerSetting* setting(const std::string& key) const {
    auto it = settings.find(key);
    return it == settings.end() ? nullptr : &it->second;
  }
};

}  // namespace im
