#include "verify/kong_settings.h"

#include <fmt/format.h>

#include <cstdlib>
#include <set>

#include "util/text.h"

namespace im::verify {

namespace {

const char* const kPrefix = "konghq.com/";

/// Annotations that never change which backend a request reaches, its
/// upstream path or Host: buffering, tags, and what the ATC router flavours
/// ignore (path-handling; override has no effect on Ingress routes since
/// KIC 3.0). Upstream timeouts, retries and TLS belong on the Service.
bool routing_neutral(const std::string& name) {
  static const std::set<std::string> names = {
      "request-buffering", "response-buffering", "tags",         "path-handling",   "override",
      "connect-timeout",   "read-timeout",       "write-timeout", "retries",         "client-cert",
      "tls-verify",        "tls-verify-depth",   "ca-certificates-secrets", "ca-certificates-configmaps",
      "headers-separator"};
  return names.count(name) > 0;
}

/// KIC annotations.go extractCommaDelimitedStrings: trimmed, empty items dropped.
std::vector<std::string> list(const std::string& value) {
  std::vector<std::string> out;
  for (const std::string& item : split(value, ',')) {
    std::string t = trim(item);
    if (!t.empty()) out.push_back(t);
  }
  return out;
}

/// konghq.com/protocols: any invalid item makes KIC ignore the annotation.
void read_protocols(const Annotation& a, KongSettings& s) {
  static const std::set<std::string> valid = {"http", "https", "grpc", "grpcs", "ws",
                                              "wss",  "tls",   "tcp",  "tls_passthrough"};
  bool http = false, https = false;
  for (const std::string& raw : list(a.value)) {
    std::string p = to_lower(raw);
    if (!valid.count(p)) return;
    if (p == "http") {
      http = true;
    } else if (p == "https") {
      https = true;
    } else {
      s.uncertain = fmt::format("{}: protocol {} is not modelled", a.key, p);
    }
  }
  if (http || https) {
    s.http = http;
    s.https = https;
  }
}

}  // namespace

KongSettings read_kong_settings(const Ingress& ing) {
  KongSettings s;
  // route.go: force-ssl-redirect first (302, TLS protocols), then protocols
  // and https-redirect-status-code, which win over it.
  if (const Annotation* a = ing.annotation("ingress.kubernetes.io/force-ssl-redirect"); a && a->value == "true") {
    s.https_redirect_code = 302;
    s.http = false;
    s.https = true;
  }
  for (const Annotation& a : ing.annotations) {
    if (!starts_with(a.key, kPrefix)) continue;
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
    } else if (name == "protocols") {
      read_protocols(a, s);
    } else if (name == "https-redirect-status-code") {
      if (v == "426" || v == "301" || v == "302" || v == "307" || v == "308") s.https_redirect_code = std::atoi(v.c_str());
    } else if (name == "preserve-host") {
      if (v == "false") s.uncertain = "konghq.com/preserve-host \"false\": the upstream Host is not modelled";
    } else if (!routing_neutral(name)) {
      s.uncertain = fmt::format("annotation {} is not modelled", a.key);
    }
  }
  return s;
}

}  // namespace im::verify
