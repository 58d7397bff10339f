// Answering one request with the model: server, location, then what the
// location does with it (nginx.tmpl's server and location blocks, and
// lua_ingress.lua / balancer.lua at request time).

#include <fmt/format.h>
#include <re2/re2.h>

#include "util/text.h"
#include "verify/nginx_model.h"

namespace im::verify {

namespace {

/// nginx server_name matching: exact name, else the longest leading
/// wildcard ("*.example.com" matches any depth below it), else the default
/// server.
std::string server_for(const std::map<std::string, NginxServer>& servers, const std::string& host) {
  if (servers.count(host)) return host;
  std::string best = "_";
  for (const auto& [name, s] : servers) {
    if (name.rfind("*.", 0) != 0) continue;
    std::string suffix = name.substr(1);
    if (host.size() > suffix.size() && ends_with(host, suffix) && name.size() > best.size())
      best = name;
  }
  return best;
}

/// nginx `rewrite "(?i)PATH" TARGET break;` (template.go buildProxyPass):
/// when the unanchored pattern matches, the whole URI becomes TARGET with
/// $N replaced by the captures.
std::optional<std::string> rewrite(const std::string& path, const std::string& target,
                                   const std::string& uri) {
  RE2::Options opts;
  opts.set_case_sensitive(false);
  opts.set_log_errors(false);
  RE2 re(path, opts);
  if (!re.ok()) return std::nullopt;
  int groups = re.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> m(static_cast<size_t>(groups) + 1);
  if (!re.Match(uri, 0, uri.size(), RE2::UNANCHORED, m.data(), static_cast<int>(m.size())))
    return uri;
  std::string out;
  for (size_t i = 0; i < target.size(); ++i) {
    if (target[i] == '$' && i + 1 < target.size() && target[i + 1] >= '0' && target[i + 1] <= '9') {
      size_t n = static_cast<size_t>(target[i + 1] - '0');
      if (n < m.size() && m[n].data()) out.append(m[n].data(), m[n].size());
      ++i;
    } else {
      out += target[i];
    }
  }
  return out;
}

}  // namespace

// certificate.lua get_pem_cert_uid: the host's own server, else the
// wildcard server one label up.
bool NginxModel::has_certificate(const std::string& host) const {
  auto cert = [&](const std::string& name) {
    auto it = servers_.find(name);
    return it != servers_.end() && it->second.has_cert;
  };
  size_t dot = host.find('.');
  return cert(host) || (dot != std::string::npos && cert("*" + host.substr(dot)));
}

Outcome NginxModel::route(const Probe& probe) const {
  std::string name = server_for(servers_, probe.host);
  const NginxServer& server = servers_.at(name);

  // ssl-passthrough (controller.go getConfiguration): the TLS proxy in front
  // of nginx hands the whole connection, by SNI, to the backend of the
  // host's "/" location; without one ("has no default backend, ignoring SSL
  // Passthrough") nginx terminates TLS itself. Plain HTTP is served as usual.
  if (probe.scheme == "https" && server.passthrough) {
    for (const NginxLocation& l : server.locations) {
      if (l.path != "/" || l.exact || l.backend.empty()) continue;
      Outcome o;
      o.kind = Outcome::Kind::Passthrough;
      o.backends = {{l.backend, 1}};
      return o;
    }
  }

  // nginx.tmpl: `if ($uri = /) { return 302 $scheme://$http_host<app-root>; }`
  // sits in the server block, ahead of every location. `return` sends its
  // URL as written: the request's query string is dropped.
  if (probe.path == "/") {
    for (const NginxLocation& l : server.locations) {
      if (l.owner == SIZE_MAX || l.catch_all || settings_[l.owner].app_root.empty()) continue;
      Outcome o;
      o.kind = Outcome::Kind::Redirect;
      o.status = 302;
      o.location = probe.scheme + "://" + probe.host + settings_[l.owner].app_root;
      return o;
    }
  }

  // The index leaves out only locations that cannot match (location_index.h).
  if (server.regex) {
    // Every location is a regex (template.go buildLocation: `location ~*
    // "^PATH"`, case-insensitive, anchored at the start only), tried in the
    // sorted order; first match wins. RE2 reads nginx's PCRE patterns
    // except for backreferences and lookaround.
    for (size_t i : server.index.regex_candidates(probe.path)) {
      const NginxLocation& l = server.locations[i];
      const RE2* re = server.index.regex(i);
      if (!re) return Outcome::uncertain("location regex \"" + l.path + "\" is not understood");
      if (RE2::PartialMatch(probe.path, *re)) return serve(l, probe);
    }
    return Outcome::not_found();
  }
  if (auto exact = server.index.exact(probe.path)) return serve(server.locations[*exact], probe);
  // nginx's auto_redirect: a proxy_pass prefix location "/p/" answers
  // "/p" with a 301 to "/p/" (when no `location = /p` exists).
  if (server.index.prefix_named(probe.path + "/")) {
    Outcome o;
    o.kind = Outcome::Kind::Redirect;
    o.status = 301;
    // (ngx_http_core_find_location keeps the arguments on this redirect.)
    o.location = probe.scheme + "://" + probe.host + probe.path + "/" +
                 (probe.query.empty() ? "" : "?" + probe.query);
    return o;
  }
  auto best = server.index.longest_prefix(probe.path);
  if (!best) return Outcome::not_found();
  return serve(server.locations[*best], probe);
}

Outcome NginxModel::serve(const NginxLocation& loc, const Probe& probe) const {
  Outcome o = serve_unattributed(loc, probe);
  if (!loc.is_def_backend) o.served_by = loc.source;
  return o;
}

Outcome NginxModel::serve_unattributed(const NginxLocation& loc, const Probe& probe) const {
  static const NginxSettings defaults;
  NginxSettings s = loc.owner == SIZE_MAX ? defaults : settings_[loc.owner];
  if (loc.catch_all) {
    // createServers: "Redirect and rewrite can affect the catch all
    // behavior, skip for now" -- the catch-all keeps the defaults for both.
    NginxSettings kept = defaults;
    kept.unmodelled = s.unmodelled;
    kept.upstream_vhost = s.upstream_vhost;
    s = kept;
  }
  if (!s.unmodelled.empty()) {
    return Outcome::uncertain("annotation " + join(s.unmodelled, ", ") + " is not modelled");
  }
  Outcome o;
  // `return CODE URL;` (permanent/temporal-redirect) is a rewrite-module
  // directive, which runs before rewrite_by_lua's https redirect. The URL
  // is sent as written, without the request's query string.
  if (!s.redirect_url.empty()) {
    o.kind = Outcome::Kind::Redirect;
    o.status = s.redirect_code;
    o.location = s.redirect_url;
    return o;
  }
  // lua_ingress.lua redirect_to_https: force-ssl-redirect always; ssl-redirect
  // only when a certificate is configured for the host; never below
  // no-tls-redirect-locations (/.well-known/acme-challenge, tested on the
  // location's path).
  bool acme = starts_with(loc.path, "/.well-known/acme-challenge");
  // lua_ingress.lua: the scheme is the connection's, or X-Forwarded-Proto
  // when the ConfigMap sets use-forwarded-headers.
  std::string scheme = probe.scheme;
  if (config_.use_forwarded_headers) {
    if (const std::string* forwarded = probe.header("x-forwarded-proto")) scheme = *forwarded;
  }
  if (scheme == "http" && !acme &&
      (s.force_ssl_redirect || (s.ssl_redirect && has_certificate(probe.host)))) {
    // ngx.var.request_uri: the path and the query, so "/p/?q" keeps its
    // slash, which only a bare trailing "/" loses.
    std::string uri = probe.uri();
    // "do not append a trailing slash on redirects unless enabled"
    if (!s.preserve_trailing_slash && !uri.empty() && uri.back() == '/') uri.pop_back();
    o.kind = Outcome::Kind::Redirect;
    o.status = 308;  // config.go HTTPRedirectCode
    o.location = "https://" + probe.host + (uri.empty() ? "/" : uri);
    return o;
  }
  if (loc.backend.empty()) return Outcome::not_found();
  std::string uncertain;
  o.backends = pick_backends(loc.backend, probe, uncertain);
  if (!uncertain.empty()) return Outcome::uncertain(uncertain);
  o.kind = Outcome::Kind::Proxy;
  // proxy_pass without a URI part passes the request URI, query included.
  o.path = probe.uri();
  o.host = s.upstream_vhost.empty() ? probe.host : s.upstream_vhost;
  if (!s.rewrite_target.empty() && s.rewrite_target != loc.ingress_path) {
    auto rewritten = rewrite(loc.ingress_path, s.rewrite_target, probe.path);
    if (!rewritten)
      return Outcome::uncertain("rewrite regex \"" + loc.path + "\" is not understood");
    // nginx's rewrite appends the request's arguments to the new URI, after
    // "&" when the target has its own (a target ending in "?" drops them).
    o.path = *rewritten;
    if (!probe.query.empty() && !o.path.empty() && o.path.back() != '?')
      o.path += (o.path.find('?') == std::string::npos ? "?" : "&") + probe.query;
    if (!o.path.empty() && o.path.back() == '?') o.path.pop_back();
    // Only the rewrite branch of buildProxyPass sends X-Forwarded-Prefix.
    if (!s.x_forwarded_prefix.empty())
      o.set_headers.emplace_back("x-forwarded-prefix", s.x_forwarded_prefix);
  }
  o.normalise();
  return o;
}

// balancer.lua route_to_alternative_balancer: header, then cookie, then
// weight (weight-total below 100 is read as 100).
std::vector<WeightedBackend> NginxModel::pick_backends(const std::string& primary,
                                                       const Probe& probe,
                                                       std::string& uncertain) const {
  auto it = canaries_.find(primary);
  if (it == canaries_.end()) return {{primary, 1}};
  const NginxCanary& c = settings_[it->second.settings].canary;
  const std::string& canary = it->second.backend;
  if (!c.header.empty()) {
    if (const std::string* v = probe.header(c.header)) {
      if (!c.header_value.empty()) {
        if (*v == c.header_value) return {{canary, 1}};
      } else if (!c.header_pattern.empty()) {
        uncertain = "canary-by-header-pattern is matched by Lua's PCRE, which is not modelled";
        return {};
      } else if (*v == "always") {
        return {{canary, 1}};
      } else if (*v == "never") {
        return {{primary, 1}};
      }
    }
  }
  if (!c.cookie.empty()) {
    if (const std::string* v = probe.cookie(c.cookie)) {
      if (*v == "always") return {{canary, 1}};
      if (*v == "never") return {{primary, 1}};
    }
  }
  int total = c.weight_total > 100 ? c.weight_total : 100;
  double share = std::min(std::max(c.weight, 0), total) / static_cast<double>(total);
  if (share <= 0) return {{primary, 1}};
  if (share >= 1) return {{canary, 1}};
  return {{primary, 1 - share}, {canary, share}};
}

}  // namespace im::verify
