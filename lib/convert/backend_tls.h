#pragma once
// A BackendTLSPolicy for a backend Service a controller reached over TLS
// because of the Service's own annotations (Kong's konghq.com/protocol,
// Traefik's service.serversscheme): one per Service, whoever asks first.

#include <string>

#include "convert/gateway_ir.h"
#include "diag/finding.h"
#include "model/ingress.h"

namespace im {

/// Adds a policy for `svc` that checks the certificate for `hostname`
/// against the system CAs, and returns it; nullptr when the output already
/// has a policy for the Service (an earlier annotation planned one).
BackendTLSPolicyIR* add_service_backend_tls(ConversionOutput& out, const Service& svc,
                                                  const std::string& hostname, const std::string& source_ingress,
                                                  const Location& source);

/// add_service_backend_tls for the Service's DNS name, with the warning that
/// the policy verifies what the controller did not: "{what} for Service S:
/// BackendTLSPolicy P verifies the backend certificate for host H against
/// the system CAs, {controller_check}: the certificate must be valid for H".
/// Nothing when the Service already has a policy.
void add_verified_service_backend_tls(ConversionOutput& out, const Service& svc, const std::string& source_ingress,
                                      const Location& at, const std::string& what,
                                      const std::string& controller_check, Findings& findings);

/// The Service's cluster DNS name, "name.namespace.svc".
std::string service_dns_name(const Service& svc);

}  // namespace im
