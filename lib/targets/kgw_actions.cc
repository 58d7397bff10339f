// The kgateway target actions. Fields from the kgateway CRD types
// (api/v1alpha1/kgateway/{traffic_policy,backend_config_policy,
// gateway_extensions}_types.go, v2.4 branch) and what their plugins make of
// them (pkg/kgateway/extensions2/plugins/trafficpolicy/*.go); ingress-nginx
// behaviour from internal/ingress/annotations/*/main.go and
// internal/ingress/defaults (config.go).

#include "targets/kgw_actions.h"

#include <fmt/format.h>

#include <algorithm>

#include "convert/filter_set.h"
#include "convert/naming.h"
#include "targets/eg_listener_actions.h"
#include "targets/nginx_readers.h"
#include "util/text.h"

namespace im {
namespace {

using Json = nlohmann::ordered_json;
using Ctx = TargetActionContext;

// auth-type basic + auth-secret -> basicAuth.secretRef. kgateway reads the
// htpasswd lines from secretRef.key (default .htpasswd): key auth is where
// ingress-nginx reads them (annotations/auth/main.go), so the Secret stays.
bool act_basic_auth(const Ctx& c) {
  if (c.rule.key == "auth-secret-type" && c.annotation.value != "auth-file") {
    if (c.annotation.value == "auth-map")
      return c.reject("an auth-map Secret must be rewritten as one auth key of htpasswd lines");
    return c.reject("expected auth-file or auth-map");
  }
  std::string ns, name;
  if (!read_basic_auth(c, "kgateway", ns, name)) return false;
  Json ref = {{"name", name}};
  if (!ns.empty()) ref["namespace"] = ns;
  ref["key"] = "auth";
  c.spec()["basicAuth"] = {{"secretRef", ref}};
  return true;
}

void write_client_headers(const Ctx& c);

// auth-url -> a GatewayExtension extAuth.httpService named after the
// Ingress, and the TrafficPolicy's extAuth naming it. kgateway prepends
// pathPrefix to the client's path (gateway_extension.go: PathPrefix), so the
// verdict says the auth service sees PATH + the client's path.
bool act_ext_auth_url(const Ctx& c) {
  AuthService service;
  if (!read_auth_url(c, service)) return false;
  Json ref = {{"name", service.name}, {"port", service.port}};
  if (!service.ns.empty()) ref["namespace"] = service.ns;
  Json& http = c.spec()["extAuth"]["httpService"];
  http["backendRef"] = ref;
  if (service.path != "/") http["pathPrefix"] = service.path;
  write_client_headers(c);
  c.spec_of("TrafficPolicy")["extAuth"] = {{"extensionRef", {{"name", c.ingress.name}}}};
  return true;
}

// The auth answer's headers the client sees. ingress-nginx passes
// WWW-Authenticate of a refusal (auth_request), and adds the auth answer's
// Set-Cookie with add_header: to 2xx/3xx answers of allowed requests, or to
// every answer, refusals included, with auth-always-set-cookie
// (nginx.tmpl, authreq/main.go). Envoy sends every header of a refusal when
// no list is given, and none on success (ext_authz allowed_client_headers,
// allowed_client_headers_on_success, which kgateway's headersToClient and
// headersToClientOnSuccess set: gateway_extension.go). The names are lower
// case: kgateway matches them exactly against Envoy's lower-case keys.
void write_client_headers(const Ctx& c) {
  const Annotation* always = c.sibling("auth-always-set-cookie");
  Json on_refusal = Json::array({"www-authenticate"});
  if (always && always->value == "true") on_refusal.push_back("set-cookie");
  Json& response = c.spec_of("GatewayExtension")["extAuth"]["httpService"]["authorizationResponse"];
  response["headersToClient"] = on_refusal;
  response["headersToClientOnSuccess"] = Json::array({"set-cookie"});
}

bool act_always_set_cookie(const Ctx& c) {
  if (c.annotation.value != "true" && c.annotation.value != "false") return c.reject("expected true or false");
  if (!needs_met(c)) return false;  // no auth-url converted: nothing to qualify
  write_client_headers(c);
  return true;
}

bool act_auth_response_headers(const Ctx& c) {
  if (!needs_met(c)) return false;  // no auth-url converted: nothing to qualify
  std::vector<std::string> headers;
  if (!read_header_names(c, headers)) return false;
  // kgateway matches the names exactly (buildStringListMatcher) against
  // Envoy's header keys, which are lower case.
  for (auto& h : headers) h = to_lower(h);
  c.spec()["extAuth"]["httpService"]["authorizationResponse"]["headersToBackend"] = headers;
  return true;
}

// auth-keepalive, -requests, -timeout (authreq/main.go: no keepalive by
// default, so every auth subrequest opens a new connection; 1000 requests
// and 60 s idle with keepalive) -> a BackendConfigPolicy on the auth
// Service, in its namespace (BackendConfigPolicy targets local Services).
// Envoy pools connections; one request per connection is the
// no-keepalive behaviour.
bool act_auth_keepalive(const Ctx& c) {
  const Annotation* url = c.sibling("auth-url");
  if (!url) return c.reject("needs auth-url");
  AuthService service;
  Findings quiet;
  const Ctx check{c.ingress, *url, c.rule, c.profile, c.options, c.draft, quiet};
  if (!read_auth_url(check, service)) return false;  // auth-url reports itself
  uint64_t connections = 0, requests = 1000, idle = 60;
  const std::pair<const char*, uint64_t*> numbers[] = {
      {"auth-keepalive", &connections}, {"auth-keepalive-requests", &requests}, {"auth-keepalive-timeout", &idle}};
  for (const auto& [key, value] : numbers) {
    const Annotation* a = c.sibling(key);
    if (a && (!whole_number(a->value, *value) || (*value == 0 && value != &connections))) {
      if (a == &c.annotation) return c.reject(value == &connections ? "expected a whole number of connections"
                                                                    : "expected a positive whole number");
      return false;
    }
  }
  Json options = {{"maxRequestsPerConnection", connections == 0 ? 1 : requests}};
  if (connections > 0) options["idleTimeout"] = seconds_hms(idle);
  const std::string ns = service.ns.empty() ? c.ingress.ns : service.ns;
  const std::string name = dns_name((service.ns.empty() ? "" : c.ingress.ns + "-") + c.ingress.name + "-auth");
  Json o = {{"apiVersion", c.profile.api_version},
            {"kind", "BackendConfigPolicy"},
            {"metadata", {{"name", name}}},
            {"spec",
             {{"targetRefs", Json::array({{{"group", ""}, {"kind", "Service"}, {"name", service.name}}})},
              {"commonHttpProtocolOptions", options}}}};
  if (!ns.empty()) o["metadata"]["namespace"] = ns;
  c.draft.objects[name] = {std::move(o), c.annotation.location};
  return true;
}

Json& request_headers(const Ctx& c) {
  return c.spec_of("GatewayExtension")["extAuth"]["httpService"]["authorizationRequest"]["headersToAdd"];
}

// auth-request-redirect: the X-Auth-Request-Redirect header of the auth
// request (nginx.tmpl: proxy_set_header X-Auth-Request-Redirect VALUE, else
// $request_uri).
bool act_auth_request_redirect(const Ctx& c) {
  std::string value;
  if (!literal_header_value(c.annotation.value, value))
    return c.reject("only a literal value converts; nginx variables have no kgateway equivalent here");
  if (!needs_met(c)) return false;  // no auth-url converted: nothing to qualify
  request_headers(c)["X-Auth-Request-Redirect"] = value;
  return true;
}

// auth-proxy-set-headers: the ConfigMap's literal entries become
// proxy_set_header lines of the auth request (authreq/main.go).
bool act_auth_proxy_set_headers(const Ctx& c) {
  if (!needs_met(c)) return false;  // no auth-url converted: nothing to qualify
  std::vector<std::pair<std::string, std::string>> headers;
  if (!read_auth_proxy_headers(c, "kgateway", headers)) return false;
  Json& add = request_headers(c);
  for (const auto& [k, v] : headers) add[k] = v;
  return true;
}

// Source ranges -> acl. ingress-nginx denies the denylist first, then
// everything outside the allowlist (ipdenylist before ipallowlist in the
// location); kgateway picks the rule with the longest matching prefix
// (http_acl_plugin.go), so an allowed range inside a denied one would win
// there. Such ranges are left out of the allow rule: nginx denied them.
bool act_acl(const Ctx& c) {
  SourceRanges ranges;
  if (!read_source_ranges(c, ranges)) return false;
  const std::vector<std::string>& allow = ranges.allow;
  const std::vector<std::string>& deny = ranges.deny;
  Json rules = Json::array();
  if (!deny.empty()) rules.push_back({{"name", "deny-source-range"}, {"action", "deny"}, {"cidrs", deny}});
  std::vector<std::string> open;
  for (const auto& cidr : allow) {
    const bool denied = std::any_of(deny.begin(), deny.end(), [&](const std::string& d) { return cidr_within(cidr, d); });
    if (!denied) open.push_back(cidr);
  }
  if (!open.empty()) rules.push_back({{"name", "allow-source-range"}, {"action", "allow"}, {"cidrs", open}});
  Json acl = {{"defaultAction", allow.empty() ? "allow" : "deny"}};
  if (!rules.empty()) acl["rules"] = rules;
  c.spec()["acl"] = acl;
  return true;
}

// limit-rps / limit-rpm / limit-burst-multiplier -> one token bucket:
// tokensPerFill = the rate, maxTokens = rate x multiplier (ingress-nginx's
// burst, default multiplier 5: annotations/ratelimit/main.go). kgateway has
// one local bucket per route, so limit-rps wins over limit-rpm.
bool act_rate_limit(const Ctx& c) {
  RateLimit limit;
  if (!read_rate_limit(c, "kgateway has one token bucket per route", limit)) return false;
  if (limit.burst > 2147483647ULL) return c.reject("the burst (rate x limit-burst-multiplier) is above 2147483647");
  c.spec()["rateLimit"]["local"]["tokenBucket"] = {
      {"maxTokens", limit.burst}, {"tokensPerFill", limit.rate}, {"fillInterval", limit.per_minute ? "1m" : "1s"}};
  return true;
}

// proxy-next-upstream, -tries, -timeout -> retry. Unset ones take
// ingress-nginx's defaults (config.go: "error timeout", 3 tries, no time
// limit), since any of them makes nginx retry with the others' defaults.
bool act_retry(const Ctx& c) {
  const Annotation* on = c.sibling("proxy-next-upstream");
  const Annotation* tries = c.sibling("proxy-next-upstream-tries");
  const Annotation* timeout = c.sibling("proxy-next-upstream-timeout");
  RetryTriggers triggers;
  if (on) {
    Findings quiet;
    const Ctx check{c.ingress, *on, c.rule, c.profile, c.options, c.draft, on == &c.annotation ? c.findings : quiet};
    if (!read_retry_triggers(check, on->value, triggers)) return false;
  } else {
    triggers.triggers = {"connect-failure", "reset"};
  }
  uint64_t attempts = 2;
  if (tries) {
    uint64_t n = 0;
    if (!whole_number(tries->value, n) || n == 0) {
      if (tries == &c.annotation) return c.reject("expected a number of tries of at least 1 (0, unlimited, is not available)");
      return false;
    }
    attempts = n - 1;  // proxy_next_upstream_tries counts the first try
  }
  std::string per_try;
  if (timeout) {
    std::string why;
    if (!seconds_to_duration(timeout->value, per_try, why)) {
      if (timeout == &c.annotation) return c.reject(why);
      return false;
    }
    if (per_try == "0s") per_try.clear();  // 0: no limit
  }
  Json retry = Json::object();
  if (triggers.off) {
    attempts = 0;
    triggers.triggers = {"connect-failure", "reset"};  // the CRD asks for triggers; none fire with 0 attempts
    triggers.status_codes.clear();
  }
  retry["retryOn"] = triggers.triggers;
  if (!triggers.status_codes.empty()) retry["statusCodes"] = triggers.status_codes;
  retry["attempts"] = attempts;
  if (!per_try.empty()) retry["perTryTimeout"] = per_try;
  c.spec()["retry"] = retry;
  return true;
}

// proxy-body-size -> buffer.maxRequestSize (413 above it, buffer.go). 0 is
// nginx's "no limit", which is Envoy's behaviour without the buffer filter.
bool act_body_size(const Ctx& c) {
  uint64_t bytes = 0;
  std::string why, quantity;
  if (!nginx_size_bytes(c.annotation.value, bytes, why)) return c.reject(why);
  if (bytes == 0) return true;
  if (bytes >= 4ULL * 1024 * 1024 * 1024) return c.reject("kgateway buffers less than 4Gi");
  if (!nginx_size_to_quantity(c.annotation.value, quantity, why)) return c.reject(why);
  c.spec()["buffer"] = {{"maxRequestSize", quantity}};
  return true;
}

bool act_buffer_limit(const Ctx& c) {
  uint64_t bytes = 0;
  std::string why;
  if (!nginx_size_bytes(c.annotation.value, bytes, why)) return c.reject(why);
  if (bytes > 2147483647ULL) return c.reject("the buffer is above 2147483647 bytes");
  c.spec()["perConnectionBufferLimitBytes"] = bytes;
  return true;
}

// The balancer ingress-nginx picks (balancer.lua get_implementation):
// cookie affinity, else upstream-hash-by, else load-balance.
bool act_load_balance(const Ctx& c) {
  Balancer balancer;
  if (!read_load_balance(c, balancer)) return false;
  c.spec()["loadBalancer"] = {{balancer == Balancer::Ewma ? "leastRequest" : "roundRobin", Json::object()}};
  return true;
}

void ring_hash(const Ctx& c, Json policy) {
  c.spec()["loadBalancer"] = {{"ringHash", {{"hashPolicies", Json::array({std::move(policy)})}}}};
}

bool act_hash_by(const Ctx& c) {
  HashKey key;
  if (!read_hash_key(c, "kgateway", key)) return false;
  switch (key.kind) {
    case HashKey::Kind::SourceIP:
      ring_hash(c, {{"sourceIP", Json::object()}});
      break;
    case HashKey::Kind::Header:
      ring_hash(c, {{"header", {{"name", key.name}}}});
      break;
    case HashKey::Kind::Cookie:
      ring_hash(c, {{"cookie", {{"name", key.name}}}});
      break;
  }
  return true;
}

// affinity: cookie -> a ring hash on the cookie. kgateway has Envoy
// generate the cookie when it is absent only with a ttl; 0s makes it a
// session cookie, what ingress-nginx sends without max-age/expires. The
// cookie has no domain attribute in kgateway.
bool act_cookie_affinity(const Ctx& c) {
  CookieAffinity affinity;
  if (!read_cookie_affinity(c, affinity)) return false;
  Json cookie = {{"name", affinity.name}, {"ttl", seconds_hms(affinity.ttl_seconds)}};
  if (affinity.path) cookie["path"] = *affinity.path;
  if (affinity.secure) cookie["secure"] = true;
  if (affinity.same_site) cookie["sameSite"] = *affinity.same_site;
  ring_hash(c, {{"cookie", cookie}});
  return true;
}

// ssl-ciphers -> tls.options kgateway.dev/cipher-suites of the host's HTTPS
// listeners: Envoy cipher names, comma-separated (translator/sslutils
// ApplyCipherSuites). apply_target picks the oldest Ingress of a listener.
bool act_listener_ciphers(const Ctx& c) {
  if (c.draft.https_listeners.empty())
    return c.reject("no host of this Ingress has a tls entry, so its Gateway has no HTTPS listener");
  std::vector<std::string> ciphers;
  if (!read_envoy_ciphers(c, ciphers)) return false;
  c.draft.listener_options.emplace_back("kgateway.dev/cipher-suites", join(ciphers, ","));
  c.draft.listener_options_source = c.annotation.location;
  return true;
}

// Contour's TLS versions -> tls.options kgateway.dev/min-tls-version and
// max-tls-version of the hosts' HTTPS listeners, "1.2" or "1.3" as kgateway
// reads them (translator/sslutils ApplyTLSExtensionOptions).
bool act_listener_tls_version(const Ctx& c) {
  ContourTlsVersion version;
  if (!read_contour_tls_version(c, version)) return false;
  c.draft.listener_options.emplace_back(
      version.minimum ? "kgateway.dev/min-tls-version" : "kgateway.dev/max-tls-version", version.value);
  if (!c.draft.listener_options_source.origin) c.draft.listener_options_source = c.annotation.location;
  return true;
}

// enable-opentelemetry: false turns tracing off for the routes
// (route_tracing.go); true is the Gateway's tracing, nothing to write.
bool act_route_tracing(const Ctx& c) {
  const std::string& v = c.annotation.value;
  if (v != "true" && v != "false") return c.reject("expected true or false");
  if (v == "false") c.spec()["tracing"] = {{"disable", Json::object()}};
  return true;
}

const std::vector<TargetAction>& actions() {
  static const std::vector<TargetAction> kActions = {
    {"kgw-acl-allow", "acl: allow these clients, deny others", act_acl},
    {"kgw-acl-deny", "acl: deny these clients", act_acl},
    {"kgw-always-set-cookie", "Set-Cookie of the auth answer also on refusals", act_always_set_cookie},
    {"kgw-auth-keepalive", "connection reuse toward the auth Service", act_auth_keepalive},
    {"kgw-auth-proxy-set-headers", "headers of the auth request from a ConfigMap", act_auth_proxy_set_headers},
    {"kgw-auth-request-redirect", "X-Auth-Request-Redirect of the auth request", act_auth_request_redirect},
    {"kgw-auth-response-headers", "headers of the auth answer copied to the backend request",
     act_auth_response_headers},
    {"kgw-basic-auth", "basicAuth from auth-type basic and auth-secret", act_basic_auth},
    {"kgw-body-size", "request body limit (buffered)", act_body_size},
    {"kgw-buffer-limit", "per-connection buffer toward the backend Service", act_buffer_limit},
    {"kgw-cookie-affinity", "ring hash on the affinity cookie", act_cookie_affinity},
    {"kgw-ext-auth-url", "GatewayExtension extAuth to a cluster Service", act_ext_auth_url},
    {"kgw-hash-by", "ring hash on an nginx variable", act_hash_by},
    {"kgw-listener-ciphers", "cipher suites of the host's HTTPS listeners", act_listener_ciphers},
    {"kgw-listener-tls-version", "lowest or highest TLS version of the host's HTTPS listeners",
     act_listener_tls_version},
    {"kgw-load-balance", "load balancing of the backend Service", act_load_balance},
    {"kgw-rate-limit", "local token bucket of the routes", act_rate_limit},
    {"kgw-retry", "retry triggers, attempts and per-try timeout", act_retry},
    {"kgw-route-tracing", "tracing switched off for the routes", act_route_tracing},
  };
  return kActions;
}

}  // namespace

const std::vector<TargetAction>& kgateway_target_actions() { return actions(); }

}  // namespace im
