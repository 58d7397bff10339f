#pragma once
// ingress-gce reads the BackendConfig of a Service port from the Service's
// own annotation (pkg/annotations/service.go GetBackendConfigs), so the
// verdict of cloud.google.com/backend-config belongs at the Service, for
// the Services a GKE Ingress routes to. Standard Gateway API has no backend
// service settings; --target-controller gke writes them (targets/gke_objects.h).

#include "convert/gateway_ir.h"
#include "convert/plan.h"
#include "diag/finding.h"
#include "rules/catalog.h"

namespace im {

/// Judges the GKE annotations of every Service a GKE Ingress's routes send
/// traffic to, once per Service, with their verdicts at the Service.
void judge_gke_service_annotations(const Plan& plan, const Catalog& catalog, ConversionOutput& out,
                                   Findings& findings);

}  // namespace im
