// The Traefik target actions. Fields from the Middleware and TraefikService
// CRDs (traefik.io/v1alpha1, docs/content/reference/dynamic-configuration/
// traefik.io_{middlewares,traefikservices}.yaml at v3.7.9) and what the middlewares do with
// them (pkg/middlewares/{ipallowlist,ratelimiter,inflightreq,auth,buffering,
// retry}); ingress-nginx behaviour from internal/ingress/annotations/*/main.go
// and rootfs/etc/nginx/template/nginx.tmpl.

#include "targets/traefik_actions.h"

#include <fmt/format.h>

#include <algorithm>

#include "model/traefik_middleware_ref.h"
#include "targets/nginx_readers.h"
#include "util/text.h"

namespace im {
namespace {

using Json = nlohmann::ordered_json;
using Ctx = TargetActionContext;

Json& middleware(const Ctx& c, const char* type) { return c.spec()[type]; }

// allowlist-source-range (or its twin whitelist-source-range) ->
// ipAllowList.sourceRange. Traefik answers 403 to other clients, and reads
// the client from the connection's peer unless an ipStrategy says otherwise
// (ipallowlist/ip_allowlist.go, dynamic.IPStrategy.Get), as nginx's allow
// read $remote_addr. There is no deny list middleware: denylist-source-range
// keeps its verdict.
bool act_ip_allowlist(const Ctx& c) {
  SourceRanges ranges;
  if (!read_source_ranges(c, ranges)) return false;
  if (ranges.allow.empty()) return false;  // the list that wins was unreadable and reports itself
  middleware(c, "ipAllowList") = {{"sourceRange", ranges.allow}};
  return true;
}

// limit-rps / limit-rpm / limit-burst-multiplier -> rateLimit: average per
// period, burst = rate x multiplier (annotations/ratelimit/main.go, default
// multiplier 5), per client address (ratelimiter: the default
// sourceCriterion is the peer address). One rateLimit per Ingress, so
// limit-rps wins over limit-rpm.
bool act_rate_limit(const Ctx& c) {
  RateLimit limit;
  if (!read_rate_limit(c, "one rateLimit middleware is written per Ingress", limit)) return false;
  middleware(c, "rateLimit") = {
      {"average", limit.rate}, {"period", limit.per_minute ? "1m" : "1s"}, {"burst", limit.burst}};
  return true;
}

// limit-connections -> inFlightReq per client address. Its default source
// is the request's host (inflightreq/inflight_req.go), so the peer address
// is asked for explicitly: an ipStrategy without depth or excluded IPs.
bool act_in_flight(const Ctx& c) {
  uint64_t n = 0;
  if (!whole_number(c.annotation.value, n) || n == 0) return c.reject("expected a positive number of connections");
  middleware(c, "inFlightReq") = {{"amount", n}, {"sourceCriterion", {{"ipStrategy", {{"depth", 0}}}}}};
  return true;
}

// auth-type basic + auth-secret (+ auth-realm) -> basicAuth. Traefik reads
// a Secret that is not of type basic-auth from its only key, line by line
// (crd/kubernetes.go loadAuthCredentials), in the Middleware's namespace.
bool act_basic_auth(const Ctx& c) {
  if (c.rule.key == "auth-secret-type" && c.annotation.value != "auth-file") {
    if (c.annotation.value == "auth-map")
      return c.reject("an auth-map Secret must be rewritten as one key of htpasswd lines");
    return c.reject("expected auth-file or auth-map");
  }
  std::string ns, name;
  if (!read_basic_auth(c, "Traefik", ns, name)) return false;
  if (!ns.empty())
    return c.reject(fmt::format("Traefik reads the Secret from the Middleware's namespace {}, not {}", c.ingress.ns, ns));
  Json auth = {{"secret", name}};
  // ingress-nginx's default realm (annotations/auth/main.go) is what it
  // sent without auth-realm; Traefik's own default is "traefik".
  const Annotation* realm = c.sibling("auth-realm");
  auth["realm"] = realm && !realm->value.empty() ? realm->value : "Authentication Required";
  middleware(c, "basicAuth") = auth;
  return true;
}

// A URL Traefik can call as written: http(s), no nginx variables.
bool literal_url(const Ctx& c, const std::string& v) {
  if (v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0) return c.reject("expected an http:// or https:// URL");
  if (v.find('$') != std::string::npos) return c.reject("nginx variables have no Traefik equivalent");
  if (std::any_of(v.begin(), v.end(), [](unsigned char ch) { return ch <= ' ' || ch == 0x7f; }))
    return c.reject("not a URL");
  return true;
}

// auth-url, auth-response-headers, auth-signin -> forwardAuth. The address
// is asked with GET (forward.go: preserveRequestMethod off), as nginx's
// auth_request subrequest.
bool act_forward_auth(const Ctx& c) {
  if (c.rule.key != "auth-url" && !needs_met(c)) return false;  // no auth-url converted: nothing to qualify
  const Annotation* url = c.sibling("auth-url");
  if (!url) return c.reject("needs auth-url");
  Findings quiet;
  const Ctx check{c.ingress, *url, c.rule, c.profile, c.options, c.draft, url == &c.annotation ? c.findings : quiet};
  if (!literal_url(check, url->value)) return false;
  Json& auth = middleware(c, "forwardAuth");
  auth["address"] = url->value;
  if (c.rule.key == "auth-response-headers") {
    std::vector<std::string> headers;
    if (!read_header_names(c, headers)) return false;
    auth["authResponseHeaders"] = headers;
  } else if (c.rule.key == "auth-signin") {
    if (!literal_url(c, c.annotation.value)) return false;
    auth["authSigninURL"] = c.annotation.value;
  }
  return true;
}

// auth-method: ingress-nginx's proxy_method for the auth request; Traefik
// sends GET or the client's method, nothing else.
bool act_auth_method(const Ctx& c) {
  if (c.annotation.value != "GET") return c.reject("Traefik asks the auth service with GET or the client's method only");
  return needs_met(c);
}

// proxy-body-size, client-body-buffer-size -> buffering (413 above
// maxRequestBodyBytes; memRequestBodyBytes is where it starts spooling to
// disk, as client_body_buffer_size).
bool act_buffering(const Ctx& c) {
  uint64_t bytes = 0;
  std::string why;
  if (!nginx_size_bytes(c.annotation.value, bytes, why)) return c.reject(why);
  const bool body_size = c.rule.key == "proxy-body-size";
  if (body_size && bytes == 0) return true;  // nginx's "no limit": no middleware
  middleware(c, "buffering")[body_size ? "maxRequestBodyBytes" : "memRequestBodyBytes"] = bytes;
  return true;
}

// proxy-next-upstream, -tries, -timeout -> retry. attempts counts the first
// try, as proxy_next_upstream_tries; timeout bounds the retries' total time,
// as proxy_next_upstream_timeout (retry.go). Unset keys take ingress-nginx's
// defaults ("error timeout", 3 tries, no time limit).
bool act_retry(const Ctx& c) {
  const Annotation* on = c.sibling("proxy-next-upstream");
  const Annotation* tries = c.sibling("proxy-next-upstream-tries");
  const Annotation* timeout = c.sibling("proxy-next-upstream-timeout");
  std::vector<std::string> codes;
  bool non_idempotent = false;
  bool off = false;
  if (on) {
    for (const std::string& token : split(on->value, ' ')) {
      if (token.empty() || token == "error" || token == "timeout" || token == "invalid_header") continue;
      if (token == "off") {
        off = true;
      } else if (token == "non_idempotent") {
        non_idempotent = true;
      } else if (uint64_t code = 0; token.rfind("http_", 0) == 0 && whole_number(token.substr(5), code) &&
                                    code >= 400 && code <= 599) {
        codes.push_back(std::to_string(code));
      } else {
        if (on == &c.annotation) return c.reject(fmt::format("unknown value {}", token));
        return false;
      }
    }
  }
  uint64_t attempts = 3;
  if (tries && (!whole_number(tries->value, attempts) || attempts == 0)) {
    if (tries == &c.annotation) return c.reject("expected a number of tries of at least 1 (0, unlimited, is not available)");
    return false;
  }
  std::string limit;
  if (timeout) {
    std::string why;
    if (!seconds_to_duration(timeout->value, limit, why)) {
      if (timeout == &c.annotation) return c.reject(why);
      return false;
    }
    if (limit == "0s") limit.clear();  // 0: no limit
  }
  if (off) return true;  // no retries: Traefik's behaviour without the middleware
  Json retry = {{"attempts", attempts}};
  if (!codes.empty()) retry["status"] = codes;
  if (non_idempotent) retry["retryNonIdempotentMethod"] = true;
  if (!limit.empty()) retry["timeout"] = limit;
  middleware(c, "retry") = retry;
  return true;
}

// The TraefikService draft holds the fields of one weighted service entry
// (a LoadBalancerSpec: crd/traefikio/v1alpha1/ingressroute.go), which
// traefik_services.cc copies onto each backend Service of the Ingress.
Json& load_balancer(const Ctx& c) { return c.spec(); }

// affinity: cookie and session-cookie-* -> sticky.cookie of the Service's
// load balancer (crd/kubernetes_http.go buildServersLB copies it;
// loadbalancer/sticky.go writes it). ingress-nginx's cookie (lua
// balancer/sticky.lua set_cookie) is HttpOnly, named INGRESSCOOKIE by
// default (annotations/sessionaffinity/main.go), a session cookie without
// max-age/expires: Traefik omits Max-Age when maxAge is 0, as Go's
// http.Cookie does.
bool act_sticky(const Ctx& c) {
  CookieAffinity affinity;
  if (!read_cookie_affinity(c, affinity)) return false;
  if (affinity.domain && !cookie_attribute_value(*affinity.domain)) {
    // net/http drops an invalid Domain attribute without a word.
    if (c.rule.key == "session-cookie-domain") return c.reject("not a cookie domain");
    affinity.domain.reset();  // session-cookie-domain reports itself
  }
  Json cookie = {{"name", affinity.name}, {"httpOnly", true}};
  if (affinity.ttl_seconds) cookie["maxAge"] = affinity.ttl_seconds;
  if (affinity.path) cookie["path"] = *affinity.path;
  if (affinity.domain) cookie["domain"] = *affinity.domain;
  if (affinity.same_site) cookie["sameSite"] = *affinity.same_site;
  if (affinity.secure) cookie["secure"] = true;
  load_balancer(c)["sticky"] = {{"cookie", cookie}};
  return true;
}

// load-balance -> strategy: round_robin is wrr (Traefik's default, written
// so the choice shows); ewma, nginx's latency-weighted pick of two
// (balancer/ewma.lua), comes closest to leasttime, which picks the server
// with the lowest average time to first byte over its last 100 answers
// (loadbalancer/leasttime/leasttime.go).
bool act_strategy(const Ctx& c) {
  Balancer balancer;
  if (!read_load_balance(c, balancer)) return false;
  load_balancer(c)["strategy"] = balancer == Balancer::Ewma ? "leasttime" : "wrr";
  return true;
}

// upstream-hash-by $remote_addr -> strategy hrw: highest random weight on
// the connection's peer address (loadbalancer/hrw/hrw.go reads it through
// ip.RemoteAddrStrategy), so one client keeps one server while the servers
// stay. Other nginx variables have no Traefik strategy.
bool act_hash_strategy(const Ctx& c) {
  if (const Annotation* a = c.sibling("affinity"); a && a->value == "cookie")
    return c.reject("affinity: cookie is set and takes precedence, as in ingress-nginx");
  const std::string& v = c.annotation.value;
  if (v != "$remote_addr" && v != "$binary_remote_addr")
    return c.reject("Traefik's hrw strategy hashes only the client address ($remote_addr)");
  load_balancer(c)["strategy"] = "hrw";
  return true;
}

// Traefik's own router.middlewares, served by Traefik again: its Gateway
// API provider runs a Middleware an HTTPRoute rule names in an ExtensionRef
// filter (pkg/provider/kubernetes/gateway/httproute.go loadMiddlewares), so
// the user's Middleware objects run unchanged, in the same order, whatever
// their type. An ExtensionRef is a LocalObjectReference: only Middlewares in
// the routes' namespace can be named. Where one cannot, the Ingress keeps
// the standard conversion of all its middlewares (mixing the two would
// change their order).
bool act_middleware_refs(const Ctx& c) {
  std::vector<std::string> names;
  std::vector<const TraefikMiddleware*> chain;
  std::string stripped_by, redirect_after_strip;
  auto keep_standard = [&](const std::string& why) {
    c.findings.warning(c.annotation.location,
                       fmt::format("{}: not referenced for {}: {}; the standard conversion of this Ingress's "
                                   "middlewares applies",
                                   c.annotation.key, c.profile.project, why),
                       "traefik-router-middlewares");
    return false;
  };
  for (const TraefikMiddlewareRef& ref : traefik_middleware_refs(c.annotation.value)) {
    if (ref.provider != "kubernetescrd") {
      return keep_standard(fmt::format("\"{}\" is not a Kubernetes CRD Middleware (NAMESPACE-NAME@kubernetescrd), "
                                       "which an HTTPRoute cannot name",
                                       ref.text));
    }
    const TraefikMiddleware* m =
        c.draft.traefik_middlewares ? find_traefik_middleware(*c.draft.traefik_middlewares, ref) : nullptr;
    if (!m) return keep_standard(fmt::format("Middleware \"{}\" is not in the input", ref.text));
    if (m->ns != c.draft.ns) {
      return keep_standard(fmt::format("Middleware {}/{} is in another namespace than the routes ({}), and an "
                                       "ExtensionRef names one in the route's own namespace: copy it there",
                                       m->ns, m->name, c.draft.ns));
    }
    names.push_back(m->name);
    chain.push_back(m);
    // The standard conversion's redirect stays (traefik_middleware_refs.h);
    // strip_prefix.go sets RequestURI to the stripped path, which
    // redirect.go built Traefik's Location from.
    if (m->type == "stripPrefix" && stripped_by.empty()) stripped_by = m->ns + "/" + m->name;
    if (m->type == "redirectScheme" && m->value == "https" && (m->port.empty() || m->port == "443") &&
        !stripped_by.empty()) {
      redirect_after_strip = fmt::format(
          "{}: Middleware {}/{} redirects after {} stripped its prefix, so Traefik's Location had the stripped "
          "path (http://h/api/x went to https://h/x); the HTTP listener's redirect keeps the request's path",
          c.annotation.key, m->ns, m->name, stripped_by);
    }
  }
  if (names.empty()) return false;  // an empty list: nothing ran, nothing to judge
  // HTTPRouteRule.filters: +kubebuilder:validation:MaxItems=16.
  constexpr size_t kMaxRuleFilters = 16;
  if (names.size() > kMaxRuleFilters) {
    return keep_standard(fmt::format("the router runs {} Middlewares, and a route rule holds at most {} filters",
                                     names.size(), kMaxRuleFilters));
  }
  if (!redirect_after_strip.empty())
    c.findings.warning(c.annotation.location, redirect_after_strip, "traefik-router-middlewares");
  for (const TraefikMiddleware* m : chain) {
    // Traefik v3 reads Middlewares of group traefik.io only (its v2 to v3
    // migration notes: traefik.containo.us was removed).
    if (m->api_version == c.profile.api_version) continue;
    c.findings.warning(m->location,
                       fmt::format("Middleware {}/{} is {}, which {} {} no longer reads: apply it as {} for the "
                                   "ExtensionRef that names it",
                                   m->ns, m->name, m->api_version, c.profile.project, c.profile.version,
                                   c.profile.api_version),
                       "traefik-router-middlewares");
  }
  c.draft.traefik_middleware_refs = std::move(names);
  return true;
}

}  // namespace

const std::vector<std::string>& traefik_middleware_order() {
  static const std::vector<std::string> kOrder = {"rateLimit", "inFlightReq", "ipAllowList", "basicAuth",
                                                  "forwardAuth", "buffering",  "retry"};
  return kOrder;
}

const std::vector<TargetAction>& traefik_target_actions() {
  static const std::vector<TargetAction> kActions = {
      {"traefik-auth-method", "the auth request's method (GET only)", act_auth_method},
      {"traefik-basic-auth", "basicAuth from auth-type basic and auth-secret", act_basic_auth},
      {"traefik-buffering", "request body limit and in-memory size (buffered)", act_buffering},
      {"traefik-hash-strategy", "hrw: one server per client address", act_hash_strategy},
      {"traefik-forward-auth", "forwardAuth to the auth URL", act_forward_auth},
      {"traefik-in-flight", "concurrent requests per client address", act_in_flight},
      {"traefik-ip-allowlist", "ipAllowList: only these client ranges", act_ip_allowlist},
      {"traefik-middleware-refs", "the router's own Middlewares, named by ExtensionRef filters", act_middleware_refs},
      {"traefik-rate-limit", "rate limit per client address", act_rate_limit},
      {"traefik-retry", "retries: attempts, status codes and time limit", act_retry},
      {"traefik-sticky", "sticky cookie of the backend Service's load balancer", act_sticky},
      {"traefik-strategy", "load-balancing strategy of the backend Service", act_strategy},
  };
  return kActions;
}

}  // namespace im
