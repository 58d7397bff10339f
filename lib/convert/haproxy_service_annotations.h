#pragma once
// HAProxy reads its backend keys from the Ingress and from the backend
// Service, the Service's value winning (haproxytech/kubernetes-ingress
// documentation/annotations.md: "default <- Configmap <- Ingress <-
// Service"; pkg/annotations/service/*.go read the merged maps with the
// Service's first). The Service's server-ssl and timeout-server become
// what the Ingress's do: a BackendTLSPolicy, and the routes' backend
// timeout; its server-ssl "false" keeps an Ingress's "true" from planning
// one (protocol_planner.cc).

#include "convert/gateway_ir.h"
#include "convert/plan.h"
#include "diag/finding.h"
#include "rules/catalog.h"

namespace im {

/// The Service's own HAProxy annotation `key` (under any of HAProxy's
/// prefixes), or null.
const Annotation* haproxy_service_annotation(const Service& svc, const std::string& key);

void apply_haproxy_service_annotations(const Plan& plan, const Catalog& catalog, ConversionOutput& out,
                                       Findings& findings);

}  // namespace im
