#pragma once
// networking.gke.io/v1beta1.FrontendConfig on a GKE Ingress: the
// FrontendConfig's HTTP to HTTPS redirect becomes the Gateway's redirect;
// its SSL policy has no Gateway API field.

#include "convert/route_template.h"
#include "model/inventory.h"

namespace im {

/// Reads the FrontendConfig the Ingress names (in its namespace) into `t`.
/// A FrontendConfig missing from the input, or a response code GKE does
/// not know, is an error at the annotation; the SSL policy is a warning.
void apply_gke_frontend_config(const IngressInfo& info, const Inventory& inventory, RouteTemplate& t,
                               Findings& findings);

}  // namespace im
