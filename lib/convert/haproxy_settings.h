#pragma once
// The HAProxy Kubernetes Ingress Controller's annotations (haproxy.org/*,
// haproxytech/kubernetes-ingress) that Gateway API can carry: request and
// response header lines, the backend Host, the HTTPS redirect's port and
// status, the redirect to another host, the server timeout and CORS. Behaviour
// from pkg/annotations/ingress/{reqSetHdr,reqSetHost,httpsRedirect,
// hostRedirect,resSetCORS}.go, pkg/haproxy/rules/{setHdr,reqRequestRedirect}.go and
// pkg/annotations/service/timeoutServer.go, cited next to the code.

#include "convert/route_template.h"
#include "diag/finding.h"
#include "rules/policy.h"

namespace im {

/// Reads the HAProxy settings of `policy` into `t`; values Gateway API
/// cannot carry become findings at their annotation.
void read_haproxy_settings(const IngressPolicy& policy, RouteTemplate& t, Findings& findings);

/// An HAProxy time ("50s", "500" = milliseconds, ...) in milliseconds.
std::optional<long long> haproxy_millis(const std::string& value);

/// An HAProxy time ("50s", "500" = milliseconds, "1m", "2h", "1d", "10us")
/// as a Gateway API Duration, or nullopt with `why`.
std::optional<std::string> haproxy_duration(const std::string& value, std::string& why);

/// timeout-server (service/timeoutServer.go: how long HAProxy waits for
/// the backend to send something) as timeouts.backendRequest, which bounds
/// the whole answer instead (the verdict says so); nullopt after an error
/// at the annotation.
std::optional<std::string> haproxy_server_timeout(const Setting& s, Findings& findings);

}  // namespace im
