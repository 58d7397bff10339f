#include "verify/kong_settings.h"

#include <fmt/format.h>

#include <cstdlib>
#include <set>

#include "convert/kong_headers.h"
#include "convert/kong_methods.h"
#include "convert/kong_protocols.h"
#include "model/kong_plugin_ref.h"
#include "model/kong_request_transformer.h"
#include "util/text.h"

namespace im::verify {

namespace {

const char* const kPrefix = "konghq.com/";

/// Annotations that never change which backend a request reaches, its
/// upstream path or Host: buffering, tags, and what the ATC router flavours
/// ignore (path-handling; override has no effect on Ingress routes since
/// KIC 3.0). The Service's keys (protocol, path, host-header, upstream
/// timeouts, retries and TLS) do nothing on an Ingress: KIC reads them from
/// the Kubernetes Service only (kongstate/service.go, upstream.go).
bool routing_neutral(const std::string& name) {
  static const std::set<std::string> names = {
      "request-buffering", "response-buffering", "tags",         "path-handling",   "override",
      "connect-timeout",   "read-timeout",       "write-timeout", "retries",         "client-cert",
      "tls-verify",        "tls-verify-depth",   "ca-certificates-secrets", "ca-certificates-configmaps",
      "headers-separator", "protocol",           "path",          "host-header"};
  return names.count(name) > 0;
}

}  // namespace

KongSettings read_kong_settings(const Ingress& ing) {
  KongSettings s;
  // route.go: force-ssl-redirect, https-redirect-status-code and
  // protocols, as the converter reads them.
  const KongProtocols protocols = kong_protocols(ing);
  s.http = protocols.http;
  s.https = protocols.https;
  s.https_redirect_code = protocols.https_redirect_code;
  if (!protocols.others.empty()) {
    s.uncertain = fmt::format("konghq.com/protocols: protocol {} is not modelled", protocols.others.front());
  }
  for (const KongHeader& h : read_kong_headers(ing)) {
    KongHeaderCondition c;
    c.name = to_lower(h.name);
    for (const std::string& v : h.values) {
      if (!starts_with(v, "~*")) {
        c.equals.push_back(to_lower(v));
        continue;
      }
      RE2::Options opts;
      opts.set_log_errors(false);
      auto re = std::make_shared<const RE2>(to_lower(v.substr(2)), opts);
      if (re->ok()) {
        c.searches.push_back(std::move(re));
      } else {
        c.unreadable = true;
      }
    }
    s.headers.push_back(std::move(c));
  }
  for (const Annotation& a : ing.annotations) {
    if (!starts_with(a.key, kPrefix) || starts_with(a.key, "konghq.com/headers.")) continue;
    const std::string name = a.key.substr(std::char_traits<char>::length(kPrefix));
    const std::string v = to_lower(trim(a.value));
    if (name == "strip-path") {
      if (v == "true" || v == "false") s.strip_path = v == "true";
    } else if (name == "regex-prefix") {
      s.regex_prefix = a.value;
    } else if (name == "regex-priority") {
      char* end = nullptr;
      long long n = std::strtoll(a.value.c_str(), &end, 10);
      if (!a.value.empty() && end && *end == '\0') s.regex_priority = n;  // strconv.Atoi; else ignored
    } else if (name == "methods") {
      s.methods = read_kong_methods(a.value).value_or(std::vector<std::string>{});
    } else if (name == "protocols" || name == "https-redirect-status-code" || name == "host-aliases") {
      // read above, and host-aliases by the model's routes
    } else if (name == "plugins") {
      // judged with the input's plugin objects: kong_plugins_doubt
    } else if (name == "preserve-host") {
      if (v == "false") s.preserve_host = false;  // route.go overridePreserveHost; other values: default
    } else if (!routing_neutral(name)) {
      s.uncertain = fmt::format("annotation {} is not modelled", a.key);
    }
  }
  return s;
}

void KongRequestHeaders::apply(const Probe& probe, Outcome& o) const {
  for (const auto& [name, value] : add) {
    if (!probe.header(name)) o.set_headers.emplace_back(name, value);
  }
  for (const auto& [name, value] : append) o.set_headers.emplace_back(name, value);
  if (upstream_host) o.host = *upstream_host;
}

std::string read_kong_plugin(const KongPlugin& p, KongRequestHeaders& out) {
  // Plugin names from the Kong plugin docs (developer.konghq.com/plugins):
  // those that act only on requests over a limit, on responses, or beside
  // the request (logs, metrics, traces).
  static const std::set<std::string> neutral = {
      "rate-limiting", "rate-limiting-advanced", "response-ratelimiting", "request-size-limiting",
      "cors",          "response-transformer",   "file-log",              "http-log",
      "tcp-log",       "udp-log",                "syslog",                "loggly",
      "datadog",       "prometheus",             "statsd",                "zipkin",
      "opentelemetry"};
  if (p.disabled || neutral.count(p.plugin)) return "";
  if (p.plugin != "request-transformer") {
    return fmt::format("konghq.com/plugins: {} (plugin {}) is not modelled", kong_plugin_label(p), p.plugin);
  }
  const KongRequestTransformer rt = read_kong_request_transformer(p);
  if (!rt.unmodelled.empty()) {
    return fmt::format("konghq.com/plugins: {} (plugin request-transformer) {}", kong_plugin_label(p),
                       rt.unmodelled.front());
  }
  for (const auto& [name, value] : rt.add) out.add.emplace_back(to_lower(name), value);
  for (const auto& [name, value] : rt.append) out.append.emplace_back(to_lower(name), value);
  if (rt.host) out.upstream_host = rt.host;
  return "";
}

void read_kong_plugins(const Ingress& ing, const Inventory& inventory, KongSettings& s) {
  const Annotation* a = ing.annotation("konghq.com/plugins");
  if (!a || !s.uncertain.empty()) return;
  for (const KongPluginEntry& e :
       kong_plugin_entries(a->value, ing.ns, inventory.kong_plugins, inventory.kong_cluster_plugins)) {
    s.uncertain = e.plugin ? read_kong_plugin(*e.plugin, s.request)
                           : fmt::format("konghq.com/plugins: {} is not in the input", e.text);
    if (!s.uncertain.empty()) return;
  }
}

}  // namespace im::verify
