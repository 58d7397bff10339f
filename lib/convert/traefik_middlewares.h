#pragma once
// Traefik's router.middlewares: the Middleware objects an Ingress's routers
// ran (Traefik Middleware CRDs in the input), as Gateway API filters where
// the standard has them.

#include <optional>
#include <string>

#include "convert/filter_set.h"
#include "diag/finding.h"
#include "model/inventory.h"
#include "rules/policy.h"

namespace im {

/// Path changes that depend on each rule's match (applied per route rule).
struct TraefikPathMiddleware {
  std::string strip_prefix;  ///< stripPrefix with one prefix, "" = none
  std::string add_prefix;    ///< addPrefix, "" = none
};

/// What the Ingress's router.middlewares become: filters for every rule
/// (headers, replacePath) in `filters`, an HTTP-to-HTTPS redirect in
/// `redirect_code` (0 = none), the per-rule path change in the result.
/// Middlewares Gateway API cannot express are errors at the annotation.
struct TraefikMiddlewares {
  TraefikPathMiddleware path;
  int redirect_code = 0;
};
TraefikMiddlewares traefik_middlewares(const IngressPolicy& policy,
                                       const Inventory& inventory, FilterSet& filters, Findings& findings);

/// The path change of stripPrefix/addPrefix on one rule whose match is
/// `match_type` `match_value`; false (with a warning at `where`) when the
/// rule's match cannot carry it.
bool apply_traefik_path_middleware(const TraefikPathMiddleware& m, const std::string& match_type,
                                   const std::string& match_value, FilterSet& rule_filters, const Location& where,
                                   Findings& findings);

}  // namespace im
