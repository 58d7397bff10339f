#include "convert/tls_planner.h"

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

}  // namespace

std::map<std::string, HostTls> plan_host_tls(const Plan& plan) {
  std::map<std::string, HostTls> out;
  for (size_t i = 0; i < plan.ingresses.size(); ++i) {
    const IngressInfo& info = plan.ingresses[i];
    const Ingress& ing = *info.ing;
    if (info.cls.name.empty() || info.is_canary() || ing.tls.empty()) continue;
    for (const auto& rule : ing.rules) {
      if (rule.host.empty()) continue;
      std::string key = info.cls.name + '\n' + rule.host;
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
      out.emplace(key, std::move(t));
    }
  }
  return out;
}

}  // namespace im
