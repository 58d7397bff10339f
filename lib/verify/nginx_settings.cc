#include "verify/nginx_settings.h"

#include <cstdlib>
#include <set>

#include "util/text.h"

namespace im::verify {

namespace {

/// Go's strconv.ParseBool, which parser.GetBoolAnnotation uses; anything
/// else is an invalid value and the parser keeps the default.
std::optional<bool> go_bool(const std::string& v) {
  static const std::set<std::string> yes = {"1", "t", "T", "TRUE", "true", "True"};
  static const std::set<std::string> no = {"0", "f", "F", "FALSE", "false", "False"};
  if (yes.count(v)) return true;
  if (no.count(v)) return false;
  return std::nullopt;
}

std::optional<int> go_int(const std::string& v) {
  if (v.empty() || v.size() > 9) return std::nullopt;
  size_t i = v[0] == '-' ? 1 : 0;
  if (i == v.size()) return std::nullopt;
  for (; i < v.size(); ++i) {
    if (v[i] < '0' || v[i] > '9') return std::nullopt;
  }
  return std::atoi(v.c_str());
}

/// Annotations that never change which backend a GET request reaches, its
/// upstream path or Host: timeouts, buffering, balancing, logging, upstream
/// TLS, response-only headers (CORS), rate limits (only above the limit).
bool routing_neutral(const std::string& suffix) {
  static const std::set<std::string> exact = {"proxy-connect-timeout",
                                              "proxy-send-timeout",
                                              "proxy-read-timeout",
                                              "proxy-next-upstream",
                                              "proxy-next-upstream-timeout",
                                              "proxy-next-upstream-tries",
                                              "proxy-body-size",
                                              "proxy-buffering",
                                              "proxy-buffer-size",
                                              "proxy-buffers-number",
                                              "proxy-max-temp-file-size",
                                              "proxy-request-buffering",
                                              "proxy-http-version",
                                              "proxy-cookie-domain",
                                              "proxy-cookie-path",
                                              "proxy-redirect-from",
                                              "proxy-redirect-to",
                                              "client-body-buffer-size",
                                              "load-balance",
                                              "upstream-hash-by",
                                              "upstream-hash-by-subset",
                                              "upstream-hash-by-subset-size",
                                              "affinity",
                                              "affinity-mode",
                                              "affinity-canary-behavior",
                                              "enable-access-log",
                                              "enable-rewrite-log",
                                              "enable-opentelemetry",
                                              "enable-opentracing",
                                              "service-upstream",
                                              "ssl-ciphers",
                                              "ssl-prefer-server-ciphers",
                                              "http2-push-preload",
                                              "enable-cors",
                                              "connection-proxy-header",
                                              "custom-headers",
                                              "use-port-in-redirects"};
  static const char* const prefixes[] = {"session-cookie-",   "cors-",      "limit-",
                                         "global-rate-limit", "proxy-ssl-", "opentelemetry-",
                                         "opentracing-"};
  if (exact.count(suffix)) return true;
  for (const char* p : prefixes) {
    if (starts_with(suffix, p)) return true;
  }
  return false;
}

}  // namespace

NginxSettings read_nginx_settings(const Ingress& ing, const std::string& prefix, bool ssl_redirect) {
  NginxSettings s;
  s.ssl_redirect = ssl_redirect;
  std::string temporal, permanent;
  std::optional<int> temporal_code, permanent_code;
  for (const Annotation& a : ing.annotations) {
    if (!starts_with(a.key, prefix + "/")) continue;
    std::string suffix = a.key.substr(prefix.size() + 1);
    const std::string& v = a.value;
    auto flag = [&](bool& field) {
      if (auto b = go_bool(v)) field = *b;
    };
    if (suffix == "use-regex") {
      flag(s.use_regex);
    } else if (suffix == "rewrite-target") {
      s.rewrite_target = v;
    } else if (suffix == "x-forwarded-prefix") {
      s.x_forwarded_prefix = v;
    } else if (suffix == "ssl-redirect") {
      flag(s.ssl_redirect);
    } else if (suffix == "force-ssl-redirect") {
      flag(s.force_ssl_redirect);
    } else if (suffix == "preserve-trailing-slash") {
      flag(s.preserve_trailing_slash);
    } else if (suffix == "temporal-redirect") {
      temporal = v;
    } else if (suffix == "temporal-redirect-code") {
      temporal_code = go_int(v);
    } else if (suffix == "permanent-redirect") {
      permanent = v;
    } else if (suffix == "permanent-redirect-code") {
      permanent_code = go_int(v);
    } else if (suffix == "app-root") {
      s.app_root = v;
    } else if (suffix == "upstream-vhost") {
      s.upstream_vhost = v;
    } else if (suffix == "canary") {
      flag(s.canary.enabled);
    } else if (suffix == "canary-by-header") {
      s.canary.header = to_lower(v);
    } else if (suffix == "canary-by-header-value") {
      s.canary.header_value = v;
    } else if (suffix == "canary-by-header-pattern") {
      s.canary.header_pattern = v;
    } else if (suffix == "canary-by-cookie") {
      s.canary.cookie = v;
    } else if (suffix == "canary-weight") {
      s.canary.weight = go_int(v).value_or(0);
    } else if (suffix == "canary-weight-total") {
      s.canary.weight_total = go_int(v).value_or(100);
    } else if (suffix == "backend-protocol") {
      // HTTP(S) and gRPC(S) change only what the upstream speaks (template.go
      // buildProxyPass: proxy_pass or grpc_pass to the same upstream, the
      // request URI unchanged); FCGI and AJP hand the request over in
      // another form, which a request path cannot show.
      std::string p = to_lower(v);
      if (p != "http" && p != "https" && p != "auto_http" && p != "grpc" && p != "grpcs")
        s.unmodelled.push_back(a.key);
    } else if (suffix == "ssl-passthrough") {
      flag(s.ssl_passthrough);
    } else if (!routing_neutral(suffix)) {
      s.unmodelled.push_back(a.key);
    }
  }
  // annotations/redirect/redirect.go Parse: temporal-redirect is read first
  // and wins; its code must be 300..307 (else 302); permanent-redirect's
  // 300..308 (else 301). isValidURL rejects a URL whose scheme does not
  // start with "http" (the annotation is then an error and ignored).
  auto valid_url = [](const std::string& u) {
    return starts_with(u, "http") && u.find(':') != std::string::npos;
  };
  if (!valid_url(temporal)) temporal.clear();
  if (!valid_url(permanent)) permanent.clear();
  if (!temporal.empty()) {
    s.redirect_url = temporal;
    int c = temporal_code.value_or(302);
    s.redirect_code = c < 300 || c > 307 ? 302 : c;
  } else if (!permanent.empty()) {
    s.redirect_url = permanent;
    int c = permanent_code.value_or(301);
    s.redirect_code = c < 300 || c > 308 ? 301 : c;
  }
  return s;
}

}  // namespace im::verify
