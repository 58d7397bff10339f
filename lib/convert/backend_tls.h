#pragma once
// A BackendTLSPolicy for a backend Service a controller reached over TLS
// because of the Service's own annotations (Kong's konghq.com/protocol,
// Traefik's service.serversscheme): one per Service, whoever asks first.

#include <string>

#include "convert/gateway_ir.h"
#include "model/ingress.h"

namespace im {

/// Adds a policy for `svc` that checks the certificate for `hostname`
/// against the system CAs, and returns it; nullptr when the output already
/// has a policy for the Service (an earlier annotation planned one).
BackendTLSPolicyIR* add_service_backend_tls(ConversionOutput& out, const Service& svc,
                                                  const std::string& hostname, const std::string& source_ingress,
                                                  const Location& source);

/// The Service's cluster DNS name, "name.namespace.svc".
std::string service_dns_name(const Service& svc);

}  // namespace im
