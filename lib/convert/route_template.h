#pragma once
// What an Ingress's annotations add to every route rule it produces
// (filters, timeouts, redirects), and the Ingress-level choices (backend
// protocol, passthrough, app-root, www redirect) the planners act on.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "convert/filter_set.h"
#include "convert/plan.h"
#include "convert/traefik_middlewares.h"

namespace im {

struct RouteTemplate {
  FilterSet filters;  ///< applied to every rule of the Ingress
  std::optional<std::string> request_timeout;  ///< timeouts.request
  std::optional<std::string> backend_timeout;  ///< timeouts.backendRequest
  std::shared_ptr<const RetryIR> retry;         ///< experimental
  nlohmann::ordered_json session_persistence;  ///< --experimental affinity; null otherwise
  /// permanent-redirect / temporal-redirect: every path answers with this
  /// redirect instead of proxying.
  bool redirect_only = false;
  /// Kong konghq.com/strip-path: each rule rewrites its matched path to "/".
  bool strip_path = false;
  /// Kong konghq.com/methods: one rule per method (empty: any method).
  std::vector<std::string> methods;
  /// Kong konghq.com/headers.*: one rule per alternative (empty: no
  /// header condition).
  std::vector<std::vector<HeaderMatchIR>> header_alternatives;
  /// A match condition (methods, headers, protocols) has no Gateway API
  /// form: the paths are left out rather than widened, with an error at
  /// the annotation.
  bool paths_left_out = false;
  /// Traefik stripPrefix/addPrefix middlewares: each rule's own rewrite.
  TraefikPathMiddleware traefik_path;
  std::string backend_protocol;  ///< "" (HTTP), "HTTPS", "GRPC", "GRPCS"
  bool ssl_passthrough = false;
  std::optional<std::string> app_root;
  bool from_to_www = false;
  bool redirect_if_tls = false;
  bool force_redirect = false;
  int redirect_code = 308;  ///< ingress-nginx http-redirect-code default; others per rule
  std::optional<int> redirect_port;  ///< port of the HTTPS redirect (HAProxy ssl-redirect-port); none = 443
  bool http_off = false;
  bool https_off = false;
  std::string static_ip;
  /// nginx.org/ssl-services and grpc-services name the Services they apply
  /// to; empty = every Service of the Ingress.
  std::vector<std::string> tls_services;
  std::vector<std::string> grpc_services;
  /// nginx.org/rewrites: Service name -> replacement for the matched prefix.
  std::map<std::string, std::string> service_rewrites;
};

/// Reads the settings recorded by the rule actions. Values Gateway API
/// cannot carry become findings at the annotation's position.
RouteTemplate route_template(const IngressInfo& info, const Inventory& inventory, const ConvertOptions& options,
                             Findings& findings);

/// nginx duration ("60", "60s", "5m") as a Gateway API Duration ("60s").
std::optional<std::string> gateway_duration(const std::string& nginx_value);

}  // namespace im
