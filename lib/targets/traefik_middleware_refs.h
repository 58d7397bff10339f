#pragma once
// Traefik's router.middlewares under the Traefik target: the Ingress's own
// Middleware objects, named from its route rules by ExtensionRef filters,
// in place of what the standard conversion made of them.

#include <set>

#include "convert/gateway_ir.h"
#include "diag/finding.h"
#include "model/finding_owner.h"
#include "targets/profile.h"
#include "targets/target_actions.h"

namespace im {

/// For an Ingress whose router.middlewares converted
/// (IngressDraft::traefik_middleware_refs): every rule of its routes that
/// proxies drops the filters the standard conversion made of the
/// middlewares and names them by ExtensionRef instead, in list order; the
/// standard findings about them (rule traefik-router-middlewares, at the
/// annotation or at the Ingress's paths) go into `replaced`.
void reference_traefik_middlewares(const TargetProfile& profile, const Ingress& ing, const IngressDraft& draft,
                                   const FindingOwners& owners, const Findings& findings, ConversionOutput& output,
                                   std::set<const Finding*>& replaced);

}  // namespace im
