// konghq.com/plugins for the targets: the Kong plugins a target's own
// policies run the same way (what each plugin did: kong_plugin_config.h).
// The standard conversion's finding about a plugin a table here judges is
// replaced by this one's (IngressDraft::kong_plugins_judged).

#include "targets/kong_plugin_actions.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "convert/filter_set.h"
#include "model/kong_plugin_ref.h"
#include "targets/kong_plugin_config.h"
#include "util/text.h"

namespace im {
namespace {

using Json = nlohmann::ordered_json;
using Ctx = TargetActionContext;
using Entries = std::vector<KongPluginEntry>;

/// One plugin object the annotation names, as findings name it.
struct Named {
  const KongPlugin& p;
  std::string label;  ///< kong_plugin_label
};

// ---- differences every target states the same way ----

void warn(const Ctx& c, const Named& n, const std::string& what) {
  c.findings.warning(c.annotation.location,
                     fmt::format("{}: {} (plugin {}): {}", c.annotation.key, n.label, n.p.plugin, what),
                     "kong-plugins");
}

const char* const kAuthPlugins[] = {"key-auth",  "basic-auth", "jwt",       "oauth2",         "hmac-auth",
                                    "ldap-auth", "mtls-auth",  "key-auth-enc", "openid-connect", "ldap-auth-advanced"};

const KongPlugin* auth_plugin(const Entries& all) {
  for (const KongPluginEntry& e : all) {
    if (!e.plugin || e.plugin->disabled) continue;
    for (const char* name : kAuthPlugins) {
      if (e.plugin->plugin == name) return e.plugin;
    }
  }
  return nullptr;
}

void warn_rate_limit(const Ctx& c, const Named& n, const KongRateLimit& rl, const Entries& all) {
  const std::string& project = c.profile.project;
  if (rl.policy != "local") {
    warn(c, n, fmt::format("Kong shared the counts among its nodes (policy {}); {} counts in each replica, so with "
                           "N replicas a client gets up to N times the limit",
                           escape_control(rl.policy), project));
  }
  if (rl.error_code != 429) {
    warn(c, n, fmt::format("Kong refused with {} (error_code); {} answers 429 Too Many Requests", rl.error_code,
                           project));
  }
  const KongPlugin* auth = auth_plugin(all);
  if (auth && (rl.limit_by == "consumer" || rl.limit_by == "credential")) {
    warn(c, n, fmt::format("Kong counted per {} once {} ({}) identified the client; {} counts per client address",
                           rl.limit_by, kong_plugin_label(*auth), auth->plugin, project));
  }
}

void warn_status(const Ctx& c, const Named& n, uint64_t status, uint64_t expected, const char* field) {
  if (status == expected) return;
  warn(c, n, fmt::format("Kong refused with {} ({}); {} answers {}", status, field, c.profile.project, expected));
}

void warn_size_limit(const Ctx& c, const Named& n, const KongSizeLimit& s) {
  if (!s.require_content_length) return;
  warn(c, n, fmt::format("Kong answered 411 to a request without Content-Length (require_content_length); {} "
                         "reads its body and applies the limit",
                         c.profile.project));
}

// ---- Envoy Gateway: BackendTrafficPolicy and SecurityPolicy ----

// A local rate limit: one rule per window, for each distinct client
// address (both address families, as limit-rps writes it), for each
// distinct value of the header, or for all clients together (service).
bool eg_rate_limit(const Ctx& c, const Named& n, const Entries& all, std::string& why) {
  KongRateLimit rl;
  if (!read_kong_rate_limit(n.p, rl, why)) return false;
  if (rl.limit_by == "path") {
    why = "limit_by path counts one path apart from the route's others, which a route's local rate limit cannot";
    return false;
  }
  Json rules = Json::array();
  for (const auto& [window, requests] : rl.limits) {
    const Json limit = {{"requests", requests}, {"unit", window->unit}};
    if (rl.limit_by == "service") {
      rules.push_back({{"limit", limit}});
    } else if (rl.limit_by == "header") {
      const Json header = {{"name", rl.header_name}, {"type", "Distinct"}};
      rules.push_back({{"clientSelectors", Json::array({{{"headers", Json::array({header})}}})}, {"limit", limit}});
    } else {
      for (const char* every : {"0.0.0.0/0", "::/0"}) {
        const Json source = {{"sourceCIDR", {{"type", "Distinct"}, {"value", every}}}};
        rules.push_back({{"clientSelectors", Json::array({source})}, {"limit", limit}});
      }
    }
  }
  c.spec_of("BackendTrafficPolicy")["rateLimit"]["local"]["rules"] = rules;
  warn_rate_limit(c, n, rl, all);
  if (rl.limit_by == "header") {
    warn(c, n, fmt::format("Kong counted requests without {} per client address; the local rate limit does not "
                           "count them",
                           rl.header_name));
  }
  return true;
}

// Authorization rules, first match wins: the deny list, then the allow
// list, then everyone else refused where there is an allow list.
bool eg_ip_restriction(const Ctx& c, const Named& n, const Entries&, std::string& why) {
  KongIpRestriction ip;
  if (!read_kong_ip_restriction(n.p, ip, why)) return false;
  Json rules = Json::array();
  if (!ip.deny.empty()) {
    rules.push_back({{"name", "kong-ip-restriction-deny"}, {"action", "Deny"}, {"principal", {{"clientCIDRs", ip.deny}}}});
  }
  if (!ip.allow.empty()) {
    rules.push_back(
        {{"name", "kong-ip-restriction-allow"}, {"action", "Allow"}, {"principal", {{"clientCIDRs", ip.allow}}}});
  }
  c.spec_of("SecurityPolicy")["authorization"] = {{"defaultAction", ip.allow.empty() ? "Allow" : "Deny"},
                                                  {"rules", rules}};
  warn_status(c, n, ip.status, 403, "status");
  return true;
}

bool eg_size_limit(const Ctx& c, const Named& n, const Entries&, std::string& why) {
  KongSizeLimit s;
  if (!read_kong_size_limit(n.p, s, why)) return false;
  c.spec_of("BackendTrafficPolicy")["requestBuffer"] = {{"limit", s.quantity}};
  warn_size_limit(c, n, s);
  return true;
}

// ---- kgateway: TrafficPolicy ----

// One token bucket for all clients of the route (kgateway's local rate
// limit has no per-client key): only limit_by service counted that way.
bool kgw_rate_limit(const Ctx& c, const Named& n, const Entries& all, std::string& why) {
  KongRateLimit rl;
  if (!read_kong_rate_limit(n.p, rl, why)) return false;
  if (rl.limit_by != "service") {
    why = fmt::format("kgateway's local rate limit is one token bucket for every client of the route, where Kong "
                      "counted per {} (limit_by)",
                      kong_limits_per_client(rl) ? "client" : rl.limit_by);
    return false;
  }
  if (rl.limits.size() > 1) {
    why = fmt::format("kgateway's local rate limit is one token bucket, and this plugin limits {} windows",
                      rl.limits.size());
    return false;
  }
  const auto& [window, requests] = rl.limits.front();
  if (!*window->duration) {
    why = fmt::format("kgateway refills its bucket at a fixed interval, and a calendar {} has none", window->kong);
    return false;
  }
  if (requests > 2147483647ULL) {
    why = "kgateway's bucket holds at most 2147483647 tokens";
    return false;
  }
  c.spec_of("TrafficPolicy")["rateLimit"]["local"]["tokenBucket"] = {
      {"maxTokens", requests}, {"tokensPerFill", requests}, {"fillInterval", window->duration}};
  warn_rate_limit(c, n, rl, all);
  return true;
}

// kgateway picks the ACL rule with the longest matching prefix
// (http_acl_plugin.go), so an allowed range inside a denied one would win
// there; Kong checked the deny list first, so such ranges are left out.
bool kgw_ip_restriction(const Ctx& c, const Named& n, const Entries&, std::string& why) {
  KongIpRestriction ip;
  if (!read_kong_ip_restriction(n.p, ip, why)) return false;
  Json rules = Json::array();
  if (!ip.deny.empty()) rules.push_back({{"name", "kong-ip-restriction-deny"}, {"action", "deny"}, {"cidrs", ip.deny}});
  std::vector<std::string> open;
  for (const std::string& cidr : ip.allow) {
    const bool denied =
        std::any_of(ip.deny.begin(), ip.deny.end(), [&](const std::string& d) { return cidr_within(cidr, d); });
    if (!denied) open.push_back(cidr);
  }
  if (!open.empty()) rules.push_back({{"name", "kong-ip-restriction-allow"}, {"action", "allow"}, {"cidrs", open}});
  Json acl = {{"defaultAction", ip.allow.empty() ? "allow" : "deny"}};
  if (!rules.empty()) acl["rules"] = rules;
  c.spec_of("TrafficPolicy")["acl"] = acl;
  warn_status(c, n, ip.status, 403, "status");
  return true;
}

bool kgw_size_limit(const Ctx& c, const Named& n, const Entries&, std::string& why) {
  KongSizeLimit s;
  if (!read_kong_size_limit(n.p, s, why)) return false;
  if (s.bytes >= 4ULL * 1024 * 1024 * 1024) {
    why = "kgateway buffers less than 4Gi";
    return false;
  }
  c.spec_of("TrafficPolicy")["buffer"] = {{"maxRequestSize", s.quantity}};
  warn_size_limit(c, n, s);
  return true;
}

// ---- Istio: a DENY AuthorizationPolicy ----

// Either DENY rule refusing is a 403, as either of Kong's checks was.
// remoteIpBlocks is the connection's peer unless the gateway trusts
// forwarding proxies (numTrustedProxies), as Kong's binary_remote_addr.
// istio_objects.cc scopes the rules to the Ingress's hosts and paths.
bool istio_ip_restriction(const Ctx& c, const Named& n, const Entries&, std::string& why) {
  KongIpRestriction ip;
  if (!read_kong_ip_restriction(n.p, ip, why)) return false;
  Json rules = Json::array();
  if (!ip.deny.empty()) rules.push_back({{"from", Json::array({{{"source", {{"remoteIpBlocks", ip.deny}}}}})}});
  if (!ip.allow.empty()) rules.push_back({{"from", Json::array({{{"source", {{"notRemoteIpBlocks", ip.allow}}}}})}});
  c.spec_of("AuthorizationPolicy") = {{"action", "DENY"}, {"rules", rules}};
  warn_status(c, n, ip.status, 403, "status");
  return true;
}

// ---- Traefik: Middlewares (one per type and Ingress) ----

// rateLimit counts per client address (the default sourceCriterion), one
// average per period per middleware: the shortest window, with the whole
// allowance as burst, since Kong let a client spend its window at once.
bool traefik_rate_limit(const Ctx& c, const Named& n, const Entries& all, std::string& why) {
  KongRateLimit rl;
  if (!read_kong_rate_limit(n.p, rl, why)) return false;
  if (!kong_limits_per_client(rl)) {
    why = fmt::format("limit_by {}: Traefik's rateLimit here counts per client address", rl.limit_by);
    return false;
  }
  const auto& [window, requests] = rl.limits.front();
  if (!*window->duration) {
    why = fmt::format("Traefik counts over a fixed period, and a calendar {} has none", window->kong);
    return false;
  }
  c.spec_of("Middleware")["rateLimit"] = {{"average", requests}, {"period", window->duration}, {"burst", requests}};
  warn_rate_limit(c, n, rl, all);
  std::vector<std::string> longer;
  for (size_t i = 1; i < rl.limits.size(); ++i) longer.push_back(rl.limits[i].first->kong);
  if (!longer.empty()) {
    warn(c, n, fmt::format("one rateLimit middleware holds one period, so only the {} limit is written; the {} "
                           "{} no longer enforced",
                           window->kong, join(longer, " and "), longer.size() == 1 ? "limit is" : "limits are"));
  }
  return true;
}

// ipAllowList only: Traefik has no deny-list middleware. A denied range
// that holds allowed ones takes those out of the list; one inside an
// allowed range cannot be expressed.
bool traefik_ip_restriction(const Ctx& c, const Named& n, const Entries&, std::string& why) {
  KongIpRestriction ip;
  if (!read_kong_ip_restriction(n.p, ip, why)) return false;
  std::vector<std::string> open;
  for (const std::string& a : ip.allow) {
    if (std::none_of(ip.deny.begin(), ip.deny.end(), [&](const std::string& d) { return cidr_within(a, d); }))
      open.push_back(a);
  }
  for (const std::string& d : ip.deny) {
    const bool inside = std::any_of(open.begin(), open.end(), [&](const std::string& a) { return cidr_within(d, a); });
    if (inside || ip.allow.empty()) {
      why = fmt::format("Traefik has no deny-list middleware for config.deny {}", d);
      return false;
    }
  }
  if (open.empty()) {
    why = "every allowed range lies inside a denied one, so Kong refused every client, which an ipAllowList cannot say";
    return false;
  }
  c.spec_of("Middleware")["ipAllowList"] = {{"sourceRange", open}};
  warn_status(c, n, ip.status, 403, "status");
  return true;
}

bool traefik_size_limit(const Ctx& c, const Named& n, const Entries&, std::string& why) {
  KongSizeLimit s;
  if (!read_kong_size_limit(n.p, s, why)) return false;
  c.spec_of("Middleware")["buffering"]["maxRequestBodyBytes"] = s.bytes;
  warn_size_limit(c, n, s);
  return true;
}

// ---- NGINX Gateway Fabric: RateLimitPolicy and ClientSettingsPolicy ----

// limit_req zones (nginx's leaky bucket): a rule per window NGF can rate
// (per second or minute), keyed by the client address or by the header's
// variable, with the window's whole allowance as burst and no delay, so a
// client may spend it at once as in Kong's window; Kong's error_code is the
// rejectCode. nginx does not count requests whose key is empty.
bool ngf_rate_limit(const Ctx& c, const Named& n, const Entries& all, std::string& why) {
  KongRateLimit rl;
  if (!read_kong_rate_limit(n.p, rl, why)) return false;
  std::string key = "$binary_remote_addr";
  if (rl.limit_by == "header") {
    // nginx names a header's variable $http_ + lower case, "-" as "_".
    const bool plain = std::all_of(rl.header_name.begin(), rl.header_name.end(),
                                   [](unsigned char ch) { return std::isalnum(ch) || ch == '-' || ch == '_'; });
    if (!plain) {
      why = fmt::format("header {} has no nginx variable to count by", escape_control(rl.header_name));
      return false;
    }
    key = "$http_" + to_lower(rl.header_name);
    std::replace(key.begin(), key.end(), '-', '_');
  } else if (!kong_limits_per_client(rl)) {
    why = fmt::format("limit_by {}: NGINX Gateway Fabric's rate limits count per client address or header value",
                      rl.limit_by);
    return false;
  }
  if (rl.error_code < 400 || rl.error_code > 599) {
    why = fmt::format("error_code {} is not a 4xx or 5xx status, which rejectCode needs", rl.error_code);
    return false;
  }
  Json rules = Json::array();
  std::vector<std::string> left;
  for (const auto& [window, requests] : rl.limits) {
    const std::string kong = window->kong;
    if ((kong != "second" && kong != "minute") || requests > 2147483647ULL) {
      left.push_back(kong);
      continue;
    }
    rules.push_back({{"key", key},
                     {"rate", fmt::format("{}r/{}", requests, kong == "second" ? "s" : "m")},
                     {"burst", requests},
                     {"noDelay", true},
                     {"zoneSize", "5m"}});
  }
  if (rules.empty()) {
    why = "NGINX Gateway Fabric rates requests per second or minute only";
    return false;
  }
  c.spec_of("RateLimitPolicy")["rateLimit"] = {{"local", {{"rules", rules}}}, {"rejectCode", rl.error_code}};
  // The status is Kong's: only the other differences are warned.
  KongRateLimit rest = rl;
  rest.error_code = 429;
  warn_rate_limit(c, n, rest, all);
  if (!left.empty()) {
    warn(c, n, fmt::format("NGINX Gateway Fabric rates per second or minute only: the {} {} no longer enforced",
                           join(left, " and "), left.size() == 1 ? "limit is" : "limits are"));
  }
  if (rl.limit_by == "header") {
    warn(c, n, fmt::format("Kong counted requests without {} per client address; nginx does not count them",
                           rl.header_name));
  }
  return true;
}

bool ngf_size_limit(const Ctx& c, const Named& n, const Entries&, std::string& why) {
  KongSizeLimit s;
  if (!read_kong_size_limit(n.p, s, why)) return false;
  // nginx's k and m are 1024 and 1024 * 1024, as Kong's kilobytes and megabytes.
  std::string size = std::to_string(s.bytes);
  if (s.bytes % (1024 * 1024) == 0) {
    size = std::to_string(s.bytes / (1024 * 1024)) + "m";
  } else if (s.bytes % 1024 == 0) {
    size = std::to_string(s.bytes / 1024) + "k";
  }
  std::string ngf;
  if (!nginx_size_to_ngf(size, ngf, why)) return false;
  c.spec_of("ClientSettingsPolicy")["body"] = {{"maxSize", ngf}};
  warn_size_limit(c, n, s);
  return true;
}

// ---- the driver ----

using PluginFn = bool (*)(const Ctx&, const Named&, const Entries&, std::string&);

struct PluginRule {
  const char* plugin;
  const char* kind;   ///< the object it becomes
  const char* field;  ///< the field of its spec
  const char* lost;   ///< what a plugin left out no longer does
  PluginFn convert;
};

const char kNoLimit[] = "requests are no longer rate limited";
const char kNoIpCheck[] = "requests from any client address now pass";
const char kNoSizeCheck[] = "large request bodies are no longer refused";

// Each plugin of the table is judged here: converted (with an info that
// says into what) or refused (with an error that says why and what is
// lost). Plugins of other names keep the standard conversion's finding.
// True when at least one was converted.
bool convert_plugins(const Ctx& c, const std::vector<PluginRule>& table) {
  if (!c.draft.kong_plugins || !c.draft.kong_cluster_plugins) return false;
  const Entries all =
      kong_plugin_entries(c.annotation.value, c.ingress.ns, *c.draft.kong_plugins, *c.draft.kong_cluster_plugins);
  std::vector<std::string> seen;
  bool converted = false;
  for (const KongPluginEntry& e : all) {
    // A missing plugin is the conversion's finding; a disabled one Kong skipped.
    if (!e.plugin || e.plugin->disabled) continue;
    const PluginRule* rule = nullptr;
    for (const PluginRule& r : table) {
      if (e.plugin->plugin == r.plugin) rule = &r;
    }
    if (!rule) continue;
    const Named n{*e.plugin, kong_plugin_label(*e.plugin)};
    c.draft.kong_plugins_judged.push_back(n.label);
    std::string why;
    if (std::find(seen.begin(), seen.end(), rule->plugin) != seen.end()) {
      // Kong keys a plugin by its name and what it is attached to.
      why = fmt::format("it is a second {} plugin on the same routes, and Kong runs one of each name", rule->plugin);
    } else if (n.p.config_from_secret) {
      why = "its config is in a Secret (configFrom), which is not read";
    } else if (rule->convert(c, n, all, why)) {
      seen.push_back(rule->plugin);
      c.findings.info(c.annotation.location,
                      fmt::format("{}: {} (plugin {}) is converted for {} {}: {} spec.{}", c.annotation.key, n.label,
                                  rule->plugin, c.profile.project, c.profile.version, rule->kind, rule->field),
                      "kong-plugins");
      converted = true;
      continue;
    }
    seen.push_back(rule->plugin);
    c.findings.error(c.annotation.location,
                     fmt::format("{}: {} (plugin {}) cannot be converted for {}: {}, so {}; left out", c.annotation.key,
                                 n.label, rule->plugin, c.profile.project, why, rule->lost),
                     "target-value-invalid");
  }
  return converted;
}

bool act_eg(const Ctx& c) {
  static const std::vector<PluginRule> kTable = {
      {"rate-limiting", "BackendTrafficPolicy", "rateLimit.local.rules", kNoLimit, eg_rate_limit},
      {"ip-restriction", "SecurityPolicy", "authorization", kNoIpCheck, eg_ip_restriction},
      {"request-size-limiting", "BackendTrafficPolicy", "requestBuffer.limit", kNoSizeCheck, eg_size_limit},
  };
  return convert_plugins(c, kTable);
}

bool act_kgw(const Ctx& c) {
  static const std::vector<PluginRule> kTable = {
      {"rate-limiting", "TrafficPolicy", "rateLimit.local.tokenBucket", kNoLimit, kgw_rate_limit},
      {"ip-restriction", "TrafficPolicy", "acl", kNoIpCheck, kgw_ip_restriction},
      {"request-size-limiting", "TrafficPolicy", "buffer.maxRequestSize", kNoSizeCheck, kgw_size_limit},
  };
  return convert_plugins(c, kTable);
}

bool act_ngf(const Ctx& c) {
  static const std::vector<PluginRule> kTable = {
      {"rate-limiting", "RateLimitPolicy", "rateLimit.local.rules", kNoLimit, ngf_rate_limit},
      {"request-size-limiting", "ClientSettingsPolicy", "body.maxSize", kNoSizeCheck, ngf_size_limit},
  };
  return convert_plugins(c, kTable);
}

bool act_istio(const Ctx& c) {
  static const std::vector<PluginRule> kTable = {
      {"ip-restriction", "AuthorizationPolicy", "rules[].from[].source", kNoIpCheck, istio_ip_restriction},
  };
  return convert_plugins(c, kTable);
}

bool act_traefik(const Ctx& c) {
  static const std::vector<PluginRule> kTable = {
      {"rate-limiting", "Middleware", "rateLimit", kNoLimit, traefik_rate_limit},
      {"ip-restriction", "Middleware", "ipAllowList.sourceRange", kNoIpCheck, traefik_ip_restriction},
      {"request-size-limiting", "Middleware", "buffering.maxRequestBodyBytes", kNoSizeCheck, traefik_size_limit},
  };
  return convert_plugins(c, kTable);
}

}  // namespace

void KongPluginsJudged::insert(const Location& at, const std::string& label) {
  judged_.emplace(at.file(), at.line, at.col, label);
}

bool KongPluginsJudged::replaces(const Finding& f) const {
  if (judged_.empty() || f.rule_id != "kong-plugins" || f.catalog_verdict) return false;
  for (const FindingProperty& p : f.properties) {
    if (p.key == "kongPlugin") return judged_.count({f.location.file(), f.location.line, f.location.col, p.value}) > 0;
  }
  return false;
}

const std::vector<TargetAction>& kong_plugin_target_actions() {
  static const std::vector<TargetAction> kActions = {
      {"eg-kong-plugins", "Kong rate-limiting, ip-restriction and request-size-limiting plugins", act_eg},
      {"istio-kong-plugins", "Kong ip-restriction plugins", act_istio},
      {"ngf-kong-plugins", "Kong rate-limiting and request-size-limiting plugins", act_ngf},
      {"kgw-kong-plugins", "Kong rate-limiting (limit_by service), ip-restriction and request-size-limiting plugins",
       act_kgw},
      {"traefik-kong-plugins", "Kong rate-limiting, ip-restriction and request-size-limiting plugins", act_traefik},
  };
  return kActions;
}

}  // namespace im
