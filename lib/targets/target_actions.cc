// The target actions: what each profile rule does with its annotation.
// Behaviour of ingress-nginx is read from its sources (annotations in
// internal/ingress/annotations/*/main.go, the directives they become in
// rootfs/etc/nginx/template/nginx.tmpl); the fields they become from the
// implementations' CRD types at the pinned release (rules/targets/*.yaml).

#include "targets/target_actions.h"

#include <fmt/format.h>

#include <algorithm>

#include "convert/filter_set.h"
#include "targets/eg_listener_actions.h"
#include "targets/haproxy_actions.h"
#include "targets/istio_actions.h"
#include "targets/kgw_actions.h"
#include "targets/kong_plugin_actions.h"
#include "targets/gke_actions.h"
#include "targets/lbc_actions.h"
#include "targets/traefik_actions.h"
#include "targets/nginx_readers.h"
#include "util/text.h"

namespace im {

using Json = nlohmann::ordered_json;

const Annotation* TargetActionContext::sibling(const std::string& key) const {
  if (rule.family == "ingress-nginx") return ingress.annotation(options.nginx_prefix + "/" + key);
  for (const std::string& prefix : draft.family_prefixes) {
    if (const Annotation* a = ingress.annotation(prefix + key)) return a;
  }
  return nullptr;
}

Json& TargetActionContext::spec_of(const std::string& kind) const {
  draft.sources.emplace(kind, annotation.location);
  Json& s = draft.specs[kind];
  if (s.is_null()) s = Json::object();
  return s;
}

bool TargetActionContext::reject(const std::string& why) const {
  findings.error(annotation.location,
                 fmt::format("{}: \"{}\" cannot be converted for {}: {}; left out", annotation.key,
                             annotation.value, profile.project, why),
                 "target-value-invalid");
  return false;
}

namespace {

using Ctx = TargetActionContext;

Json scalar(const std::string& v) {
  if (v == "true") return true;
  if (v == "false") return false;
  return v;
}

// Nothing to write: the verdict says what differs. With params.needs (keys,
// comma-separated), the note only holds where one of those keys converts on
// the same Ingress (auth-realm qualifies basicAuth, and means nothing
// without it); that is checked on a scratch draft, quietly, since the key
// reports its own faults.
bool act_note(const Ctx& c) { return needs_met(c); }

}  // namespace

bool needs_met(const TargetActionContext& c) {
  auto needs = c.rule.params.find("needs");
  if (needs == c.rule.params.end()) return true;
  for (const std::string& key : split(needs->second, ',')) {
    const Annotation* main = c.sibling(key);
    const TargetRule* main_rule = c.profile.rule_for(c.rule.family, key);
    if (!main || !main_rule) continue;
    IngressDraft scratch = c.draft;
    Findings quiet;
    const TargetActionContext check{c.ingress, *main, *main_rule, c.profile, c.options, scratch, quiet};
    if (find_target_action(main_rule->action)->fn(check)) return true;
  }
  return false;
}

namespace {

// Written from the route rules by apply_target (regex rewrites), not from
// the annotation: nothing to do here.
bool act_route_rules(const Ctx&) { return false; }

// A value that is already the implementation's behaviour: nothing to write.
// params.accept lists those values (comma-separated); any other value is
// not available there and is reported at the annotation.
bool act_accept(const Ctx& c) {
  const std::vector<std::string> accepted = split(c.rule.params.at("accept"), ',');
  if (std::find(accepted.begin(), accepted.end(), c.annotation.value) != accepted.end()) return true;
  return c.reject(fmt::format("only {} is available", join(accepted, ", ")));
}

// Comma-separated items, trimmed, none empty ("a, b" -> {"a", "b"}).
bool comma_items(const std::string& v, std::vector<std::string>& out, std::string& why) {
  for (const std::string& item : split(v, ',')) {
    const std::string t = trim(item);
    if (t.empty()) {
      why = "an empty item in the list";
      return false;
    }
    out.push_back(t);
  }
  if (out.empty()) why = "an empty list";
  return !out.empty();
}

// The value as written, for the transforms that only reshape it (the AWS
// Load Balancer Controller's annotation forms, pkg/annotations/parser.go:
// lists "a,b", maps "k=v,k2=v2"): text (params.max-length), bool, list,
// subnets ([{identifier}]), key-values ([{key, value}]) and string-map.
bool plain_value(const Ctx& c, const std::string& raw, Json& out, std::string& why) {
  const std::string& t = c.rule.transform;
  const std::string v = trim(raw);
  if (t == "text") {
    const auto max = c.rule.params.find("max-length");
    if (v.empty()) {
      why = "an empty value";
      return false;
    }
    if (max != c.rule.params.end() && v.size() > std::stoul(max->second)) {
      why = fmt::format("longer than {} characters", max->second);
      return false;
    }
    out = v;
    return true;
  }
  if (t == "bool") {
    if (v != "true" && v != "false") {
      why = "expected true or false";
      return false;
    }
    out = v == "true";
    return true;
  }
  std::vector<std::string> items;
  if (!comma_items(v, items, why)) return false;
  if (t == "list") {
    out = items;
    return true;
  }
  if (t == "subnets") {
    out = Json::array();
    for (const auto& item : items) out.push_back({{"identifier", item}});
    return true;
  }
  out = t == "string-map" ? Json::object() : Json::array();
  for (const auto& item : items) {
    const size_t eq = item.find('=');
    const std::string key = trim(item.substr(0, eq));
    if (eq == std::string::npos || key.empty()) {
      why = fmt::format("\"{}\" is not key=value", escape_control(item));
      return false;
    }
    const std::string value = trim(item.substr(eq + 1));
    if (t == "string-map") {
      out[key] = value;
    } else {
      out.push_back({{"key", key}, {"value", value}});
    }
  }
  return true;
}

// Writes the transformed value at rule.field (and the `also` constants).
bool act_set(const Ctx& c) {
  const std::string& v = c.annotation.value;
  const std::string& t = c.rule.transform;
  std::string why;
  std::string text;
  Json value;
  uint64_t n = 0;
  if (t == "seconds") {
    if (!seconds_to_duration(v, text, why)) return c.reject(why);
    value = text;
  } else if (t == "quantity" || t == "quantity-bytes") {
    if (!nginx_size_to_quantity(v, text, why)) return c.reject(why);
    value = text;
  } else if (t == "nginx-size") {
    if (!nginx_size_to_ngf(v, text, why)) return c.reject(why);
    value = text;
  } else if (t == "tries-to-retries") {
    // proxy_next_upstream_tries counts the first try; 0 means unlimited.
    if (!whole_number(v, n) || n == 0) return c.reject("expected a number of tries of at least 1");
    value = n - 1;
  } else if (t == "int") {
    if (!whole_number(v, n)) return c.reject("expected a whole number");
    value = n;
  } else if (t == "text" || t == "bool" || t == "list" || t == "subnets" || t == "key-values" ||
             t == "string-map") {
    if (!plain_value(c, v, value, why)) return c.reject(why);
  } else if (t == "map") {
    auto it = c.rule.values.find(v);
    if (it == c.rule.values.end()) {
      std::vector<std::string> known;
      for (const auto& [k, _] : c.rule.values) known.push_back(k);
      return c.reject(fmt::format("supported values: {}", join(known, ", ")));
    }
    value = scalar(it->second);
  } else {
    return c.reject(fmt::format("unknown transform {}", t));
  }
  Json& spec = c.spec();
  set_path(spec, c.rule.field, value);
  for (const auto& [path, constant] : c.rule.also) set_path(spec, path, scalar(constant));
  return true;
}

// --- Envoy Gateway ----------------------------------------------------------

// auth-type basic + auth-secret -> SecurityPolicy basicAuth.users
// (ingress-nginx internal/ingress/annotations/auth/main.go).
bool act_eg_basic_auth(const Ctx& c) {
  std::string ns, name;
  if (!read_basic_auth(c, "Envoy Gateway", ns, name)) return false;
  Json users = {{"name", name}};
  if (!ns.empty()) users["namespace"] = ns;
  c.spec()["basicAuth"] = {{"users", users}};
  return true;
}

bool act_eg_auth_secret_type(const Ctx& c) {
  if (c.annotation.value != "auth-file" && c.annotation.value != "auth-map")
    return c.reject("expected auth-file or auth-map");
  return act_eg_basic_auth(c);
}

// auth-url http://SVC.NS.svc[.cluster.local][:PORT]/PATH -> extAuth.http.
bool act_eg_ext_auth_url(const Ctx& c) {
  AuthService service;
  if (!read_auth_url(c, service)) return false;
  Json ref = {{"name", service.name}, {"port", service.port}};
  if (!service.ns.empty()) ref["namespace"] = service.ns;
  Json& http = c.spec()["extAuth"]["http"];
  http["backendRefs"] = Json::array({ref});
  // ingress-nginx calls exactly this path; Envoy's `path` would append the
  // client's path to it, pathOverride does not.
  http["pathOverride"] = service.path;
  return true;
}

bool act_eg_auth_response_headers(const Ctx& c) {
  if (!needs_met(c)) return false;  // no auth-url converted: nothing to qualify
  std::vector<std::string> headers;
  if (!read_header_names(c, headers)) return false;
  c.spec()["extAuth"]["http"]["headersToBackend"] = headers;
  return true;
}

// Source ranges -> authorization rules. ingress-nginx checks the denylist
// before the allowlist (ipdenylist runs first in the location), and Envoy
// Gateway takes the first matching rule, so deny rules come first.
bool add_source_rule(const Ctx& c, const char* action, const char* name) {
  std::vector<std::string> cidrs;
  if (!read_own_source_list(c, cidrs)) return false;
  Json& authz = c.spec()["authorization"];
  Json rule = {{"name", name}, {"action", action}, {"principal", {{"clientCIDRs", cidrs}}}};
  Json rules = Json::array();
  if (authz.contains("rules")) rules = authz["rules"];
  for (auto it = rules.begin(); it != rules.end(); ++it) {
    if ((*it)["name"] == name) {
      rules.erase(it);
      break;
    }
  }
  if (std::string(action) == "Deny") {
    rules.insert(rules.begin(), rule);
  } else {
    rules.push_back(rule);
  }
  bool any_allow = false;
  for (const auto& r : rules) any_allow = any_allow || r["action"] == "Allow";
  authz["defaultAction"] = any_allow ? "Deny" : "Allow";
  authz["rules"] = rules;
  return true;
}

bool act_eg_source_range_allow(const Ctx& c) { return add_source_rule(c, "Allow", "allow-source-range"); }

bool act_eg_source_range_deny(const Ctx& c) { return add_source_rule(c, "Deny", "deny-source-range"); }

// Exempt clients (limit-allowlist / limit-whitelist): every rate rule only
// counts clients outside them (sourceCIDR invert).
bool exempt_cidrs(const Ctx& c, std::vector<std::string>& out) {
  std::string why;
  for (const char* key : {"limit-allowlist", "limit-whitelist"}) {
    if (const Annotation* a = c.sibling(key)) {
      if (!cidr_list(a->value, out, why)) return false;
      return true;  // limit-allowlist wins when both are set
    }
  }
  return true;
}

Json client_rule(const std::string& all_clients, const std::vector<std::string>& exempt, Json limit) {
  Json selectors = Json::array({{{"sourceCIDR", {{"type", "Distinct"}, {"value", all_clients}}}}});
  for (const auto& cidr : exempt) selectors.push_back({{"sourceCIDR", {{"value", cidr}, {"invert", true}}}});
  return {{"clientSelectors", selectors}, {"limit", limit}};
}

// limit-rps / limit-rpm -> a local rate limit per client address, one rule
// for IPv4 and one for IPv6 clients (a CIDR matches one family).
// ingress-nginx: internal/ingress/annotations/ratelimit/main.go.
bool act_eg_rate_limit(const Ctx& c) {
  uint64_t n = 0;
  if (!whole_number(c.annotation.value, n) || n == 0) return c.reject("expected a positive number of requests");
  std::vector<std::string> exempt;
  if (!exempt_cidrs(c, exempt)) return c.reject("limit-allowlist holds something that is not an address range");
  Json& local = c.spec()["rateLimit"]["local"];
  if (!local.contains("rules")) local["rules"] = Json::array();
  const Json limit = {{"requests", n}, {"unit", c.rule.params.at("unit")}};
  for (const char* all : {"0.0.0.0/0", "::/0"}) local["rules"].push_back(client_rule(all, exempt, limit));
  return true;
}

bool act_eg_rate_limit_exempt(const Ctx& c) {
  std::vector<std::string> cidrs;
  std::string why;
  if (!cidr_list(c.annotation.value, cidrs, why)) return c.reject(why);
  if (!c.sibling("limit-rps") && !c.sibling("limit-rpm")) return c.reject("needs limit-rps or limit-rpm");
  return true;
}

// global-rate-limit + -window + -key + -ignored-cidrs -> rateLimit.global.
bool act_eg_global_rate_limit(const Ctx& c) {
  uint64_t n = 0;
  if (!whole_number(c.annotation.value, n) || n == 0) return c.reject("expected a positive number of requests");
  const Annotation* window = c.sibling("global-rate-limit-window");
  static const std::pair<const char*, const char*> kUnits[] = {
      {"1s", "Second"}, {"1m", "Minute"}, {"1h", "Hour"}, {"1d", "Day"}};
  const char* unit = nullptr;
  for (const auto& [w, u] : kUnits) {
    if (window && window->value == w) unit = u;
  }
  if (!unit) return c.reject("global-rate-limit-window must be 1s, 1m, 1h or 1d (the units Envoy Gateway has)");
  const Annotation* key = c.sibling("global-rate-limit-key");
  const std::string k = key ? key->value : "$remote_addr";
  std::vector<std::string> exempt;
  std::string why;
  if (const Annotation* ignored = c.sibling("global-rate-limit-ignored-cidrs")) {
    if (!cidr_list(ignored->value, exempt, why)) return c.reject("global-rate-limit-ignored-cidrs: " + why);
  }
  const Json limit = {{"requests", n}, {"unit", unit}};
  Json rules = Json::array();
  if (k == "$remote_addr" || k == "$binary_remote_addr") {
    for (const char* all : {"0.0.0.0/0", "::/0"}) rules.push_back(client_rule(all, exempt, limit));
  } else if (k.rfind("$http_", 0) == 0 && k.size() > 6) {
    std::string header = k.substr(6);
    std::replace(header.begin(), header.end(), '_', '-');
    Json selectors = Json::array({{{"headers", Json::array({{{"name", header}, {"type", "Distinct"}}})}}});
    for (const auto& cidr : exempt) selectors.push_back({{"sourceCIDR", {{"value", cidr}, {"invert", true}}}});
    rules.push_back({{"clientSelectors", selectors}, {"limit", limit}});
  } else {
    return c.reject(fmt::format("global-rate-limit-key {} has no Envoy Gateway selector ($remote_addr and "
                                "$http_NAME have)", k));
  }
  c.spec()["rateLimit"]["global"]["rules"] = rules;
  return true;
}

// proxy-next-upstream -> retry.retryOn (nginx proxy_next_upstream values).
bool act_eg_retry_on(const Ctx& c) {
  RetryTriggers retry;
  if (!read_retry_triggers(c, c.annotation.value, retry)) return false;
  if (retry.off) {
    c.spec()["retry"]["numRetries"] = 0;
    return true;
  }
  Json& retry_on = c.spec()["retry"]["retryOn"];
  retry_on["triggers"] = retry.triggers;
  if (!retry.status_codes.empty()) retry_on["httpStatusCodes"] = retry.status_codes;
  return true;
}

// upstream-hash-by -> loadBalancer consistentHash (balancer.lua chash).
bool act_eg_hash_by(const Ctx& c) {
  HashKey key;
  if (!read_hash_key(c, "Envoy Gateway", key)) return false;
  Json hash;
  switch (key.kind) {
    case HashKey::Kind::SourceIP:
      hash = {{"type", "SourceIP"}};
      break;
    case HashKey::Kind::Header:
      hash = {{"type", "Header"}, {"header", {{"name", key.name}}}};
      break;
    case HashKey::Kind::Cookie:
      hash = {{"type", "Cookie"}, {"cookie", {{"name", key.name}}}};
      break;
  }
  c.spec()["loadBalancer"] = {{"type", "ConsistentHash"}, {"consistentHash", hash}};
  return true;
}

// affinity: cookie and session-cookie-* -> a consistent hash on the cookie
// (ingress-nginx sticky balancer, annotations/sessionaffinity/main.go).
bool act_eg_cookie_affinity(const Ctx& c) {
  CookieAffinity affinity;
  if (!read_cookie_affinity(c, affinity)) return false;
  // Envoy only issues the cookie when a TTL is set; 0s makes it a session
  // cookie, which is what ingress-nginx sends without max-age/expires.
  Json cookie = {{"name", affinity.name}, {"ttl", seconds_hms(affinity.ttl_seconds)}};
  Json attributes = Json::object();
  if (affinity.path) attributes["Path"] = *affinity.path;
  if (affinity.domain) attributes["Domain"] = *affinity.domain;
  if (affinity.same_site) attributes["SameSite"] = *affinity.same_site;
  if (affinity.secure) attributes["Secure"] = "";
  if (!attributes.empty()) cookie["attributes"] = attributes;
  c.spec()["loadBalancer"] = {{"type", "ConsistentHash"},
                              {"consistentHash", {{"type", "Cookie"}, {"cookie", cookie}}}};
  return true;
}

// proxy-read-timeout / proxy-send-timeout -> one stream idle timeout, the larger.
bool act_eg_stream_idle_timeout(const Ctx& c) {
  uint64_t longest = 0;
  for (const char* key : {"proxy-read-timeout", "proxy-send-timeout"}) {
    uint64_t n = 0;
    const Annotation* a = c.sibling(key);
    if (!a) continue;
    if (!whole_number(a->value, n)) {
      if (a == &c.annotation) return c.reject("expected whole seconds");
      continue;
    }
    longest = std::max(longest, n);
  }
  c.spec()["timeout"]["http"]["streamIdleTimeout"] = seconds_hms(longest);
  return true;
}

// --- NGINX Gateway Fabric ---------------------------------------------------

// auth-type basic + auth-secret (+ auth-realm) -> AuthenticationFilter; NGF
// reads the htpasswd lines from key "auth", as ingress-nginx does.
bool act_ngf_basic_auth(const Ctx& c) {
  std::string ns, name;
  if (!read_basic_auth(c, "NGINX Gateway Fabric", ns, name)) return false;
  if (const Annotation* st = c.sibling("auth-secret-type"); st && st->value == "auth-map") {
    if (st == &c.annotation) return c.reject("an auth-map Secret must be rewritten as one auth key of htpasswd lines");
  }
  if (!ns.empty()) return c.reject("NGF reads the Secret from the route's namespace only");
  const Annotation* realm = c.sibling("auth-realm");
  Json& spec = c.spec();
  spec["type"] = "Basic";
  spec["basic"] = {{"secretRef", {{"name", name}}},
                   {"realm", realm && !realm->value.empty() ? realm->value : "Authentication Required"}};
  return true;
}

// limit-rps / limit-rpm / limit-burst-multiplier -> RateLimitPolicy: the
// limit_req zone ingress-nginx writes (key $binary_remote_addr, burst =
// rate x multiplier, nodelay, status 503: ratelimit/main.go, nginx.tmpl).
bool act_ngf_rate_limit(const Ctx& c) {
  uint64_t multiplier = 5;
  if (const Annotation* m = c.sibling("limit-burst-multiplier")) {
    if (!whole_number(m->value, multiplier) || multiplier == 0) {
      if (m == &c.annotation) return c.reject("expected a positive whole number");
      multiplier = 5;
    }
  }
  Json rules = Json::array();
  for (const auto& [key, unit] : {std::pair<const char*, const char*>{"limit-rps", "s"}, {"limit-rpm", "m"}}) {
    const Annotation* a = c.sibling(key);
    uint64_t n = 0;
    if (!a) continue;
    if (!whole_number(a->value, n) || n == 0) {
      if (a == &c.annotation) return c.reject("expected a positive number of requests");
      continue;
    }
    rules.push_back({{"key", "$binary_remote_addr"},
                     {"rate", fmt::format("{}r/{}", n, unit)},
                     {"burst", n * multiplier},
                     {"noDelay", true},
                     {"zoneSize", "5m"}});
  }
  if (rules.empty()) return c.reject("needs limit-rps or limit-rpm");
  Json& spec = c.spec();
  spec["rateLimit"] = {{"local", {{"rules", rules}}}, {"rejectCode", 503}};
  return true;
}

// proxy-buffer-size / proxy-buffers-number: ingress-nginx writes
// proxy_buffer_size SIZE and proxy_buffers NUMBER SIZE with the same size.
bool act_ngf_buffers(const Ctx& c) {
  std::string size = "4k", why;
  if (const Annotation* s = c.sibling("proxy-buffer-size")) {
    if (!nginx_size_to_ngf(s->value, size, why)) {
      if (s == &c.annotation) return c.reject(why);
      size = "4k";
    }
  }
  uint64_t number = 4;
  if (const Annotation* n = c.sibling("proxy-buffers-number")) {
    if (!whole_number(n->value, number) || number < 2) {
      if (n == &c.annotation) return c.reject("expected at least 2 buffers");
      number = 4;
    }
  }
  Json& buffering = c.spec()["buffering"];
  buffering["bufferSize"] = size;
  if (c.sibling("proxy-buffers-number")) buffering["buffers"] = {{"number", number}, {"size", size}};
  return true;
}

bool act_ngf_hash_by(const Ctx& c) {
  const std::string& v = c.annotation.value;
  if (v.size() < 2 || v[0] != '$' || v.find_first_not_of("abcdefghijklmnopqrstuvwxyz_", 1) != std::string::npos)
    return c.reject("NGF hashes on one nginx variable such as $request_uri");
  Json& spec = c.spec();
  spec["loadBalancingMethod"] = "hash consistent";
  spec["hashMethodKey"] = v;
  return true;
}

// Directive annotations written as nginx into the Ingress's SnippetsFilter.
bool act_snippet(const Ctx& c) {
  if (!c.options.allow_snippets) {
    c.findings.warning(c.annotation.location,
                       fmt::format("{} needs a SnippetsFilter for {}: rerun with --allow-snippets to write it "
                                   "(raw nginx configuration; see CVE-2021-25742 and CVE-2025-1974)",
                                   c.annotation.key, c.profile.project),
                       "target-snippet-needed");
    return false;
  }
  const std::string& field = c.rule.field;
  const size_t eq = field.find('=');
  const std::string context = field.substr(eq + 1, field.size() - eq - 2);
  const std::string& v = c.annotation.value;
  std::string text;
  auto it = c.rule.params.find("directive");
  if (it == c.rule.params.end()) {
    text = v;  // configuration-snippet / server-snippet: as written
  } else {
    if (v.find_first_of(";{}\n#") != std::string::npos) return c.reject("the value would change the directive");
    const std::string& directive = it->second;
    std::string why;
    if (directive == "allow-list" || directive == "deny-list") {
      std::vector<std::string> cidrs;
      if (!cidr_list(v, cidrs, why)) return c.reject(why);
      for (const auto& cidr : cidrs) text += fmt::format("{} {};\n", directive == "allow-list" ? "allow" : "deny", cidr);
      if (directive == "allow-list") text += "deny all;";
    } else if (auto b = c.rule.params.find("bool"); b != c.rule.params.end()) {
      const size_t slash = b->second.find('/');
      if (v != "true" && v != "false") return c.reject("expected true or false");
      const std::string word = v == "true" ? b->second.substr(0, slash) : b->second.substr(slash + 1);
      if (word.empty()) return true;  // the implementation's default already
      text = fmt::format("{} {};", directive, word);
    } else {
      auto suffix = c.rule.params.find("suffix");
      text = fmt::format("{} {}{};", directive, v, suffix == c.rule.params.end() ? "" : suffix->second);
    }
  }
  std::string& snippet = c.draft.snippets[context];
  if (!snippet.empty()) snippet += "\n";
  snippet += trim(text);
  c.draft.sources.emplace(c.rule.kind, c.annotation.location);
  c.findings.warning(c.annotation.location,
                     fmt::format("{} is written as raw nginx into a SnippetsFilter ({} context): review it; "
                                 "NGF must run with snippets enabled, and snippets were the root of "
                                 "CVE-2021-25742 and CVE-2025-1974",
                                 c.annotation.key, context),
                     "target-snippet-written");
  return true;
}

const std::vector<TargetAction> kTargetActions = {
    {"accept", "nothing to write: the value is the implementation's behaviour", act_accept},
    {"eg-auth-keepalive", "connection reuse toward the auth Service", act_eg_auth_keepalive},
    {"eg-auth-response-headers", "extAuth headers copied to the backend request", act_eg_auth_response_headers},
    {"eg-auth-secret-type", "checks the htpasswd Secret layout", act_eg_auth_secret_type},
    {"eg-basic-auth", "basicAuth from auth-type basic and auth-secret", act_eg_basic_auth},
    {"eg-ciphers", "TLS cipher names of the host's HTTPS listener", act_eg_ciphers},
    {"eg-tls-versions", "lowest and highest TLS version of the host's HTTPS listener", act_eg_tls_versions},
    {"eg-client-cert", "client certificate validation on the host's HTTPS listener", act_eg_client_cert},
    {"eg-client-cert-detail", "a detail of a converted client certificate validation", act_eg_client_cert_detail},
    {"eg-cookie-affinity", "consistent hash on the affinity cookie", act_eg_cookie_affinity},
    {"eg-ext-auth-url", "extAuth http to a cluster Service", act_eg_ext_auth_url},
    {"eg-forward-client-cert", "the client certificate forwarded to the backend", act_eg_forward_client_cert},
    {"eg-global-rate-limit", "global rate limit rules per client", act_eg_global_rate_limit},
    {"eg-hash-by", "consistent hash on an nginx variable", act_eg_hash_by},
    {"eg-rate-limit", "local rate limit per client address", act_eg_rate_limit},
    {"eg-rate-limit-exempt", "clients the rate limits do not count", act_eg_rate_limit_exempt},
    {"eg-retry-on", "retry triggers from proxy_next_upstream", act_eg_retry_on},
    {"eg-route-tracing", "tracing switched off for the routes", act_eg_route_tracing},
    {"eg-source-range-allow", "authorization: allow these clients, deny others", act_eg_source_range_allow},
    {"eg-source-range-deny", "authorization: deny these clients", act_eg_source_range_deny},
    {"eg-stream-idle-timeout", "idle timeout of a request in either direction", act_eg_stream_idle_timeout},
    {"ngf-basic-auth", "AuthenticationFilter of type Basic", act_ngf_basic_auth},
    {"ngf-buffers", "proxy buffer size and number", act_ngf_buffers},
    {"ngf-hash-by", "hash consistent on an nginx variable", act_ngf_hash_by},
    {"ngf-rate-limit", "limit_req zone per client address", act_ngf_rate_limit},
    {"note", "nothing to write: the verdict says what differs", act_note},
    {"route-rules", "written from the route rules the annotation shaped", act_route_rules},
    {"set", "writes the transformed value at the field", act_set},
    {"snippet", "raw nginx in a SnippetsFilter (needs --allow-snippets)", act_snippet},
};

}  // namespace

// Each implementation's table joins the shared one, sorted by name (a
// function-local static: the tables live in other translation units).
const std::vector<TargetAction>& target_actions() {
  static const std::vector<TargetAction> all = [] {
    std::vector<TargetAction> v = kTargetActions;
    const auto& kgw = kgateway_target_actions();
    v.insert(v.end(), kgw.begin(), kgw.end());
    const auto& istio = istio_target_actions();
    v.insert(v.end(), istio.begin(), istio.end());
    const auto& traefik = traefik_target_actions();
    v.insert(v.end(), traefik.begin(), traefik.end());
    const auto& haproxy = haproxy_target_actions();
    v.insert(v.end(), haproxy.begin(), haproxy.end());
    const auto& lbc = lbc_target_actions();
    v.insert(v.end(), lbc.begin(), lbc.end());
    const auto& gke = gke_target_actions();
    v.insert(v.end(), gke.begin(), gke.end());
    const auto& kong = kong_plugin_target_actions();
    v.insert(v.end(), kong.begin(), kong.end());
    std::sort(v.begin(), v.end(), [](const TargetAction& a, const TargetAction& b) {
      return std::string_view(a.name) < b.name;
    });
    return v;
  }();
  return all;
}

const TargetAction* find_target_action(const std::string& name) {
  for (const auto& a : target_actions()) {
    if (name == a.name) return &a;
  }
  return nullptr;
}

}  // namespace im
