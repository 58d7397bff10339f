#pragma once
// konghq.com/protocols, konghq.com/https-redirect-status-code and
// ingress.kubernetes.io/force-ssl-redirect together decide which listeners
// a Kong route answers on and what plain HTTP gets when it is https-only.

#include <optional>
#include <string>
#include <vector>

#include "convert/route_template.h"
#include "rules/policy.h"

namespace im {

/// The route's protocols as KIC wrote them (kongstate/route.go).
struct KongProtocols {
  bool http = true;
  bool https = true;
  std::vector<std::string> others;  ///< grpc, ws, tcp... as written
  int https_redirect_code = 426;    ///< what an https-only route answers plain HTTP with
};

/// konghq.com/protocols as KIC reads it (annotations.go
/// extractCommaDelimitedStrings, util/protocol.go ValidateProtocol, which
/// is case-sensitive): nullopt when an item is not a protocol, which makes
/// KIC ignore the annotation; `bad_item` then names it.
std::optional<std::vector<std::string>> read_kong_protocol_list(const std::string& value,
                                                                std::string* bad_item = nullptr);

/// The protocols and redirect code of an Ingress's routes, from its
/// annotations in KIC's order: force-ssl-redirect "true" (302, https only),
/// then https-redirect-status-code (426, 301, 302, 307 or 308), then
/// protocols.
KongProtocols kong_protocols(const Ingress& ing);

/// Sets the template's listeners and HTTPS redirect from them. What
/// Gateway API cannot answer the same way is a finding at the annotation
/// that says where those requests now go.
void apply_kong_protocols(const Ingress& ing, const IngressPolicy& policy, RouteTemplate& t,
                          Findings& findings);

}  // namespace im
