// A spec.tls host only selects a certificate for hosts that rules serve; a
// TLS host with no rule is either a leftover or a rule that went missing.
// The converter builds HTTPS listeners from routed hosts, so such a host
// silently gets no listener.

#include <fmt/format.h>

#include "lint/checks.h"
#include "util/text.h"

namespace im {

namespace {

// "*.example.com" covers exactly one more label ("a.example.com").
bool wildcard_covers(const std::string& wildcard, const std::string& host) {
  if (!starts_with(wildcard, "*.")) return false;
  std::string suffix = wildcard.substr(1);
  return host.size() > suffix.size() && ends_with(host, suffix) &&
         host.find('.') == host.size() - suffix.size();
}

bool served(const std::string& tls_host, const Ingress& ing) {
  for (const IngressRule& r : ing.rules) {
    if (r.host == tls_host || wildcard_covers(tls_host, r.host) || wildcard_covers(r.host, tls_host)) {
      return true;
    }
  }
  return false;
}

}  // namespace

void check_tls_hosts(const LintContext& ctx, Findings& findings) {
  for (const Ingress& ing : ctx.inventory.ingresses) {
    for (const IngressTLS& tls : ing.tls) {
      for (const std::string& host : tls.hosts) {
        if (served(host, ing)) continue;
        findings.warning(tls.location,
                         fmt::format("TLS host {} of Ingress {} is not served by any of its rules; "
                                     "the converted Gateway has no HTTPS listener for it",
                                     host, ing.ref()),
                         "tls-host-unserved");
      }
    }
  }
}

}  // namespace im
