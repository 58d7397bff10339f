#pragma once
// The traefik.ingress.kubernetes.io/router.* annotations of one Ingress,
// read the way Traefik v3's Ingress provider reads them
// (pkg/provider/kubernetes/ingress/annotations.go), and the Middleware
// objects its router.middlewares name. docs/research/traefik-ingress.md §2.

#include <optional>
#include <string>
#include <vector>

#include "model/inventory.h"

namespace im::verify {

struct TraefikSettings {
  /// The Ingress makes no routers: a router.* value Traefik cannot decode
  /// (annotations.go parseRouterConfig fails, "Failed to parse
  /// annotations"), or a middleware that does not exist
  /// (pkg/server/middleware/middlewares.go: the router is in error).
  std::string not_served;
  std::optional<long long> priority;  ///< router.priority
  std::string path_matcher = "PathPrefix";  ///< router.pathmatcher (defaultPathMatcher)
  bool http = true;   ///< served on the web entry point (plain HTTP)
  bool https = true;  ///< served on the websecure entry point (HTTPS)
  std::vector<const TraefikMiddleware*> middlewares;  ///< router.middlewares, in order
  /// What the model does not follow; every request a router of the Ingress
  /// answers is uncertain.
  std::string uncertain;
};

/// Reads `ing`'s annotations; `inventory` holds the Middleware objects.
TraefikSettings read_traefik_settings(const Ingress& ing, const Inventory& inventory);

}  // namespace im::verify
