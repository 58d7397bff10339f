#pragma once
// Envoy Gateway target actions for server-level ingress-nginx settings
// (client certificates, TLS ciphers), auth-service connection reuse and route
// tracing. Registered in the action table of target_actions.cc.

#include <string>
#include <vector>

#include "targets/target_actions.h"

namespace im {

/// auth-tls-secret, auth-tls-verify-client -> ClientTrafficPolicy tls.clientValidation.
bool act_eg_client_cert(const TargetActionContext& c);
/// A key that only qualifies a converted client certificate (auth-tls-verify-depth).
bool act_eg_client_cert_detail(const TargetActionContext& c);
/// auth-tls-pass-certificate-to-upstream -> headers.xForwardedClientCert.
bool act_eg_forward_client_cert(const TargetActionContext& c);
/// ssl-ciphers as the Envoy cipher names it lists (both Envoy-based
/// targets take names, not OpenSSL expressions); false after reporting why.
bool read_envoy_ciphers(const TargetActionContext& c, std::vector<std::string>& out);
/// ssl-ciphers -> tls.ciphers.
bool act_eg_ciphers(const TargetActionContext& c);
/// Contour's tls-minimum/maximum-protocol-version -> tls.minVersion / maxVersion.
bool act_eg_tls_versions(const TargetActionContext& c);
/// auth-keepalive, auth-keepalive-requests -> extAuth backendSettings.circuitBreaker.
bool act_eg_auth_keepalive(const TargetActionContext& c);
/// enable-opentelemetry -> telemetry.tracing.samplingFraction.
bool act_eg_route_tracing(const TargetActionContext& c);

}  // namespace im
