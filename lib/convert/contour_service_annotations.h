#pragma once
// Contour reads the protocol towards a backend from the Service's own
// annotations, per port (internal/dag/accessors.go upstreamProtocol,
// internal/annotation/annotations.go ParseUpstreamProtocols): the ports it
// reached over TLS (tls, h2) get a BackendTLSPolicy for the Service.

#include "convert/gateway_ir.h"
#include "convert/plan.h"
#include "diag/finding.h"
#include "rules/catalog.h"

namespace im {

void apply_contour_service_annotations(const Plan& plan, const Catalog& catalog, ConversionOutput& out,
                                       Findings& findings);

}  // namespace im
