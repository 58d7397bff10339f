#include "convert/kong_protocols.h"

#include <fmt/format.h>

#include <cstdlib>
#include <set>

#include "util/text.h"

namespace im {

std::optional<std::vector<std::string>> read_kong_protocol_list(const std::string& value,
                                                                std::string* bad_item) {
  static const std::set<std::string> valid = {"http", "https", "grpc", "grpcs",          "ws",
                                              "wss",  "tls",   "tcp",  "tls_passthrough"};
  std::vector<std::string> out;
  for (const std::string& item : split(value, ',')) {
    const std::string p = trim(item);
    if (p.empty()) continue;
    if (!valid.count(p)) {
      if (bad_item) *bad_item = p;
      return std::nullopt;
    }
    out.push_back(p);
  }
  return out;
}

KongProtocols kong_protocols(const Ingress& ing) {
  KongProtocols k;
  // route.go overrideHTTPSRedirectCode: HasForceSSLRedirectAnnotation is
  // an exact "true"; useSSLProtocol keeps only the TLS protocols.
  if (const Annotation* a = ing.annotation("ingress.kubernetes.io/force-ssl-redirect");
      a && a->value == "true") {
    k.https_redirect_code = 302;
    k.http = false;
  }
  if (const Annotation* a = ing.annotation("konghq.com/https-redirect-status-code")) {
    char* end = nullptr;
    const long code = std::strtol(a->value.c_str(), &end, 10);
    const bool number = !a->value.empty() && end && *end == '\0';
    if (number && (code == 426 || code == 301 || code == 302 || code == 307 || code == 308)) {
      k.https_redirect_code = static_cast<int>(code);
    }
  }
  // route.go overrideProtocols: a list replaces what came before; an empty
  // or invalid one changes nothing.
  if (const Annotation* a = ing.annotation("konghq.com/protocols")) {
    const auto list = read_kong_protocol_list(a->value);
    if (list && !list->empty()) {
      k.http = k.https = false;
      k.others.clear();
      for (const std::string& p : *list) {
        if (p == "http") {
          k.http = true;
        } else if (p == "https") {
          k.https = true;
        } else {
          k.others.push_back(p);
        }
      }
    }
  }
  return k;
}

void apply_kong_protocols(const Ingress& ing, const IngressPolicy& policy, RouteTemplate& t,
                          Findings& findings) {
  const Setting* protocols = policy.setting("kong-protocols");
  const Setting* code = policy.setting("kong-https-redirect-code");
  if (protocols) {
    std::string bad;
    if (!read_kong_protocol_list(protocols->value, &bad)) {
      findings.error(
          protocols->location,
          fmt::format("konghq.com/protocols: \"{}\" is not a Kong protocol, so the Kong Ingress "
                      "Controller ignored the annotation; the routes keep HTTP and HTTPS here too",
                      escape_control(bad)),
          protocols->rule_id);
    }
  }
  if (code && code->value != "426" && code->value != "301" && code->value != "302" &&
      code->value != "307" && code->value != "308") {
    findings.error(
        code->location,
        fmt::format(
            "konghq.com/https-redirect-status-code: \"{}\" is not 426, 301, 302, 307 or 308, so "
            "the Kong Ingress Controller ignored it",
            escape_control(code->value)),
        code->rule_id);
  }
  const KongProtocols k = kong_protocols(ing);
  const Setting* where = protocols ? protocols : code;
  if (!k.others.empty()) {
    findings.warning(
        protocols->location,
        fmt::format(
            "konghq.com/protocols: {} not converted: HTTPRoutes take HTTP and HTTPS only (a "
            "GRPCRoute, TLSRoute or TCPRoute would be a route of its own)",
            join(k.others, ", ") + (k.others.size() == 1 ? " is" : " are")),
        protocols->rule_id);
  }
  if (!k.http && !k.https) {
    // Only non-HTTP protocols: Kong's route took no HTTP request at all.
    t.paths_left_out = true;
    findings.warning(
        protocols->location,
        "konghq.com/protocols lists neither http nor https, so the routes took no HTTP request; "
        "no HTTPRoute rule is written for their paths",
        protocols->rule_id);
    return;
  }
  t.https_off = !k.https;
  if (k.http || !k.https) {
    t.force_redirect = false;
    t.http_off = !k.http;
    return;
  }
  // https only: plain HTTP is redirected, or refused with 426.
  if (k.https_redirect_code == 426) {
    t.force_redirect = false;
    t.http_off = true;
    // Without a tls entry the planner keeps HTTP and says why
    // (https-only-without-tls).
    if (where && !ing.tls.empty()) {
      findings.warning(
          where->location,
          "Kong answered plain HTTP requests to these https-only routes with 426 Upgrade Required; "
          "a RequestRedirect cannot answer 426, so the routes are left off the HTTP listener and "
          "those "
          "requests now go to the host's other HTTP routes, or 404 (set "
          "konghq.com/https-redirect-status-code to 301, 302, 307 or 308 to redirect instead)",
          where->rule_id);
    }
    return;
  }
  t.http_off = false;
  t.force_redirect = true;
  t.redirect_code = k.https_redirect_code;
}

}  // namespace im
