#pragma once
// Traefik reads a backend's load-balancer settings from the Service's own
// annotations (traefik.ingress.kubernetes.io/service.*: pkg/provider/
// kubernetes/ingress/kubernetes.go loadService, annotations.go
// parseServiceConfig), not from the Ingress. Each Service a Traefik-served
// Ingress routes to gets its verdicts at its own annotations, once, and its
// sticky cookie becomes the experimental sessionPersistence of every route
// rule to it.

#include "convert/gateway_ir.h"
#include "convert/plan.h"
#include "diag/finding.h"
#include "rules/catalog.h"

namespace im {

/// The key of Traefik's sticky cookie switch; its fields are KEY.name, ...
inline constexpr const char* kTraefikStickyCookieKey = "traefik.ingress.kubernetes.io/service.sticky.cookie";

/// Whether the Service's settings turn the sticky cookie on: service.sticky.
/// cookie "true", or without it any service.sticky.cookie.* field, which
/// Traefik's label decoder (traefik/paerser) fills into a new cookie.
bool traefik_sticky_enabled(const Service& svc);

void apply_traefik_service_annotations(const Plan& plan, const Catalog& catalog, ConversionOutput& out,
                                       Findings& findings);

}  // namespace im
