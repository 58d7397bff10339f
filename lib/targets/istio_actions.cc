// The Istio target actions. Fields from Istio's CRDs at tag 1.30.3
// (security.istio.io/v1 AuthorizationPolicy, networking.istio.io/v1
// DestinationRule) and its mesh config (meshconfig.ExtensionProvider
// EnvoyExternalAuthorizationHttpProvider); what istiod makes of them from
// pilot/pkg/security/authz/builder/{builder,extauthz}.go and
// pilot/pkg/networking/core/route/route.go (consistentHashToHashPolicy).
// ingress-nginx behaviour from internal/ingress/annotations/*/main.go.

#include "targets/istio_actions.h"

#include <fmt/format.h>

#include <algorithm>

#include "targets/nginx_readers.h"
#include "util/text.h"

namespace im {
namespace {

using Json = nlohmann::ordered_json;
using Ctx = TargetActionContext;

// ---- source ranges: a DENY AuthorizationPolicy ----

// ingress-nginx refuses a client in the denylist, then any client outside
// the allowlist (ipdenylist before ipallowlist in the location). Two DENY
// rules say the same: either one refusing is a 403, whatever the order.
// remoteIpBlocks is the client address istiod derives from
// X-Forwarded-For and the gateway's numTrustedProxies (0 by default: the
// connection's peer, as nginx's $remote_addr without use-forwarded-headers).
// istio_objects.cc scopes each rule to the Ingress's hosts and paths.
bool act_source_ranges(const Ctx& c) {
  SourceRanges ranges;
  if (!read_source_ranges(c, ranges)) return false;
  Json rules = Json::array();
  if (!ranges.deny.empty())
    rules.push_back({{"from", Json::array({{{"source", {{"remoteIpBlocks", ranges.deny}}}}})}});
  if (!ranges.allow.empty())
    rules.push_back({{"from", Json::array({{{"source", {{"notRemoteIpBlocks", ranges.allow}}}}})}});
  c.spec() = {{"action", "DENY"}, {"rules", rules}};
  return true;
}

// ---- external auth: an extension provider of the mesh config ----

Json& provider(const Ctx& c) { return c.spec_of("MeshConfig"); }

// The auth answer's headers the client sees: WWW-Authenticate of a refusal
// (auth_request), and the auth answer's Set-Cookie on allowed requests, or
// on every answer with auth-always-set-cookie (nginx.tmpl, authreq/main.go).
// Envoy sends every header of a refusal when no list is given
// (headersToDownstreamOnDeny) and none on success; istiod matches the names
// case-insensitively (extauthz.go generateHeaders).
void write_client_headers(const Ctx& c) {
  const Annotation* always = c.sibling("auth-always-set-cookie");
  Json on_deny = Json::array({"www-authenticate"});
  if (always && always->value == "true") on_deny.push_back("set-cookie");
  provider(c)["headersToDownstreamOnDeny"] = on_deny;
  provider(c)["headersToDownstreamOnAllow"] = Json::array({"set-cookie"});
}

// auth-url -> envoyExtAuthzHttp: service as Istio's registry names it
// (SVC.NS.svc.cluster.local), port, and the URL's path as pathPrefix, which
// Envoy prepends to the client's path (extauthz.go: PathPrefix).
bool act_ext_auth_url(const Ctx& c) {
  AuthService service;
  if (!read_auth_url(c, service)) return false;
  const std::string ns = service.ns.empty() ? c.ingress.ns : service.ns;
  Json& p = provider(c);
  p["service"] = service.name + "." + ns + ".svc.cluster.local";
  p["port"] = service.port;
  if (service.path != "/") p["pathPrefix"] = service.path;
  write_client_headers(c);
  return true;
}

bool act_always_set_cookie(const Ctx& c) {
  if (c.annotation.value != "true" && c.annotation.value != "false") return c.reject("expected true or false");
  if (!needs_met(c)) return false;  // no auth-url converted: nothing to qualify
  write_client_headers(c);
  return true;
}

bool act_auth_response_headers(const Ctx& c) {
  if (!needs_met(c)) return false;
  std::vector<std::string> headers;
  if (!read_header_names(c, headers)) return false;
  provider(c)["headersToUpstreamOnAllow"] = headers;
  return true;
}

// auth-request-redirect: X-Auth-Request-Redirect of the auth request
// (nginx.tmpl), a fixed header Envoy adds (includeAdditionalHeadersInCheck
// -> ext_authz authorization_request.headers_to_add).
bool act_auth_request_redirect(const Ctx& c) {
  std::string value;
  if (!literal_header_value(c.annotation.value, value))
    return c.reject("only a literal value converts; nginx variables have no Istio equivalent here");
  if (!needs_met(c)) return false;
  provider(c)["includeAdditionalHeadersInCheck"]["X-Auth-Request-Redirect"] = value;
  return true;
}

bool act_auth_proxy_set_headers(const Ctx& c) {
  if (!needs_met(c)) return false;
  std::vector<std::pair<std::string, std::string>> headers;
  if (!read_auth_proxy_headers(c, "Istio", headers)) return false;
  Json& add = provider(c)["includeAdditionalHeadersInCheck"];
  for (const auto& [k, v] : headers) add[k] = v;
  return true;
}

// ---- the backend Service: a DestinationRule's trafficPolicy ----

Json& traffic_policy(const Ctx& c) { return c.spec()["trafficPolicy"]; }

bool act_load_balance(const Ctx& c) {
  Balancer balancer;
  if (!read_load_balance(c, balancer)) return false;
  traffic_policy(c)["loadBalancer"] = {{"simple", balancer == Balancer::Ewma ? "LEAST_REQUEST" : "ROUND_ROBIN"}};
  return true;
}

bool act_hash_by(const Ctx& c) {
  HashKey key;
  if (!read_hash_key(c, "Istio", key)) return false;
  Json hash;
  switch (key.kind) {
    case HashKey::Kind::SourceIP:
      hash = {{"useSourceIp", true}};
      break;
    case HashKey::Kind::Header:
      hash = {{"httpHeaderName", key.name}};
      break;
    case HashKey::Kind::Cookie:
      // No ttl: Envoy hashes the cookie when the client sends it and does
      // not issue one, as nginx's $cookie_NAME reads what is there.
      hash = {{"httpCookie", {{"name", key.name}}}};
      break;
  }
  traffic_policy(c)["loadBalancer"] = {{"consistentHash", hash}};
  return true;
}

// affinity: cookie -> a consistent hash on the cookie. Envoy issues the
// cookie when the client has none only with a ttl; 0s makes it a session
// cookie, which is what ingress-nginx sends without max-age/expires
// (sticky.lua). Domain, SameSite and Secure become cookie attributes
// (route.go copies httpCookie.attributes to Envoy's CookieAttribute list).
bool act_cookie_affinity(const Ctx& c) {
  CookieAffinity affinity;
  if (!read_cookie_affinity(c, affinity)) return false;
  if (affinity.domain && !cookie_attribute_value(*affinity.domain)) {
    if (c.rule.key == "session-cookie-domain") return c.reject("not a cookie domain");
    affinity.domain.reset();  // session-cookie-domain reports itself
  }
  Json cookie = {{"name", affinity.name}, {"ttl", std::to_string(affinity.ttl_seconds) + "s"}};
  if (affinity.path) cookie["path"] = *affinity.path;
  Json attributes = Json::array();
  if (affinity.domain) attributes.push_back({{"name", "Domain"}, {"value", *affinity.domain}});
  if (affinity.same_site) attributes.push_back({{"name", "SameSite"}, {"value", *affinity.same_site}});
  if (affinity.secure) attributes.push_back({{"name", "Secure"}});
  if (!attributes.empty()) cookie["attributes"] = attributes;
  traffic_policy(c)["loadBalancer"] = {{"consistentHash", {{"httpCookie", cookie}}}};
  return true;
}

// proxy-connect-timeout (seconds, proxy_connect_timeout) ->
// connectionPool.tcp.connectTimeout, which the CRD wants at least 1ms.
bool act_connect_timeout(const Ctx& c) {
  std::string duration, why;
  if (!seconds_to_duration(c.annotation.value, duration, why)) return c.reject(why);
  if (duration == "0s") return c.reject("a connect timeout of 0 is not available (at least 1ms)");
  traffic_policy(c)["connectionPool"]["tcp"]["connectTimeout"] = duration;
  return true;
}

}  // namespace

const std::vector<TargetAction>& istio_target_actions() {
  static const std::vector<TargetAction> kActions = {
      {"istio-always-set-cookie", "Set-Cookie of the auth answer also on refusals", act_always_set_cookie},
      {"istio-auth-proxy-set-headers", "headers of the auth request from a ConfigMap", act_auth_proxy_set_headers},
      {"istio-auth-request-redirect", "X-Auth-Request-Redirect of the auth request", act_auth_request_redirect},
      {"istio-auth-response-headers", "headers of the auth answer copied to the backend request",
       act_auth_response_headers},
      {"istio-connect-timeout", "connect timeout toward the backend Service", act_connect_timeout},
      {"istio-cookie-affinity", "consistent hash on the affinity cookie", act_cookie_affinity},
      {"istio-ext-auth-url", "an ext_authz extension provider for a cluster Service", act_ext_auth_url},
      {"istio-hash-by", "consistent hash on an nginx variable", act_hash_by},
      {"istio-load-balance", "load balancing of the backend Service", act_load_balance},
      {"istio-source-range-allow", "authorization: deny clients outside these ranges", act_source_ranges},
      {"istio-source-range-deny", "authorization: deny these clients", act_source_ranges},
  };
  return kActions;
}

}  // namespace im
