#include "convert/backend_tls.h"

#include <fmt/format.h>

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

void add_verified_service_backend_tls(ConversionOutput& out, const Service& svc, const std::string& source_ingress,
                                      const Location& at, const std::string& what,
                                      const std::string& controller_check, Findings& findings) {
  const BackendTLSPolicyIR* p = add_service_backend_tls(out, svc, service_dns_name(svc), source_ingress, at);
  if (!p) return;
  findings.warning(at,
                   fmt::format("{} for Service {}: BackendTLSPolicy {} verifies the backend certificate for host {} "
                               "against the system CAs, {}: the certificate must be valid for {}",
                               what, svc.name, p->name, p->hostname, controller_check, p->hostname),
                   "backend-tls-verification");
}

}  // namespace im
