#include "convert/traefik_service_annotations.h"

#include <fmt/format.h>

#include <map>
#include <set>
#include <tuple>

#include "convert/backend_tls.h"
#include "convert/service_lookup.h"
#include "rules/apply.h"
#include "rules/value_format.h"
#include "util/text.h"

namespace im {
namespace {

using Json = nlohmann::ordered_json;

// service.sticky.cookie (dynamic.Sticky, loadbalancer/sticky.go) as
// sessionPersistence: the cookie's name when given (Traefik otherwise
// derives one from the service name, the implementation now picks its
// own), and a Max-Age as an absolute timeout on a Permanent cookie, as
// ingress-nginx's session-cookie-max-age converts.
Json session_persistence(const Service& svc, const IngressPolicy& policy) {
  if (!traefik_sticky_enabled(svc)) return nullptr;
  Json sp = {{"type", "Cookie"}};
  if (const Setting* name = policy.setting("sticky-cookie-name"); name && name->value.size() <= 128) {
    sp["sessionName"] = name->value;
  }
  if (const Setting* age = policy.setting("sticky-cookie-maxage")) {
    if (auto secs = parse_int(age->value); secs && *secs > 0 && *secs <= 99999) {
      sp["absoluteTimeout"] = std::to_string(*secs) + "s";
      sp["cookieConfig"] = Json{{"lifetimeType", "Permanent"}};
    }
  }
  return sp;
}

/// service.serversscheme (kubernetes.go getProtocol) replaces the port
/// guess: https is the URL scheme Traefik dialled the Pods with (Go lower-
/// cases it), so the Service gets a BackendTLSPolicy.
void plan_servers_scheme(const Service& svc, const IngressPolicy& policy, const std::string& source_ingress,
                         ConversionOutput& out, Findings& findings) {
  const Setting* scheme = policy.setting("servers-scheme");
  if (!scheme || to_lower(trim(scheme->value)) != "https") return;
  const BackendTLSPolicyIR* p =
      add_service_backend_tls(out, svc, service_dns_name(svc), source_ingress, scheme->location);
  if (!p) return;
  findings.warning(scheme->location,
                   fmt::format("service.serversscheme https for Service {}: BackendTLSPolicy {} verifies the backend "
                               "certificate for host {} against the system CAs, where Traefik checked it against "
                               "the Pod's address unless a ServersTransport named a serverName or skipped the check "
                               "(insecureSkipVerify): the certificate must be valid for {}",
                               svc.name, p->name, p->hostname, p->hostname),
                   "backend-tls-verification");
}

}  // namespace

bool traefik_sticky_enabled(const Service& svc) {
  const std::string kPrefix = kTraefikStickyCookieKey;
  bool any_field = false;
  for (const Annotation& a : svc.annotations) {
    if (a.key == kPrefix) return parse_go_bool(a.value) == true;
    any_field = any_field || a.key.rfind(kPrefix + ".", 0) == 0;
  }
  return any_field;
}

void apply_traefik_service_annotations(const Plan& plan, const Catalog& catalog, ConversionOutput& out,
                                       Findings& findings) {
  std::set<std::string> traefik_ingresses;
  for (const IngressInfo& info : plan.ingresses) {
    if (info.cls.controller == "traefik") traefik_ingresses.insert(info.ing->ref());
  }
  if (traefik_ingresses.empty()) return;
  // Per Service: its settings, read (and reported) once.
  std::map<std::pair<std::string, std::string>, Json> sticky;
  for (HTTPRouteIR& route : out.http_routes) {
    if (!traefik_ingresses.count(route.source_ingress)) continue;
    for (RouteRuleIR& rule : route.rules) {
      for (const BackendRefIR& b : rule.backends) {
        if (!b.group.empty() || !(b.kind.empty() || b.kind == "Service")) continue;
        auto [it, fresh] = sticky.try_emplace({route.ns, b.name});
        if (fresh) {
          if (const Service* svc = find_service(*plan.inventory, route.ns, b.name)) {
            const IngressPolicy policy = apply_service_annotations(*svc, "traefik", catalog, findings);
            it->second = session_persistence(*svc, policy);
            plan_servers_scheme(*svc, policy, route.source_ingress, out, findings);
          }
        }
        if (!it->second.is_null() && plan.options->experimental) rule.session_persistence = it->second;
      }
    }
  }
}

}  // namespace im
