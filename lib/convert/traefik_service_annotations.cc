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
  add_verified_service_backend_tls(out, svc, source_ingress, scheme->location, "service.serversscheme https",
                                   "where Traefik checked it against the Pod's address unless a ServersTransport "
                                   "named a serverName or skipped the check (insecureSkipVerify)",
                                   findings);
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
  walk_service_backends<Json>(
      plan, out, "traefik",
      [&](const Service& svc, const HTTPRouteIR& route) {
        const IngressPolicy policy = apply_service_annotations(svc, "traefik", catalog, findings);
        plan_servers_scheme(svc, policy, route.source_ingress, out, findings);
        return session_persistence(svc, policy);
      },
      [&](HTTPRouteIR&, RouteRuleIR& rule, const BackendRefIR&, const Json& sticky) {
        if (!sticky.is_null() && plan.options->experimental) rule.session_persistence = sticky;
      });
}

}  // namespace im
