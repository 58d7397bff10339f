#pragma once
// The entries of Traefik's router.middlewares and the Middleware objects
// they name. Traefik qualifies a name with its provider after "@"
// (pkg/server/provider/provider.go GetQualifiedName); the Kubernetes CRD
// provider names a Middleware NAMESPACE-NAME, normalized
// (pkg/provider/kubernetes/crd/kubernetes.go makeID,
// pkg/provider/configuration.go Normalize). Shared by the conversion, the
// Traefik target and verify, so all three resolve a reference alike.

#include <string>
#include <vector>

#include "model/ingress.h"

namespace im {

struct TraefikMiddlewareRef {
  std::string text;      ///< the entry as written, trimmed
  std::string id;        ///< before "@"
  std::string provider;  ///< after "@"; "" when there is no "@"
};

/// The non-empty, comma-separated entries of a router.middlewares value.
std::vector<TraefikMiddlewareRef> traefik_middleware_refs(const std::string& value);

/// The Middleware of the input a kubernetescrd entry names, or null (another
/// provider, or none of that id in the input; the first of equal ids wins).
const TraefikMiddleware* find_traefik_middleware(const std::vector<TraefikMiddleware>& all,
                                                 const TraefikMiddlewareRef& ref);

}  // namespace im
