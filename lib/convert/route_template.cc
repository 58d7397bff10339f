// ingress-nginx annotations that apply to all locations of an Ingress.
// Facts: internal/ingress/annotations/{redirect,cors,proxy,upstreamvhost,
// xforwardedprefix,backendprotocol,sslpassthrough}/main.go and
// template.go (buildProxyPass, buildCorsDirectives).

#include "convert/route_template.h"

#include <fmt/format.h>

#include <algorithm>

#include "convert/contour_retry.h"
#include "convert/contour_timeout.h"
#include "convert/haproxy_settings.h"
#include "convert/gke_frontend_config.h"
#include "convert/haproxy_path_rewrite.h"
#include "convert/input_values.h"
#include "convert/kong_headers.h"
#include "convert/kong_methods.h"
#include "convert/kong_plugins.h"
#include "convert/kong_protocols.h"
#include "model/names.h"
#include "rules/value_format.h"
#include "util/text.h"

namespace im {

namespace {

using json = nlohmann::ordered_json;


struct ParsedUrl {
  std::string scheme, host, path, query;
  std::optional<int> port;
};

std::optional<ParsedUrl> parse_url(const std::string& url) {
  auto sep = url.find("://");
  if (sep == std::string::npos) return std::nullopt;
  ParsedUrl u;
  u.scheme = to_lower(url.substr(0, sep));
  std::string rest = url.substr(sep + 3);
  auto path_at = rest.find_first_of("/?");
  std::string authority = rest.substr(0, path_at);
  std::string tail = path_at == std::string::npos ? "" : rest.substr(path_at);
  auto colon = authority.rfind(':');
  if (colon != std::string::npos) {
    auto port = parse_int(authority.substr(colon + 1));
    if (!port || *port < 1 || *port > 65535) return std::nullopt;
    u.port = static_cast<int>(*port);
    authority = authority.substr(0, colon);
  }
  u.host = to_lower(authority);
  auto q = tail.find('?');
  u.path = tail.substr(0, q);
  if (q != std::string::npos) u.query = tail.substr(q + 1);
  return u;
}

/// temporal-redirect (302, checked first) or permanent-redirect (code from
/// permanent-redirect-code, 301 when missing or outside 300-308):
/// redirect/redirect.go Parse. nginx answers `return <code> <url>`, so the
/// target is exactly the URL, whatever the request path was.
void read_redirect(const IngressInfo& info, RouteTemplate& t, Findings& findings) {
  const Setting* temporal = info.policy.setting("temporal-redirect");
  const Setting* permanent = info.policy.setting("permanent-redirect");
  const Setting* chosen = temporal ? temporal : permanent;
  if (!chosen) return;
  int code = 302;
  if (!temporal) {
    code = 301;
    if (const Setting* c = info.policy.setting("permanent-redirect-code")) {
      auto v = parse_int(c->value);
      if (v && *v >= 300 && *v <= 308) code = static_cast<int>(*v);
    }
  } else if (const Setting* c = info.policy.setting("temporal-redirect-code")) {
    auto v = parse_int(c->value);
    if (v && *v >= 300 && *v <= 308) code = static_cast<int>(*v);
  }
  if (code != 301 && code != 302 && code != 303 && code != 307 && code != 308) {
    findings.error(chosen->location,
                   fmt::format("redirect status {} is not one Gateway API allows (301, 302, 303, "
                               "307, 308); redirect not converted",
                               code),
                   chosen->rule_id);
    return;
  }
  auto url = parse_url(chosen->value);
  if (!url || (url->scheme != "http" && url->scheme != "https") ||
      !ingress_host_problem(url->host).empty() || url->host.find('*') != std::string::npos) {
    findings.error(chosen->location,
                   fmt::format("redirect target \"{}\" is not an http(s) URL with a DNS host name, "
                               "which RequestRedirect needs; redirect not converted",
                               chosen->value),
                   chosen->rule_id);
    return;
  }
  if (!url->query.empty()) {
    findings.warning(chosen->location,
                     fmt::format("redirect target \"{}\" has a query string, which RequestRedirect "
                                 "cannot set; it is dropped",
                                 chosen->value),
                     chosen->rule_id);
  }
  RedirectSpec r;
  r.scheme = url->scheme;
  r.hostname = url->host;
  r.port = url->port;
  r.full_path = url->path.empty() ? "/" : url->path;
  r.status_code = code;
  t.filters.redirect = r;
  t.redirect_only = true;
}

/// The non-empty items of a comma-separated list, each once: the CORS
/// filter's lists are sets, and nginx answers the same with a repeat.
std::vector<std::string> comma_list(const std::string& s) {
  std::vector<std::string> out;
  for (auto& part : split(s, ',')) {
    std::string v = trim(part);
    if (!v.empty() && std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  }
  return out;
}

/// enable-cors and cors-*: cors/main.go defaults (origin "*", methods
/// GET, PUT, POST, DELETE, PATCH, OPTIONS, credentials true, max-age 1728000).
void read_cors(const IngressInfo& info, RouteTemplate& t, Findings& findings) {
  const Setting* enable = info.policy.setting("cors-enable");
  if (!enable || parse_go_bool(enable->value) != true) return;
  auto value = [&](const char* action, const char* fallback) {
    const Setting* s = info.policy.setting(action);
    return s ? s->value : std::string(fallback);
  };
  json cors = json::object();
  cors["allowOrigins"] = comma_list(value("cors-allow-origin", "*"));
  std::vector<std::string> methods;
  for (auto& m : comma_list(value("cors-allow-methods", "GET, PUT, POST, DELETE, PATCH, OPTIONS"))) {
    std::string upper = to_upper(m);
    if (std::find(methods.begin(), methods.end(), upper) == methods.end()) methods.push_back(upper);
  }
  cors["allowMethods"] = methods;
  cors["allowHeaders"] = comma_list(value(
      "cors-allow-headers",
      "DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,"
      "Range,Authorization"));
  auto expose = comma_list(value("cors-expose-headers", ""));
  if (!expose.empty()) cors["exposeHeaders"] = expose;
  cors["allowCredentials"] = parse_go_bool(value("cors-allow-credentials", "true")).value_or(true);
  auto max_age = parse_int(value("cors-max-age", "1728000"));
  cors["maxAge"] = static_cast<long long>(std::min<long long>(max_age.value_or(1728000), 2147483647));
  (void)findings;
  t.filters.cors = cors;
}

}  // namespace

std::optional<std::string> gateway_duration(const std::string& v) {
  size_t i = 0;
  while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
  if (i == 0 || i > 5) return std::nullopt;
  std::string unit = v.substr(i);
  if (unit.empty()) unit = "s";  // nginx reads a bare number as seconds
  if (unit != "s" && unit != "ms" && unit != "m" && unit != "h") return std::nullopt;
  return v.substr(0, i) + unit;
}

namespace {

/// alb.ingress.kubernetes.io/listen-ports (model_build_listener.go
/// computeIngressListenPorts): a JSON list of {"HTTP": port} and
/// {"HTTPS": port} entries; the routes use the Gateway's HTTP listener only
/// when an HTTP entry exists, its HTTPS listener only for an HTTPS one.
void read_listen_ports(const Setting& s, RouteTemplate& t, Findings& findings) {
  const nlohmann::json list = nlohmann::json::parse(s.value, nullptr, false);
  bool http = false, https = false;
  std::vector<std::string> other;
  if (list.is_array()) {
    for (const auto& entry : list) {
      if (!entry.is_object()) continue;
      for (auto it = entry.begin(); it != entry.end(); ++it) {
        const int port = it.value().is_number_integer() ? it.value().get<int>() : 0;
        const bool is_http = it.key() == "HTTP", is_https = it.key() == "HTTPS";
        if ((is_http && port == 80) || (is_https && port == 443)) {
          http = http || is_http;
          https = https || is_https;
        } else {
          other.push_back(it.key() + ":" + (port ? std::to_string(port) : it.value().dump()));
        }
      }
    }
  }
  if (!http && !https) {
    findings.error(s.location,
                   fmt::format("listen-ports \"{}\" has no HTTP 80 or HTTPS 443 entry; the routes keep the "
                               "Gateway's usual listeners",
                               escape_control(s.value)),
                   s.rule_id);
    return;
  }
  if (!other.empty()) {
    findings.warning(s.location,
                     fmt::format("listen-ports {} not converted: the Gateway's listeners are HTTP 80 and HTTPS 443, "
                                 "so requests the ALB took on those ports now find no listener",
                                 join(other, ", ") + (other.size() == 1 ? " is" : " are")),
                     s.rule_id);
  }
  t.http_off = !http;
  t.https_off = !https;
}

/// Settings of the other controller families (nginx.org, Traefik, GKE,
/// ALB, Contour, Kong, HAProxy) that have a Gateway API form.
void read_other_families(const IngressInfo& info, RouteTemplate& t, Findings& findings) {
  for (const auto& [action, s] : info.policy.settings) {
    if (action == "request-headers-set") {
      // nginx.org/proxy-set-headers: "Name: value, Other"; a name without a
      // value passes the client's header on, which is the default anyway.
      for (const auto& item : comma_list(s.value)) {
        auto colon = item.find(':');
        if (colon == std::string::npos) continue;
        std::string name = trim(item.substr(0, colon));
        std::string value = trim(item.substr(colon + 1));
        if (value.find('$') != std::string::npos) {
          findings.warning(s.location,
                           fmt::format("header {} uses the nginx variable in \"{}\", which Gateway "
                                       "API cannot evaluate; not converted",
                                       name, value),
                           s.rule_id);
          continue;
        }
        if (auto why = header_value_problem(value); !value.empty() && !why.empty()) {
          findings.error(s.location, fmt::format("header {}: the value {}; not converted", name, why),
                         s.rule_id);
          continue;
        }
        if (!is_header_name(name) || value.empty()) continue;
        if (!set_header(t.filters.request_set, name, value)) {
          findings.error(s.location,
                         fmt::format("header {}: a header filter sets at most {} headers; not converted", name,
                                     kMaxHeaderFilterEntries),
                         s.rule_id);
        }
      }
    } else if (action == "service-rewrites") {
      // "serviceName=tea rewrite=/;serviceName=coffee rewrite=/beans/"
      for (const auto& entry : split(s.value, ';')) {
        std::string service, rewrite;
        for (const auto& word : split(trim(entry), ' ')) {
          if (word.rfind("serviceName=", 0) == 0) service = word.substr(12);
          if (word.rfind("rewrite=", 0) == 0) rewrite = word.substr(8);
        }
        if (service.empty() || rewrite.empty() || rewrite[0] != '/') {
          if (!trim(entry).empty()) {
            findings.error(s.location,
                           fmt::format("nginx.org/rewrites entry \"{}\" is not \"serviceName=S "
                                       "rewrite=/path\"; ignored",
                                       trim(entry)),
                           s.rule_id);
          }
          continue;
        }
        t.service_rewrites[service] = rewrite;
      }
    } else if (action == "response-headers-remove") {
      for (const auto& name : comma_list(s.value)) {
        if (is_header_name(name) && !remove_header(t.filters.response_remove, name)) {
          findings.error(s.location,
                         fmt::format("header {}: a header filter removes at most {} headers; not converted", name,
                                     kMaxHeaderFilterEntries),
                         s.rule_id);
        }
      }
    } else if (action == "hsts" && parse_go_bool(s.value) == true) {
      std::string max_age = "2592000";  // nginx.org/hsts-max-age default
      bool subdomains = false;
      for (const auto& [a2, s2] : info.policy.settings) {
        if (a2 != "consumed") continue;
        if (s2.rule_id.find("hsts-max-age") != std::string::npos && parse_int(s2.value)) max_age = s2.value;
        if (s2.rule_id.find("hsts-include-subdomains") != std::string::npos) {
          subdomains = parse_go_bool(s2.value).value_or(false);
        }
      }
      // The first response header of this Ingress: the list has room.
      set_header(t.filters.response_set, "Strict-Transport-Security",
                 "max-age=" + max_age + (subdomains ? "; includeSubDomains" : ""));
    } else if (action == "redirect-to-https") {
      // "true", or ALB's ssl-redirect port number ("443").
      if (parse_go_bool(s.value) == true || parse_int(s.value)) {
        t.force_redirect = true;
        // The controller's own status code, from the rule's data.
        if (auto it = s.params.find("status"); it != s.params.end()) {
          t.redirect_code = static_cast<int>(parse_int(it->second).value_or(308));
        }
      }
    } else if (action == "allow-http") {
      if (parse_go_bool(s.value) == false) t.http_off = true;
    } else if (action == "static-ip") {
      t.static_ip = s.value;
    } else if (action == "entrypoints") {
      // Traefik's default entrypoint names: web (80) and websecure (443).
      auto names = comma_list(s.value);
      bool web = false, websecure = false;
      for (const auto& n : names) {
        web = web || n == "web" || n == "http";
        websecure = websecure || n == "websecure" || n == "https";
      }
      if (web || websecure) {
        t.http_off = !web;
        t.https_off = !websecure;
      }
    } else if (action == "listen-ports") {
      read_listen_ports(s, t, findings);
    } else if (action == "router-tls" && parse_go_bool(s.value) == true) {
      t.http_off = true;
    } else if (action == "backend-protocol" && s.rule_id.find("ssl-services") != std::string::npos) {
      t.backend_protocol = "HTTPS";
      t.tls_services = comma_list(s.value);
    } else if (action == "backend-protocol" && s.rule_id.find("grpc-services") != std::string::npos) {
      t.grpc_services = comma_list(s.value);
    } else if (action == "backend-protocol" && s.params.count("protocol")) {
      // A switch (HAProxy's server-ssl, service/ssl.go): true selects the
      // rule's protocol, false keeps plain HTTP.
      if (parse_go_bool(s.value) == true) t.backend_protocol = s.params.at("protocol");
    } else if (action == "backend-protocol") {
      std::string v = to_upper(s.value);
      if (v == "HTTPS" || v == "GRPCS" || v == "GRPC") t.backend_protocol = v;
    }
  }
}

}  // namespace

/// mirror-target (mirror/main.go): nginx mirrors to a URL; RequestMirror
/// mirrors to a Service. A cluster-local host (svc, svc.ns, svc.ns.svc,
/// svc.ns.svc.cluster.local) names one; anything else needs an ExternalName
/// Service first.
void read_mirror(const IngressInfo& info, RouteTemplate& t, Findings& findings) {
  const Setting* s = info.policy.setting("mirror-target");
  if (!s) return;
  // "$request_uri" (or any nginx variable) ends the part that names the host.
  auto url = parse_url(s->value.substr(0, s->value.find('$')));
  std::vector<std::string> labels = url ? split(url->host, '.') : std::vector<std::string>{};
  bool cluster_local = !labels.empty() &&
                       (labels.size() <= 2 || (labels.size() >= 3 && labels[2] == "svc"));
  if (!url || !cluster_local || labels[0].empty() || (labels.size() > 3 && url->host.find(".svc.cluster.local") == std::string::npos)) {
    findings.error(s->location,
                   fmt::format("mirror-target \"{}\" is not a Service in the cluster; RequestMirror "
                               "needs a Service (create an ExternalName Service for the host and "
                               "mirror to it); not converted",
                               s->value),
                   s->rule_id);
    return;
  }
  std::string ns = labels.size() >= 2 ? labels[1] : info.ing->ns;
  if (ns != info.ing->ns && !(info.ing->ns.empty() && ns == "default")) {
    findings.error(s->location,
                   fmt::format("mirror-target \"{}\" is in namespace {}; a mirror to another "
                               "namespace needs a ReferenceGrant there, which is not generated; not "
                               "converted",
                               s->value, ns),
                   s->rule_id);
    return;
  }
  int port = url->port.value_or(url->scheme == "https" ? 443 : 80);
  t.filters.mirrors.push_back(json{{"backendRef", {{"name", labels[0]}, {"port", port}}}});
}

/// affinity: cookie (affinity/main.go; cookie name default INGRESSCOOKIE)
/// as experimental sessionPersistence.
json session_persistence(const IngressInfo& info) {
  json sp = json{{"sessionName", "INGRESSCOOKIE"}, {"type", "Cookie"}};
  for (const auto& [action, s] : info.policy.settings) {
    if (action != "consumed") continue;
    if (s.rule_id == "nginx-session-cookie-name" && !s.value.empty() && s.value.size() <= 128) {
      sp["sessionName"] = s.value;
    }
    if (s.rule_id == "nginx-session-cookie-max-age") {
      if (auto secs = parse_int(s.value); secs && *secs > 0 && *secs <= 99999) {
        sp["absoluteTimeout"] = std::to_string(*secs) + "s";
        sp["cookieConfig"] = json{{"lifetimeType", "Permanent"}};
      }
    }
  }
  return sp;
}

/// custom-headers (customheaders/main.go): "namespace/name" of a ConfigMap
/// whose entries nginx adds to responses (more_set_headers).
void read_custom_headers(const IngressInfo& info, const Inventory& inventory, RouteTemplate& t,
                         Findings& findings) {
  const Setting* s = info.policy.setting("custom-headers");
  if (!s) return;
  auto slash = s->value.find('/');
  std::string ns = slash == std::string::npos ? info.ing->ns : s->value.substr(0, slash);
  std::string name = slash == std::string::npos ? s->value : s->value.substr(slash + 1);
  for (const auto& cm : inventory.config_maps) {
    if (cm.name != name || cm.ns != ns) continue;
    const size_t headers = cm.data.size() + cm.unread.size();
    if (headers > 16) {
      findings.error(s->location,
                     fmt::format("ConfigMap {} has {} headers; a header filter holds at most 16; "
                                 "not converted",
                                 s->value, headers),
                     s->rule_id);
      return;
    }
    for (const auto& k : cm.unread) {
      findings.error(s->location,
                     fmt::format("ConfigMap {} entry \"{}\" is not a string of at most {} bytes, "
                                 "the most a Gateway API header value holds; skipped",
                                 s->value, escape_control(k), kMaxConfigValueBytes),
                     s->rule_id);
    }
    for (const auto& [k, v] : cm.data) {
      if (!is_header_name(k) || v.empty()) {
        findings.error(s->location,
                       fmt::format("ConfigMap {} entry \"{}\" is not a valid header name and value; "
                                   "skipped",
                                   s->value, k),
                       s->rule_id);
        continue;
      }
      if (auto why = header_value_problem(v); !why.empty()) {
        findings.error(s->location,
                       fmt::format("ConfigMap {} entry \"{}\": the header value {}; skipped", s->value,
                                   k, why),
                       s->rule_id);
        continue;
      }
      set_header(t.filters.response_set, k, v);  // at most 16 entries, checked above
    }
    return;
  }
  findings.error(s->location,
                 fmt::format("custom-headers ConfigMap {} is not in the input, so its headers are "
                             "not converted (add it with -f)",
                             s->value),
                 s->rule_id);
}

/// Kong's route conditions: methods, headers.* and protocols.
void read_kong_matches(const IngressInfo& info, RouteTemplate& t, Findings& findings) {
  if (info.cls.controller != "kong") return;
  if (auto methods = kong_methods(info.policy, findings)) {
    t.methods = std::move(*methods);
  } else {
    t.paths_left_out = true;
  }
  if (!kong_header_alternatives(*info.ing, t.header_alternatives, findings)) t.paths_left_out = true;
  apply_kong_protocols(*info.ing, info.policy, t, findings);
}

RouteTemplate route_template(const IngressInfo& info, const Inventory& inventory, const ConvertOptions& options,
                             Findings& findings) {
  const bool experimental = options.experimental;
  RouteTemplate t;
  if (!info.is_nginx()) {
    read_other_families(info, t, findings);
    read_haproxy_settings(info.policy, t, findings);
    read_haproxy_path_rewrite(info.policy, options.regex_path_rewrite, t, findings);
    if (info.cls.controller == "gke") apply_gke_frontend_config(info, inventory, t, findings);
    if (const Setting* strip = info.policy.setting("strip-path")) t.strip_path = to_lower(strip->value) == "true";
    read_kong_matches(info, t, findings);
    if (info.cls.controller == "kong") {
      const bool kong_gateway = options.controller_gateway && !options.gateway_classes.count(info.cls.name) &&
                                !options.shared_gateway && !options.parent_ref;
      apply_kong_plugins(info, inventory, kong_gateway, t, findings);
    }
    const TraefikMiddlewares mw = traefik_middlewares(info.policy, inventory, t.filters, findings);
    t.traefik_path = mw.path;
    if (mw.redirect_code) {
      t.force_redirect = true;
      t.redirect_code = mw.redirect_code;
    }
    const std::optional<ContourTimeout> timeout = contour_route_timeout(info.policy, findings);
    if (timeout) t.request_timeout = timeout->gateway;
    ContourRetry retry = contour_retry(info.policy, experimental, timeout, findings);
    t.retry = std::move(retry.retry);
    if (retry.attempt_timeout) t.backend_timeout = retry.attempt_timeout;
    return t;
  }
  t.redirect_if_tls = info.policy.ssl_redirect;
  t.force_redirect = info.policy.force_ssl_redirect;
  read_redirect(info, t, findings);
  read_cors(info, t, findings);
  if (const Setting* vhost = info.policy.setting("upstream-vhost")) {
    // upstreamvhost/main.go: proxy_set_header Host <value>.
    if (ingress_host_problem(vhost->value).empty() && vhost->value.find('*') == std::string::npos) {
      t.filters.rewrite_hostname = vhost->value;
    } else {
      findings.error(vhost->location,
                     fmt::format("upstream-vhost \"{}\" is not a DNS host name, which URLRewrite "
                                 "hostname needs; not converted",
                                 vhost->value),
                     vhost->rule_id);
    }
  }
  if (const Setting* read = info.policy.setting("proxy-read-timeout")) {
    if (auto d = gateway_duration(read->value)) t.backend_timeout = *d;
  }
  if (const Setting* proto = info.policy.setting("backend-protocol")) {
    t.backend_protocol = to_upper(proto->value);
  }
  if (const Setting* pass = info.policy.setting("ssl-passthrough")) {
    t.ssl_passthrough = parse_go_bool(pass->value).value_or(false);
  }
  if (const Setting* root = info.policy.setting("app-root")) t.app_root = root->value;
  read_mirror(info, t, findings);
  read_custom_headers(info, inventory, t, findings);
  if (const Setting* affinity = info.policy.setting("affinity"); affinity && experimental &&
                                                                 affinity->value == "cookie") {
    t.session_persistence = session_persistence(info);
  }
  if (const Setting* www = info.policy.setting("from-to-www-redirect")) {
    t.from_to_www = parse_go_bool(www->value).value_or(false);
  }
  return t;
}

}  // namespace im
