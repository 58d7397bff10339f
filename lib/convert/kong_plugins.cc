#include "convert/kong_plugins.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>

#include "convert/input_values.h"
#include "model/kong_plugin_ref.h"
#include "model/kong_request_transformer.h"
#include "model/names.h"
#include "util/text.h"

namespace im {

namespace {

using Json = nlohmann::ordered_json;

/// What a plugin without a standard form did, and what can do it instead.
struct PluginAdvice {
  const char* plugin;
  const char* lost;
  const char* instead;
};

// Plugin behaviour from the Kong plugin docs (developer.konghq.com/plugins).
const PluginAdvice kAdvice[] = {
    {"key-auth", "requests without a valid API key are no longer refused",
     "Envoy Gateway SecurityPolicy apiKeyAuth, or kgateway TrafficPolicy"},
    {"basic-auth", "requests without valid credentials are no longer refused",
     "Envoy Gateway SecurityPolicy basicAuth, or a Traefik basicAuth Middleware"},
    {"jwt", "requests without a valid JWT are no longer refused",
     "Envoy Gateway SecurityPolicy jwt, or Istio RequestAuthentication with an AuthorizationPolicy"},
    {"oauth2", "requests without a valid token are no longer refused", "Envoy Gateway SecurityPolicy oidc"},
    {"openid-connect", "requests are no longer authenticated", "Envoy Gateway SecurityPolicy oidc"},
    {"hmac-auth", "requests without a valid signature are no longer refused",
     "an external authorization service (Envoy Gateway SecurityPolicy extAuth)"},
    {"ldap-auth", "requests without valid LDAP credentials are no longer refused",
     "an external authorization service (Envoy Gateway SecurityPolicy extAuth)"},
    {"acl", "consumers outside the allowed groups are no longer refused",
     "Envoy Gateway SecurityPolicy authorization rules"},
    {"ip-restriction", "requests from any client address now pass",
     "--target-controller envoy-gateway, kgateway, istio or traefik, which convert it (SecurityPolicy "
     "authorization, TrafficPolicy acl, AuthorizationPolicy, ipAllowList Middleware)"},
    {"rate-limiting", "requests are no longer rate limited",
     "--target-controller envoy-gateway, nginx-gateway-fabric or traefik, which convert it (BackendTrafficPolicy "
     "rateLimit, RateLimitPolicy, rateLimit Middleware; kgateway for limit_by service)"},
    {"rate-limiting-advanced", "requests are no longer rate limited", "Envoy Gateway BackendTrafficPolicy rateLimit"},
    {"request-size-limiting", "large request bodies are no longer refused",
     "--target-controller envoy-gateway, kgateway, nginx-gateway-fabric or traefik, which convert it (a request "
     "body limit)"},
    {"response-transformer", "the response is no longer changed", "ResponseHeaderModifier filters for its headers"},
    {"proxy-cache", "responses are no longer cached", "a cache in front of the Gateway"},
};

const PluginAdvice* advice_for(const std::string& plugin) {
  for (const PluginAdvice& a : kAdvice) {
    if (plugin == a.plugin) return &a;
  }
  return nullptr;
}

/// A list field of the plugin's config as strings; `fallback` when absent
/// or null.
std::vector<std::string> string_list(const Json& config, const char* field, std::vector<std::string> fallback) {
  if (!config.is_object() || !config.contains(field) || config.at(field).is_null()) return fallback;
  std::vector<std::string> out;
  const Json& v = config.at(field);
  if (v.is_array()) {
    for (const Json& item : v) {
      if (item.is_string()) out.push_back(item.get<std::string>());
    }
  } else if (v.is_string()) {
    out.push_back(v.get<std::string>());
  }
  return out;
}

/// The cors plugin (kong/plugins/cors/handler.lua, schema.lua) as the CORS
/// filter. Origins that are not literal (handler.lua re_find
/// "^[A-Za-z0-9.:/-]+$") were regexes Kong matched; a filter's
/// allowOrigins cannot, so no filter is written (browsers then refuse the
/// cross-origin responses rather than getting them from origins Kong did
/// not allow).
void convert_cors(const KongPlugin& p, const Setting& s, FilterSet& filters, Findings& findings) {
  const std::string ref = fmt::format("KongPlugin {}", p.cluster ? p.name : p.ns + "/" + p.name);
  auto bad = [&](const std::string& why) {
    findings.error(s.location,
                   fmt::format("konghq.com/plugins: cors plugin {} {}; no CORS filter is written, so browsers now "
                               "refuse the cross-origin responses Kong allowed",
                               ref, why),
                   s.rule_id);
  };
  if (p.config_from_secret) return bad("takes its config from a Secret, which is not read");
  const Json& c = p.config;
  std::vector<std::string> origins = string_list(c, "origins", {"*"});
  if (origins.empty()) origins = {"*"};
  static const RE2 literal("^[A-Za-z0-9.:/-]+$");
  for (const std::string& o : origins) {
    if (o != "*" && !RE2::FullMatch(o, literal)) return bad(fmt::format("allows the origin regex \"{}\"", o));
  }
  Json cors = Json::object();
  const std::vector<std::string> methods =
      string_list(c, "methods", {"GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT"});
  // handler.lua: without configured headers the preflight answer echoes
  // Access-Control-Request-Headers, which "*" does in the filter.
  const std::vector<std::string> headers = string_list(c, "headers", {"*"});
  const std::vector<std::string> expose = string_list(c, "exposed_headers", {});
  for (const auto& [action, items] : {std::pair<const char*, const std::vector<std::string>*>{"cors-allow-origin", &origins},
                                      {"cors-allow-methods", &methods},
                                      {"cors-allow-headers", &headers},
                                      {"cors-expose-headers", &expose}}) {
    if (auto why = cors_problem(action, join(*items, ",")); !why.empty()) return bad(why);
  }
  cors["allowOrigins"] = origins;
  cors["allowMethods"] = methods;
  cors["allowHeaders"] = headers;
  if (!expose.empty()) cors["exposeHeaders"] = expose;
  cors["allowCredentials"] = c.is_object() && c.value("credentials", false) == true;
  if (c.is_object() && c.contains("max_age") && c.at("max_age").is_number_integer()) {
    const long long age = c.at("max_age").get<long long>();
    if (auto why = cors_problem("cors-max-age", std::to_string(age)); !why.empty()) return bad(why);
    cors["maxAge"] = age;
  }
  if (c.is_object() && c.value("preflight_continue", false) == true) {
    findings.warning(s.location,
                     fmt::format("konghq.com/plugins: cors plugin {} has preflight_continue, so Kong passed preflight "
                                 "requests on to the Service; the CORS filter answers them itself",
                                 ref),
                     s.rule_id);
  }
  filters.cors = std::move(cors);
}

/// An error or warning about one plugin, carrying which plugin it is about.
void plugin_finding(Findings& findings, Severity severity, const Setting& s, const KongPlugin& p,
                    const std::string& what) {
  Finding f;
  f.severity = severity;
  f.location = s.location;
  f.message = fmt::format("konghq.com/plugins: {} (plugin {}): {}", kong_plugin_label(p), p.plugin, what);
  f.rule_id = s.rule_id;
  f.properties = {{"kongPlugin", kong_plugin_label(p)}};
  findings.add(std::move(f));
}

/// request-transformer's header changes as a RequestHeaderModifier (and the
/// upstream Host as a URLRewrite hostname): remove and append are exact,
/// add is a set that also replaces a value the client sent; what no filter
/// does (rename, replacing a header only where it was sent, query string,
/// body, uri, method, templates) is an error each.
void convert_request_transformer(const KongPlugin& p, const Setting& s, FilterSet& f, Findings& findings) {
  const KongRequestTransformer rt = read_kong_request_transformer(p);
  for (const std::string& why : rt.unmodelled) {
    plugin_finding(findings, Severity::Error, s, p,
                   fmt::format("{}, which no Gateway API filter does, so that change is no longer made", why));
  }
  auto full = [&](const char* list, const std::string& name) {
    plugin_finding(findings, Severity::Error, s, p,
                   fmt::format("{}.headers {}: the RequestHeaderModifier already holds this name or {} others, "
                               "so it is left out",
                               list, escape_control(name), kMaxHeaderFilterEntries));
  };
  for (const std::string& name : rt.remove) {
    if (!is_header_name(name)) {
      plugin_finding(findings, Severity::Error, s, p,
                     fmt::format("remove.headers \"{}\" is not a header name; left out", escape_control(name)));
    } else if (!remove_header(f.request_remove, name)) {
      full("remove", name);
    }
  }
  auto valid = [&](const char* list, const std::string& name, const std::string& value) {
    if (is_header_name(name) && header_value_problem(value).empty()) return true;
    plugin_finding(findings, Severity::Error, s, p,
                   fmt::format("{}.headers \"{}\" is not a header Gateway API can carry; left out", list,
                               escape_control(name + ":" + value)));
    return false;
  };
  for (const auto& [name, value] : rt.add) {
    if (!valid("add", name, value)) continue;
    if (!set_header(f.request_set, name, value)) {
      full("add", name);
      continue;
    }
    plugin_finding(findings, Severity::Warning, s, p,
                   fmt::format("add.headers {}: Kong set it only where the client had not sent it; the "
                               "RequestHeaderModifier sets it on every request, replacing the client's value",
                               name));
  }
  for (const auto& [name, value] : rt.append) {
    if (valid("append", name, value) && !add_header(f.request_add, name, value)) full("append", name);
  }
  if (rt.host) {
    if (ingress_host_problem(*rt.host).empty() && rt.host->find('*') == std::string::npos) {
      f.rewrite_hostname = *rt.host;
    } else {
      plugin_finding(findings, Severity::Error, s, p,
                     fmt::format("replace.headers host:{} is not a hostname a URLRewrite can set; left out",
                                 escape_control(*rt.host)));
    }
  }
}

}  // namespace

void apply_kong_plugins(const IngressInfo& info, const Inventory& inventory, bool kong_gateway, RouteTemplate& t,
                        Findings& findings) {
  const Setting* s = info.policy.setting("kong-plugins");
  if (s) judge_kong_plugins(*s, info.ing->ns, inventory, kong_gateway, false, t.filters, findings);
}

void judge_kong_plugins(const Setting& setting, const std::string& ns, const Inventory& inventory,
                        bool kong_gateway, bool on_service, FilterSet& filters, Findings& findings) {
  // KIC runs a Service's plugins on the Kong service it makes of it for
  // HTTPRoute backends too (it reads the annotation on the Service).
  if (kong_gateway && on_service) return;
  const Setting* s = &setting;
  for (const KongPluginEntry& e :
       kong_plugin_entries(s->value, ns, inventory.kong_plugins, inventory.kong_cluster_plugins)) {
    const KongPlugin* p = e.plugin;
    if (kong_gateway) {
      if (e.qualified) {
        findings.error(s->location,
                       fmt::format("konghq.com/plugins: {} is a KongPlugin of namespace {}; an ExtensionRef filter "
                                   "names one in the route's own namespace, so it is not applied (copy it to {})",
                                   e.text, e.ns, ns),
                       s->rule_id);
        continue;
      }
      // The same lookup as the annotation: no need for the object here.
      filters.extension_refs.push_back(
          Json{{"group", "configuration.konghq.com"}, {"kind", "KongPlugin"}, {"name", e.name}});
      continue;
    }
    if (!p) {
      findings.error(s->location,
                     fmt::format("konghq.com/plugins: {} is neither a KongPlugin in namespace {} nor a "
                                 "KongClusterPlugin in the input, so what it did is not converted (add it with -f)",
                                 e.name, e.ns),
                     s->rule_id);
      continue;
    }
    if (p->disabled) continue;  // Kong skipped it too
    if (p->plugin == "cors") {
      convert_cors(*p, *s, filters, findings);
      continue;
    }
    if (p->plugin == "request-transformer") {
      convert_request_transformer(*p, *s, filters, findings);
      continue;
    }
    const PluginAdvice* advice = advice_for(p->plugin);
    Finding f;
    f.severity = Severity::Error;
    f.location = s->location;
    f.message = fmt::format(
        "konghq.com/plugins: {} (plugin {}) has no Gateway API form, so {}; use {} instead (on Kong's own Gateway "
        "API support, {}){}",
        kong_plugin_label(*p), p->plugin.empty() ? "unnamed" : p->plugin,
        advice ? advice->lost : "what it did to requests and responses is lost",
        advice ? advice->instead : "the target implementation's own policy",
        on_service ? "the Service's annotation keeps it" : "an ExtensionRef filter to the KongPlugin keeps it",
        on_service ? "; a target converts a plugin the Ingress names, not one on its Service" : "");
    f.rule_id = s->rule_id;
    // Which plugin it is about: a target that converts the plugin replaces
    // this finding with its own (lib/targets/kong_plugin_actions).
    f.properties = {{"kongPlugin", kong_plugin_label(*p)}};
    findings.add(std::move(f));
  }
}

}  // namespace im
