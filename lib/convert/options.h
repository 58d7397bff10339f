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

/// --parent-ref NS/NAME[/SECTION]: a Gateway (and listener) someone else owns.
struct ParentOverride {
  std::string ns;
  std::string name;
  std::string section;  ///< "" = every listener whose hostname fits
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
  /// --listener-set (with shared_gateway): each namespace's listeners and
  /// certificates go into a ListenerSet of its own attached to the shared
  /// Gateway, which is not written.
  bool listener_sets = false;
  /// --cert-manager-default-issuer KIND/NAME: the issuer cert-manager's
  /// ingress-shim defaults name, written for kubernetes.io/tls-acme (which
  /// cert-manager reads on Ingresses only). Empty name = not given.
  std::string tls_acme_issuer_kind, tls_acme_issuer_name;
  /// Attach every route here instead of planning Gateways (--parent-ref).
  std::optional<ParentOverride> parent_ref;
  /// ingress-nginx --annotations-prefix.
  std::string nginx_annotations_prefix = "nginx.ingress.kubernetes.io";
  /// Use experimental-channel fields (sessionPersistence).
  bool experimental = false;
  /// The output profile can write a regex path rewrite (an implementation
  /// filter such as Envoy Gateway's HTTPRouteFilter ReplaceRegexMatch):
  /// rewrite-target capture groups that no standard URLRewrite expresses
  /// become FilterSet::rewrite_regex instead of an unconverted path.
  bool regex_path_rewrite = false;
  /// The routes go to the Ingress controller's own Gateway API support
  /// (no target chosen): Kong's plugins can then stay KongPlugin
  /// ExtensionRefs. Class mappings, --gateway and --parent-ref still say
  /// otherwise per Ingress class.
  bool controller_gateway = true;
  /// The ingress-nginx controller ConfigMap (--nginx-config).
  NginxControllerConfig nginx_config;
};

}  // namespace im
