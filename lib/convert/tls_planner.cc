#include "convert/tls_planner.h"

#include <fmt/format.h>

#include "model/names.h"
#include "util/text.h"

namespace im {

namespace {

bool wildcard_covers(const std::string& pattern, const std::string& host) {
  if (pattern.size() < 3 || pattern.compare(0, 2, "*.") != 0) return false;
  size_t dot = host.find('.');
  return dot != std::string::npos && host.substr(dot) == pattern.substr(1);
}

/// controller.go extractTLSSecretName: an exact (case-insensitive) tls.hosts
/// entry first, then any entry whose certificate covers the host. The tool
/// cannot read certificates, so an entry without hosts is taken to cover the
/// Ingress's hosts (what the Ingress API documents), and a "*.parent" entry
/// its subdomains.
const IngressTLS* tls_entry_for(const Ingress& ing, const std::string& host) {
  for (const auto& t : ing.tls) {
    for (const auto& h : t.hosts) {
      if (to_lower(h) == host) return &t;
    }
  }
  for (const auto& t : ing.tls) {
    if (t.secret_name.empty()) continue;
    if (t.hosts.empty()) return &t;
    for (const auto& h : t.hosts) {
      if (wildcard_covers(h, host)) return &t;
    }
  }
  return nullptr;
}

/// Where Contour looks for an Ingress's TLS Secret (internal/k8s/
/// objectmeta.go NamespacedNameFrom and TLSCertAnnotationNamespace): a
/// secretName "ns/name" names it in namespace ns; a bare name is looked up
/// in projectcontour.io/tls-cert-namespace when set, else in the Ingress's
/// own. Another namespace needs a TLSCertificateDelegation there, which the
/// Gateway's ReferenceGrant replaces. False (with a finding) when the
/// namespace cannot exist: Contour then finds no Secret and skips the entry.
bool contour_secret_location(const IngressInfo& info, HostTls& t, Findings& findings) {
  if (auto slash = t.secret.find('/'); slash != std::string::npos) {
    t.secret_ns = t.secret.substr(0, slash);
    t.secret = t.secret.substr(slash + 1);
  } else if (const Setting* ns = info.policy.setting("tls-cert-namespace"); ns && !ns->value.empty()) {
    t.secret_ns = ns->value;
  }
  if (t.secret_ns.size() <= 63 && t.secret_ns.find('.') == std::string::npos && is_dns_subdomain(t.secret_ns) &&
      is_dns_subdomain(t.secret)) {
    return true;
  }
  findings.warning(t.location,
                   fmt::format("TLS Secret \"{}\" in namespace \"{}\" cannot exist (not a Kubernetes name), so "
                               "Contour served this Ingress's hosts without its certificate; no HTTPS listener is "
                               "written for them either",
                               t.secret, t.secret_ns),
                   "contour-tls-secret");
  return false;
}

}  // namespace

std::map<std::string, HostTls> plan_host_tls(const Plan& plan) {
  std::map<std::string, HostTls> out;
  for (size_t i = 0; i < plan.ingresses.size(); ++i) {
    const IngressInfo& info = plan.ingresses[i];
    const Ingress& ing = *info.ing;
    if (info.cls.name.empty() || info.is_canary() || ing.tls.empty()) continue;
    for (const auto& rule : ing.rules) {
      if (rule.host.empty()) continue;
      std::string key = info.scope() + '\n' + rule.host;
      if (out.count(key)) continue;  // the first Ingress with TLS for a host decides
      const IngressTLS* entry = tls_entry_for(ing, rule.host);
      if (!entry && !info.is_nginx()) continue;
      // ingress-nginx gives every rule host of an Ingress with a tls section
      // a certificate, the default one when no entry names the host
      // (controller.go createServers, "Using default certificate").
      HostTls t;
      t.secret = entry ? entry->secret_name : "";
      t.secret_ns = ing.ns;
      t.ingress = i;
      t.location = entry ? entry->location : ing.tls.front().location;
      if (info.cls.controller == "contour" && !contour_secret_location(info, t, *plan.findings)) continue;
      out.emplace(key, std::move(t));
    }
  }
  return out;
}

}  // namespace im
