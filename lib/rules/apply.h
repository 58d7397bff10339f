#pragma once
// Runs the catalog over one Ingress's annotations: every annotation gets a
// verdict (a finding when it is not fully converted), and the actions fill
// in the policy the converter uses.

#include <string>

#include "diag/finding.h"
#include "model/ingress.h"
#include "rules/catalog.h"
#include "rules/policy.h"

namespace im {

IngressPolicy apply_annotations(const Ingress& ing, const std::string& controller,
                                const Catalog& catalog, const std::string& nginx_prefix,
                                Findings& findings);

/// The same for the annotations a controller reads from a backend Service
/// (rules with `params: {on: service}`, Traefik's service.*): only keys of
/// `controller`'s family are judged, since a Service carries many others.
IngressPolicy apply_service_annotations(const Service& svc, const std::string& controller, const Catalog& catalog,
                                        Findings& findings);

}  // namespace im
