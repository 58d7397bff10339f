#pragma once
// Annotations of add-ons that read Ingresses and now read Gateway API
// objects: cert-manager (on the Gateway or ListenerSet holding the
// certificate) and external-dns (target there, the rest on routes).

#include <map>
#include <string>
#include <vector>

#include "convert/listener_layout.h"

namespace im {

/// One Ingress's routes on one host of one planned Gateway.
struct HostUse {
  size_t ingress;
  GatewayKey gateway;
  std::string host;
};

/// Copies the cert-manager and external-dns annotations of the Ingresses
/// onto the objects that now do their jobs, and reports conflicts, what
/// cannot be carried and what the add-ons need to read them.
void carry_annotations(const Plan& plan, const std::map<GatewayKey, GatewayPlan>& gateways,
                       const std::vector<HostUse>& uses, ConversionOutput& out);

}  // namespace im
