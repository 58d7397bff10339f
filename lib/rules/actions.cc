#include "rules/actions.h"

#include <algorithm>

#include <fmt/format.h>

#include "rules/value_format.h"

namespace im {

namespace {

// Each action reads one annotation into the policy. The value has already
// passed the rule's value-format check, so parsing here cannot fail unless
// a rule names the wrong format; then the action reports it.

bool bool_value(const ActionContext& c, bool fallback) {
  auto b = parse_go_bool(c.annotation.value);
  if (!b) {
    c.findings.error(c.annotation.location,
                     fmt::format("{}: \"{}\" is not a boolean", c.annotation.key, c.annotation.value),
                     c.rule.id);
    return fallback;
  }
  return *b;
}

void act_consumed(const ActionContext& c, IngressPolicy& p) {
  // Read elsewhere (class resolution) or as a modifier of another setting
  // (nginx.org/hsts-max-age); recorded so the converter can look it up.
  p.settings.emplace_back("consumed", Setting{c.annotation.value, c.annotation.location, c.rule.id, {}});
}

void act_rewrite_target(const ActionContext& c, IngressPolicy& p) {
  p.rewrite_target = c.annotation.value;
  p.rewrite_location = c.annotation.location;
}

void act_use_regex(const ActionContext& c, IngressPolicy& p) {
  p.use_regex = bool_value(c, false);
  p.regex_location = c.annotation.location;
}

void act_ssl_redirect(const ActionContext& c, IngressPolicy& p) {
  p.ssl_redirect = bool_value(c, true);
  p.ssl_redirect_given = true;
}

void act_force_ssl_redirect(const ActionContext& c, IngressPolicy& p) {
  p.force_ssl_redirect = bool_value(c, false);
}

void act_canary(const ActionContext& c, IngressPolicy& p) {
  p.canary.enabled = bool_value(c, false);
  p.canary.location = c.annotation.location;
}

void act_canary_weight(const ActionContext& c, IngressPolicy& p) {
  if (auto v = parse_int(c.annotation.value)) p.canary.weight = static_cast<int>(std::min(*v, 1000000LL));
}

void act_canary_weight_total(const ActionContext& c, IngressPolicy& p) {
  auto v = parse_int(c.annotation.value);
  if (!v || *v < 1 || *v > 1000000) {
    c.findings.error(c.annotation.location,
                     fmt::format("{}: \"{}\" must be an integer from 1 to 1000000",
                                 c.annotation.key, c.annotation.value),
                     c.rule.id);
    return;
  }
  p.canary.weight_total = static_cast<int>(*v);
}

void act_canary_by_header(const ActionContext& c, IngressPolicy& p) { p.canary.by_header = c.annotation.value; }
void act_canary_header_value(const ActionContext& c, IngressPolicy& p) {
  p.canary.header_value = c.annotation.value;
}
void act_canary_header_pattern(const ActionContext& c, IngressPolicy& p) {
  p.canary.header_pattern = c.annotation.value;
}
void act_canary_by_cookie(const ActionContext& c, IngressPolicy& p) { p.canary.by_cookie = c.annotation.value; }

/// Records the value for the converter, keyed by the rule's action name.
void act_record(const ActionContext& c, IngressPolicy& p) {
  p.settings.emplace_back(c.rule.action,
                          Setting{c.annotation.value, c.annotation.location, c.rule.id, c.rule.params});
}

/// An annotation carried to another object under its own key (or the
/// rule's `rename`): the key is kept with the value.
void act_carry(const ActionContext& c, IngressPolicy& p) {
  auto params = c.rule.params;
  params["key"] = c.annotation.key;
  p.settings.emplace_back(c.rule.action, Setting{c.annotation.value, c.annotation.location, c.rule.id, params});
}

void act_not_converted(const ActionContext&, IngressPolicy&) {
  // The verdict finding (none/partial) is reported by the caller from the
  // rule's data; the policy is unchanged.
}

const std::vector<Action> kActions = {
    {"acme-http01", "configures cert-manager's Ingress HTTP-01 solver; names the Gateway its Issuer must use",
     act_carry},
    {"affinity", "sticky sessions by cookie (sessionPersistence, --experimental)", act_record},
    {"allow-http", "whether the HTTP listener exists", act_record},
    {"app-root", "redirects requests for exactly / to this path", act_record},
    {"backend-ca-configmaps", "ConfigMaps with the CAs that check the backend's certificate (Kong)", act_record},
    {"backend-ca-secrets", "Secrets with the CAs that check the backend's certificate (Kong)", act_record},
    {"backend-protocol", "the protocol spoken to the backend (HTTP, HTTPS, GRPC, GRPCS, FCGI)", act_record},
    {"canary", "marks the Ingress as the canary of another Ingress with the same host and path",
     act_canary},
    {"canary-by-cookie", "records the cookie that selects the canary", act_canary_by_cookie},
    {"canary-by-header", "records the header that selects the canary", act_canary_by_header},
    {"canary-by-header-pattern", "records the header regex that selects the canary",
     act_canary_header_pattern},
    {"canary-by-header-value", "records the header value that selects the canary",
     act_canary_header_value},
    {"canary-weight", "sends this share of requests to the canary backend", act_canary_weight},
    {"canary-weight-total", "the total the canary weight is a share of", act_canary_weight_total},
    {"cert-manager", "carried to the Gateway or ListenerSet that holds the host's certificate", act_carry},
    {"consumed", "read by the converter itself (for example the ingress class)", act_consumed},
    {"cors-allow-credentials", "CORS: allow credentials", act_record},
    {"cors-allow-headers", "CORS: allowed request headers", act_record},
    {"cors-allow-methods", "CORS: allowed methods", act_record},
    {"cors-allow-origin", "CORS: allowed origins", act_record},
    {"cors-enable", "turns the CORS filter on", act_record},
    {"cors-expose-headers", "CORS: headers exposed to the browser", act_record},
    {"cors-max-age", "CORS: how long a preflight answer may be cached", act_record},
    {"cors-origin-regex", "CORS: allowed origins as one regular expression (HAProxy)", act_record},
    {"custom-headers", "response headers from a ConfigMap", act_record},
    {"entrypoints", "selects the listeners (entrypoints) the route uses", act_record},
    {"external-dns-route", "carried to the routes made from the Ingress (external-dns reads it there)",
     act_carry},
    {"external-dns-target", "carried to the Gateway or ListenerSet of the Ingress's listeners", act_carry},
    {"force-ssl-redirect", "redirects HTTP to HTTPS even without TLS on the Ingress",
     act_force_ssl_redirect},
    {"from-to-www-redirect", "redirects between host and www.host", act_record},
    {"host-redirect", "redirects every request to another host (and port)", act_record},
    {"host-redirect-code", "status code of host-redirect", act_record},
    {"host-header", "the Host header sent to the backend Service when the route does not keep the client's (Kong)",
     act_record},
    {"gke-frontend-config", "the GKE FrontendConfig of the load balancer (HTTPS redirect, SSL policy)", act_record},
    {"haproxy-path-rewrite", "rewrites the request path (HAProxy replace-path)", act_record},
    {"hsts", "adds a Strict-Transport-Security response header", act_record},
    {"ignore", "written by the controller itself (status); nothing to carry over", act_not_converted},
    {"kong-https-redirect-code", "status of an https-only Kong route's answer to plain HTTP", act_record},
    {"kong-plugins", "Kong plugins on the routes: ExtensionRefs on Kong's Gateway, the CORS filter elsewhere", act_record},
    {"kong-protocols", "the protocols (listeners) a Kong route takes", act_record},
    {"listen-ports", "the listener ports and protocols of the load balancer (ALB listen-ports)", act_record},
    {"match-methods", "only requests with these methods match, one rule per method (Kong konghq.com/methods)",
     act_record},
    {"mirror-target", "mirrors requests to another backend", act_record},
    {"not-converted", "no Gateway API equivalent: reports the verdict, changes nothing",
     act_not_converted},
    {"path-matcher", "how ImplementationSpecific paths match (Traefik router.pathmatcher)", act_record},
    {"permanent-redirect", "answers every request with a permanent redirect", act_record},
    {"regex-prefix", "the start that marks a path as a regex (Kong konghq.com/regex-prefix)", act_record},
    {"permanent-redirect-code", "status code of permanent-redirect", act_record},
    {"proxy-connect-timeout", "backend connect timeout", act_record},
    {"proxy-read-timeout", "backend read timeout", act_record},
    {"proxy-send-timeout", "backend send timeout", act_record},
    {"proxy-ssl-name", "server name checked in the backend certificate", act_record},
    {"proxy-ssl-secret", "CA (and client certificate) for TLS to the backend", act_record},
    {"proxy-ssl-server-name", "send SNI to the backend", act_record},
    {"proxy-ssl-verify", "verify the backend certificate", act_record},
    {"redirect-code", "status code of the HTTPS redirect", act_record},
    {"redirect-port", "port written in the HTTPS redirect", act_record},
    {"redirect-to-https", "redirects HTTP to HTTPS", act_record},
    {"request-headers-set", "sets request headers sent to the backend", act_record},
    {"request-header-lines", "sets request headers, one 'Name value' per line (HAProxy)", act_record},
    {"response-header-lines", "sets response headers, one 'Name value' per line (HAProxy)", act_record},
    {"response-headers-remove", "removes response headers", act_record},
    {"rewrite-target", "rewrites the request path sent to the backend", act_rewrite_target},
    {"retry-attempts", "how many times a request is retried (with retry-on)", act_record},
    {"retry-attempt-timeout", "timeout of each attempt (with retry-on)", act_record},
    {"retry-on", "the failures a request is retried on (experimental retry)", act_record},
    {"route-timeout", "deadline for the whole response of every route rule (timeouts.request)", act_record},
    {"router-tls", "serves the route on TLS entrypoints only", act_record},
    {"server-timeout", "how long the backend may stay silent (HAProxy time)", act_record},
    {"service-rewrites", "rewrites the path per backend Service (serviceName=S rewrite=P;...)", act_record},
    {"set-host", "the Host header sent to the backend (HAProxy set-host)", act_record},
    {"ssl-passthrough", "passes TLS through to the backend (TLSRoute)", act_record},
    {"ssl-redirect", "redirects HTTP to HTTPS for hosts with TLS (on by default)", act_ssl_redirect},
    {"static-ip", "the address of the load balancer", act_record},
    {"retries", "how often the controller retried a request to the backend Service (Kong)", act_record},
    {"upstream-protocol", "the protocol the controller spoke to some ports of the backend Service (Contour)",
     act_record},
    {"upstream-path", "the path the controller put before the request path towards the backend Service (Kong)",
     act_record},
    {"servers-scheme", "the scheme the controller spoke to the backend Service's Pods (Traefik)", act_record},
    {"sticky-cookie", "sticky sessions by cookie, from the backend Service (Traefik)", act_record},
    {"sticky-cookie-maxage", "Max-Age of the sticky cookie (Traefik Service)", act_record},
    {"sticky-cookie-name", "name of the sticky cookie (Traefik Service)", act_record},
    {"strip-path", "removes the matched path before proxying (Kong konghq.com/strip-path)", act_record},
    {"temporal-redirect", "answers every request with a temporary redirect", act_record},
    {"temporal-redirect-code", "status code of temporal-redirect", act_record},
    {"tls-acme", "asks cert-manager for its default issuer; written as that issuer with --cert-manager-default-issuer",
     act_carry},
    {"tls-cert-namespace", "the namespace of the Ingress's TLS Secrets (Contour certificate delegation)", act_record},
    {"tls-verify", "whether the controller checked the backend Service's certificate (Kong)", act_record},
    {"traefik-middlewares", "Traefik Middlewares of the routers (Middleware CRDs in the input)", act_record},
    {"upstream-vhost", "the Host header sent to the backend", act_record},
    {"use-regex", "treats the Ingress paths as regular expressions", act_use_regex},
    {"x-forwarded-prefix", "adds X-Forwarded-Prefix when the path is rewritten", act_record},
};

}  // namespace

const std::vector<Action>& actions() { return kActions; }

const Action* find_action(const std::string& name) {
  for (const auto& a : kActions) {
    if (name == a.name) return &a;
  }
  return nullptr;
}

std::vector<std::string> action_names() {
  std::vector<std::string> names;
  for (const auto& a : kActions) names.emplace_back(a.name);
  return names;
}

}  // namespace im
