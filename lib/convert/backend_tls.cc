#include "convert/backend_tls.h"

namespace im {

std::string service_dns_name(const Service& svc) {
  return svc.name + "." + (svc.ns.empty() ? "default" : svc.ns) + ".svc";
}

BackendTLSPolicyIR* add_service_backend_tls(ConversionOutput& out, const Service& svc,
                                                  const std::string& hostname, const std::string& source_ingress,
                                                  const Location& source) {
  const std::string ns = svc.ns.empty() ? "default" : svc.ns;
  for (const BackendTLSPolicyIR& p : out.backend_tls_policies) {
    if (p.service == svc.name && (p.ns == svc.ns || p.ns == ns)) return nullptr;
  }
  BackendTLSPolicyIR p;
  p.ns = svc.ns;
  p.service = svc.name;
  p.name = svc.name + "-backend-tls";
  p.hostname = hostname;
  p.source_ingress = source_ingress;
  p.source = source;
  out.backend_tls_policies.push_back(std::move(p));
  return &out.backend_tls_policies.back();
}

}  // namespace im
