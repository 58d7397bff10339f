#pragma once
// What the user asked for on the command line, as the converter needs it.

#include <map>
#include <optional>
#include <string>

#include "model/nginx_controller_config.h"

namespace im {

struct GatewayRef {
  std::string ns;
  std::string name;
};

struct ConvertOptions {
  /// Class for Ingresses with none (no field, annotation or default IngressClass).
  std::string default_class;
  /// Refuse class-less Ingresses (no-ingress-class) instead of assuming a class.
  bool require_class = false;
  /// Ingress class -> GatewayClass name; unmapped classes keep their name.
  std::map<std::string, std::string> gateway_classes;
  /// Put every route on this one Gateway instead of one per (namespace, class).
  std::optional<GatewayRef> shared_gateway;
  /// ingress-nginx --annotations-prefix.
  std::string nginx_annotations_prefix = "nginx.ingress.kubernetes.io";
  /// Use experimental-channel fields (sessionPersistence).
  bool experimental = false;
  /// The output profile can write a regex path rewrite (an implementation
  /// filter such as Envoy Gateway's HTTPRouteFilter ReplaceRegexMatch):
  /// rewrite-target capture groups that no standard URLRewrite expresses
  /// become FilterSet::rewrite_regex instead of an unconverted path.
  bool regex_path_rewrite = false;
  /// The ingress-nginx controller ConfigMap (--nginx-config).
  NginxControllerConfig nginx_config;
};

}  // namespace im
