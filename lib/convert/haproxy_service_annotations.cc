#include "convert/haproxy_service_annotations.h"

#include <fmt/format.h>

#include <optional>

#include "convert/backend_tls.h"
#include "convert/haproxy_settings.h"
#include "convert/service_lookup.h"
#include "rules/apply.h"
#include "rules/value_format.h"
#include "util/text.h"

namespace im {
namespace {

/// What one Service's own annotations say, read (and judged) once.
struct HaproxyService {
  const Service* svc = nullptr;
  std::optional<bool> server_ssl;
  Location ssl_at;
  std::optional<std::string> timeout;  ///< a Gateway API duration
  bool tls_planned = false;
};

HaproxyService read_haproxy_service(const Service& svc, const Catalog& catalog, Findings& findings) {
  HaproxyService h;
  h.svc = &svc;
  const IngressPolicy policy = apply_service_annotations(svc, "haproxy", catalog, findings);
  for (const auto& [action, s] : policy.settings) {
    if (action == "backend-protocol" && s.params.count("protocol")) {
      // service/ssl.go: utils.GetBoolValue, as the Ingress's.
      if (auto on = parse_go_bool(s.value)) {
        h.server_ssl = *on;
        h.ssl_at = s.location;
      }
    } else if (action == "server-timeout") {
      h.timeout = haproxy_server_timeout(s, findings);
    }
  }
  return h;
}

}  // namespace

const Annotation* haproxy_service_annotation(const Service& svc, const std::string& key) {
  for (const char* prefix : {"haproxy.org/", "haproxy.com/", "ingress.kubernetes.io/"}) {
    for (const Annotation& a : svc.annotations) {
      if (a.key == prefix + key) return &a;
    }
  }
  return nullptr;
}

void apply_haproxy_service_annotations(const Plan& plan, const Catalog& catalog, ConversionOutput& out,
                                       Findings& findings) {
  walk_service_backends<HaproxyService>(
      plan, out, "haproxy",
      [&](const Service& svc, const HTTPRouteIR&) { return read_haproxy_service(svc, catalog, findings); },
      [&](HTTPRouteIR& route, RouteRuleIR& rule, const BackendRefIR&, HaproxyService& h) {
        if (h.timeout) rule.backend_timeout = *h.timeout;  // the Service's wins over the Ingress's
        if (h.server_ssl != true || h.tls_planned) return;
        h.tls_planned = true;
        add_verified_service_backend_tls(out, *h.svc, route.source_ingress, h.ssl_at, "server-ssl",
                                         "which HAProxy did not do (verify none without server-ca)", findings);
      });
}

}  // namespace im
