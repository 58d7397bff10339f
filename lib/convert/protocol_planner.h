#pragma once
// Ingress-level protocol choices: TLS to the backend (BackendTLSPolicy),
// TLS passthrough (TLSRoute) and the www redirect host.

#include "convert/plan.h"
#include "convert/route_template.h"

namespace im {

/// Applies `tpl`'s backend protocol, ssl-passthrough and
/// from-to-www-redirect for Ingress `ingress` (drafts already planned).
void plan_ingress_protocols(Plan& plan, size_t ingress, const RouteTemplate& tpl);

}  // namespace im
