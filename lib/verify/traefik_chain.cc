#include "verify/traefik_chain.h"

#include <fmt/format.h>

#include "util/text.h"

namespace im::verify {

namespace {

std::string ref(const TraefikMiddleware& m) {
  return fmt::format("{}/{} ({})", m.ns, m.name, m.type);
}

/// The request as the chain has made it so far.
struct Request {
  std::string path;
  std::string query;
  std::string host;
  std::vector<std::pair<std::string, std::string>> set;

  std::string uri() const { return query.empty() ? path : path + "?" + query; }
  void set_header(const std::string& name, const std::string& value) {
    for (auto& [k, v] : set) {
      if (k == name) {
        v = value;
        return;
      }
    }
    set.emplace_back(name, value);
  }
};

/// stripprefix/strip_prefix.go: the first prefix (in list order) the path
/// starts with, character-wise, is cut; the rest gets a leading "/" (an
/// empty path reaches the upstream as "/"); X-Forwarded-Prefix is added.
void strip_prefix(const TraefikMiddleware& m, Request& r) {
  for (const std::string& prefix : m.prefixes) {
    if (!starts_with(r.path, prefix)) continue;
    std::string rest = r.path.substr(prefix.size());
    r.path = rest.empty() || rest[0] != '/' ? "/" + rest : rest;
    r.set_header("x-forwarded-prefix", prefix);
    return;
  }
}

/// redirect/redirect_scheme.go: the URL rebuilt with the new scheme (and
/// port, when it is not the scheme's default); when that is the request's
/// own URL the request goes on. redirect.go moveHandler: 301 (permanent) or
/// 302 for a GET, which the probes are.
bool redirect_scheme(const TraefikMiddleware& m, const Probe& probe, const Request& r, Outcome& out) {
  const std::string scheme = to_lower(m.value);
  const bool default_port = m.port.empty() || (scheme == "http" && m.port == "80") ||
                            (scheme == "https" && m.port == "443");
  const std::string target = scheme + "://" + r.host + (default_port ? "" : ":" + m.port) + r.uri();
  if (target == probe.scheme + "://" + r.host + r.uri()) return false;
  out.kind = Outcome::Kind::Redirect;
  out.status = m.permanent ? 301 : 302;
  out.location = target;
  return true;
}

/// headers/header.go: customRequestHeaders replace a header ("" removes
/// it; Host sets the request's Host). Response headers do not change where
/// the request goes.
bool request_headers(const TraefikMiddleware& m, const Probe& probe, Request& r, std::string& why) {
  for (const auto& [name, value] : m.request_headers) {
    const std::string key = to_lower(name);
    if (value.empty()) {
      if (probe.header(key)) {
        why = fmt::format("middleware {} removes the request's {} header", ref(m), name);
        return false;
      }
    } else if (key == "host") {
      r.host = value;
    } else {
      r.set_header(key, value);
    }
  }
  return true;
}

/// headers' fields that only shape the response (headers/secure.go, CORS
/// preflights being OPTIONS requests): they do not change where a request
/// goes. allowedHosts, sslRedirect and the like do, and stay unmodelled.
bool response_only(const std::string& field) {
  static const char* const kFields[] = {
      "headers.frameDeny",         "headers.customFrameOptionsValue", "headers.contentTypeNosniff",
      "headers.browserXssFilter",  "headers.customBrowserXSSValue",   "headers.contentSecurityPolicy",
      "headers.contentSecurityPolicyReportOnly", "headers.publicKey", "headers.referrerPolicy",
      "headers.permissionsPolicy", "headers.featurePolicy",           "headers.stsSeconds",
      "headers.stsIncludeSubdomains", "headers.stsPreload",           "headers.forceSTSHeader",
      "headers.isDevelopment",     "headers.addVaryHeader"};
  if (starts_with(field, "headers.accessControl")) return true;
  for (const char* f : kFields) {
    if (field == f) return true;
  }
  return false;
}

}  // namespace

Outcome run_traefik_middlewares(const std::vector<const TraefikMiddleware*>& chain, const Probe& probe) {
  Request r{probe.path, probe.query, probe.host, {}};
  const TraefikMiddleware* rewrote = nullptr;  // an addPrefix or replacePath so far
  for (const TraefikMiddleware* m : chain) {
    std::vector<std::string> unread;
    for (const std::string& f : m->unread) {
      if (!response_only(f)) unread.push_back(f);
    }
    if (!unread.empty()) {
      return Outcome::uncertain(
          fmt::format("middleware {} sets {}, which verify does not model", ref(*m), join(unread, ", ")));
    }
    Outcome redirect;
    std::string why;
    if (m->type == "stripPrefix") {
      strip_prefix(*m, r);
    } else if (m->type == "addPrefix" && !m->value.empty()) {
      // addprefix/add_prefix.go: prefix + path, with a leading "/".
      rewrote = m;
      r.path = m->value + r.path;
      if (r.path[0] != '/') r.path = "/" + r.path;
    } else if (m->type == "replacePath") {
      // replacepath/replace_path.go: the whole path; the old one goes in X-Replaced-Path.
      rewrote = m;
      r.set_header("x-replaced-path", r.path);
      r.path = m->value;
    } else if (m->type == "redirectScheme") {
      // After stripPrefix the Location has the stripped path (strip_prefix.go
      // updates RequestURI, redirect.go reads it); whether addPrefix and
      // replacePath update RequestURI too is not confirmed.
      if (rewrote) {
        return Outcome::uncertain(fmt::format("middleware {} redirects after {} rewrote the path", ref(*m),
                                              ref(*rewrote)));
      }
      if (redirect_scheme(*m, probe, r, redirect)) return redirect;
    } else if (m->type == "headers") {
      if (!request_headers(*m, probe, r, why)) return Outcome::uncertain(why);
    } else {
      return Outcome::uncertain(fmt::format("middleware {} is not modelled", ref(*m)));
    }
  }
  Outcome o;
  o.kind = Outcome::Kind::Proxy;
  o.path = r.uri();
  o.host = r.host;  // passHostHeader defaults to true (http_config.go DefaultPassHostHeader)
  o.set_headers = std::move(r.set);
  return o;
}

}  // namespace im::verify
