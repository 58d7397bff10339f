#pragma once
// Traefik's router.middlewares under the Traefik target: the Ingress's own
// Middleware objects, named from its route rules by ExtensionRef filters,
// in place of what the standard conversion made of them.

#include <map>
#include <set>
#include <vector>

#include "convert/gateway_ir.h"
#include "diag/finding.h"
#include "model/inventory.h"
#include "targets/profile.h"
#include "targets/target_actions.h"

namespace im {

/// The standard conversion's findings about router.middlewares (not its
/// verdict), by the Ingress they are about: read once, for every Ingress
/// whose middlewares the target names.
using MiddlewareFindings = std::map<const Ingress*, std::vector<const Finding*>>;
MiddlewareFindings middleware_findings(const Inventory& inventory, const Findings& findings);

/// For an Ingress whose router.middlewares converted
/// (IngressDraft::traefik_middleware_refs): every rule of its routes that
/// proxies drops the filters the standard conversion made of the
/// middlewares and names them by ExtensionRef instead, in list order; the
/// Ingress's `standard` findings about them go into `replaced`.
void reference_traefik_middlewares(const TargetProfile& profile, const IngressDraft& draft,
                                   const std::vector<const Finding*>& standard, ConversionOutput& output,
                                   std::set<const Finding*>& replaced);

}  // namespace im
