#pragma once
// KIC builds a Kong Service from the Kubernetes Service's own annotations
// (kongstate/service.go overrideByAnnotation, upstream.go
// overrideHostHeader), not from the Ingress. Each Service a Kong-served
// Ingress routes to gets its verdicts at its own annotations, once; its
// protocol https/grpcs/wss becomes a BackendTLSPolicy and its host-header
// the URLRewrite hostname of the routes that do not keep the client's Host.

#include "convert/gateway_ir.h"
#include "convert/plan.h"
#include "diag/finding.h"
#include "model/ingress.h"
#include "rules/catalog.h"

namespace im {

/// konghq.com/preserve-host as KIC reads it (kongstate/route.go
/// overridePreserveHost): only "false", in any case, turns it off.
bool kong_keeps_host(const Ingress& ing);

void apply_kong_service_annotations(const Plan& plan, const Catalog& catalog, ConversionOutput& out,
                                    Findings& findings);

}  // namespace im
