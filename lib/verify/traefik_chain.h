#pragma once
// Traefik's router.middlewares at request time: the Middleware objects run
// in list order before the service (pkg/server/router/router.go
// buildHTTPHandler). docs/research/traefik-ingress.md §4.

#include <vector>

#include "model/ingress.h"
#include "verify/outcome.h"
#include "verify/probe.h"

namespace im::verify {

/// What the chain does with `probe`: a Redirect, an Uncertain outcome (a
/// middleware the model does not follow), or a Proxy outcome without
/// backends carrying the upstream path (query included), Host and set
/// headers.
Outcome run_traefik_middlewares(const std::vector<const TraefikMiddleware*>& chain, const Probe& probe);

}  // namespace im::verify
