// Kong routes for Ingresses (KIC internal/dataplane/translator/
// subtranslator/ingress.go, translate_ingress.go) and how Kong's
// traditional_compatible router picks one (KONG kong/router/transform.lua,
// compat.lua, utils.lua). docs/research/kong-ingress.md has the details.

#include "verify/kong_model.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>

#include "convert/kong_host_aliases.h"
#include "convert/service_lookup.h"
#include "model/kong_plugin_ref.h"
#include "util/text.h"
#include "verify/backend_name.h"

namespace im::verify {

namespace {

/// KIC flattenMultipleSlashes.
std::string flatten_slashes(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == '/' && !out.empty() && out.back() == '/') continue;
    out += c;
  }
  return out;
}

std::string trim_slashes(const std::string& s) {
  size_t b = s.find_first_not_of('/');
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of('/') - b + 1);
}

/// KONG transform.lua get_expression / traditional.lua: "*.a.com" is a
/// suffix of one or more labels (not the Ingress spec's one label); a plain
/// host is compared exactly.
bool host_matches(const std::string& pattern, const std::string& host) {
  if (pattern.empty() || pattern == host) return true;
  // Kong's trailing wildcard, "example.*" (host-aliases).
  if (ends_with(pattern, ".*")) {
    const std::string prefix = pattern.substr(0, pattern.size() - 1);
    return host.size() > prefix.size() && starts_with(host, prefix);
  }
  if (pattern.rfind("*.", 0) != 0) return false;
  const std::string suffix = pattern.substr(1);
  return host.size() > suffix.size() && ends_with(host, suffix);
}

}  // namespace

// KIC PathsFromIngressPaths (§4.1): Prefix /foo gives "/foo/" and
// "~/foo$", Exact "~/foo$", ImplementationSpecific the path as it is (a
// string prefix, or a regex behind the regex prefix). The regexes are not
// escaped. MaybePrependRegexPrefix then turns a leading regex prefix
// ("/~", or konghq.com/regex-prefix) into "~" on every generated path.
std::vector<std::string> kong_paths(const IngressPath& p, const std::string& regex_prefix) {
  std::string path = flatten_slashes(p.path.empty() ? "/" : p.path);
  std::vector<std::string> out;
  if (p.type == PathType::Prefix) {
    std::string base = trim_slashes(path);
    if (base.empty()) {
      out = {"/"};
    } else {
      out = {"/" + base + "/", "~/" + base + "$"};
    }
  } else if (p.type == PathType::Exact) {
    out = {"~/" +
           path.substr(path.find_first_not_of('/') == std::string::npos ? path.size() : path.find_first_not_of('/')) +
           "$"};
  } else {
    out = {path};
  }
  for (std::string& k : out) {
    if (!regex_prefix.empty() && starts_with(k, regex_prefix)) k = "~" + k.substr(regex_prefix.size());
  }
  return out;
}

KongModel::KongModel(const Inventory& inventory, const std::vector<size_t>& ingresses) {
  for (size_t i : ingresses) add_ingress(inventory, i);
  add_default_backend(inventory, ingresses);
}

void KongModel::add_path(const std::string& host, const std::string& kong_path, size_t settings, std::string route,
                         std::string backend, const Location& source) {
  const KongSettings& s = settings_[settings];
  KongPath k;
  k.host = to_lower(host);
  k.regex = starts_with(kong_path, "~");
  k.value = k.regex ? kong_path.substr(1) : kong_path;
  if (k.regex) {
    // transform.lua path_val_transform: "~" dropped, "^" prepended, for
    // Rust's regex crate (RE2 reads the same syntax: no look-around, no
    // backreferences); no end anchor.
    RE2::Options opts;
    opts.set_log_errors(false);
    auto re = std::make_shared<const RE2>("^" + k.value, opts);
    if (re->ok()) k.re = std::move(re);
  }
  // transform.lua get_priority: match_weight counts paths, hosts, methods
  // and headers (no snis are modelled), so a route with methods or headers
  // outranks every route without, whatever their paths; PLAIN_HOST_ONLY
  // when every host is plain; then the header count; regex_priority only
  // for regex sub-routes.
  const bool has_host = !k.host.empty();
  const int match_weight = 1 + (has_host ? 1 : 0) + (s.methods.empty() ? 0 : 1) + (s.headers.empty() ? 0 : 1);
  k.priority = std::make_tuple(match_weight, has_host && k.host.find('*') == std::string::npos,
                               static_cast<int>(s.headers.size()), k.regex, k.regex ? s.regex_priority : 0,
                               k.regex ? 0 : k.value.size());
  k.route = std::move(route);
  k.settings = settings;
  k.backend = std::move(backend);
  k.source = source;
  paths_.push_back(std::move(k));
}

namespace {

/// kongstate/service.go overridePath: the Kubernetes Service's
/// konghq.com/path becomes the Kong Service's path when it starts with "/";
/// grpc and grpcs Services take no path (Service.override). "/" otherwise.
std::string kong_service_path(const Inventory& inventory, const std::string& ns, const std::string& name) {
  const Service* svc = find_service(inventory, ns, name);
  if (!svc) return "/";
  std::string path = "/";
  bool grpc = false;
  for (const Annotation& a : svc->annotations) {
    if (a.key == "konghq.com/path" && starts_with(a.value, "/")) path = a.value;
    if (a.key == "konghq.com/protocol" && (a.value == "grpc" || a.value == "grpcs")) grpc = true;
  }
  return grpc ? "/" : path;
}

/// The backend Service's konghq.com/plugins, which KIC runs on every route
/// to it (kongstate.go getPluginRelations): "" when they leave requests
/// where they went; request-transformer is followed only on the Ingress.
std::string kong_service_plugins_doubt(const Inventory& inventory, const std::string& ns, const std::string& name) {
  const Service* svc = find_service(inventory, ns, name);
  if (!svc) return "";
  auto a = std::find_if(svc->annotations.begin(), svc->annotations.end(),
                        [](const Annotation& x) { return x.key == "konghq.com/plugins"; });
  if (a == svc->annotations.end()) return "";
  for (const KongPluginEntry& e :
       kong_plugin_entries(a->value, ns, inventory.kong_plugins, inventory.kong_cluster_plugins)) {
    if (!e.plugin) return fmt::format("konghq.com/plugins on Service {}: {} is not in the input", name, e.text);
    KongRequestHeaders changes;
    std::string doubt = read_kong_plugin(*e.plugin, changes);
    if (doubt.empty() && (!changes.add.empty() || !changes.append.empty() || changes.upstream_host)) {
      doubt = fmt::format("konghq.com/plugins: {} (plugin request-transformer) on Service {} is not modelled",
                          kong_plugin_label(*e.plugin), name);
    }
    if (!doubt.empty()) return doubt;
  }
  return "";
}

/// KONG kong/router/utils.lua get_upstream_uri_v0, which the ATC router
/// flavours use whatever path_handling says: the Service path `base`
/// joined with the request path, or with what strip_path left of it.
std::string kong_upstream_uri_v0(bool strip, const std::string& postfix, const std::string& req_uri,
                                 const std::string& base) {
  if (base.back() == '/') {
    if (strip) {
      if (postfix.empty()) {
        if (base == "/") return "/";
        if (req_uri.back() == '/') return base;
        return base.substr(0, base.size() - 1);
      }
      if (postfix[0] == '/') return base.substr(0, base.size() - 1) + postfix;  // no double "/"
      return base + postfix;
    }
    return base + req_uri.substr(1);
  }
  if (strip) {
    if (postfix.empty()) return req_uri.size() > 1 && req_uri.back() == '/' ? base + "/" : base;
    if (postfix[0] == '/') return base + postfix;
    return base + "/" + postfix;
  }
  if (req_uri == "/") return base;
  return base + req_uri;
}

/// balancer/init.lua set_host_header, for a route with preserve_host
/// false: the upstream's host_header (the Service's konghq.com/host-header,
/// upstream.go) or else the target's address, with ":port" unless the
/// port is the scheme's own. The target port is taken to be the Service port (the
/// model does not read targetPort).
std::string kong_upstream_host(const Inventory& inventory, const std::string& ns, const Backend& b) {
  std::string host = "(the address of the Pod Kong picked)";
  int default_port = 80;  // the upstream scheme's port: 443 for https and grpcs
  if (const Service* svc = find_service(inventory, ns, b.service_name)) {
    for (const Annotation& a : svc->annotations) {
      if (a.key == "konghq.com/host-header" && !a.value.empty()) host = a.value;
      if (a.key == "konghq.com/protocol" && (a.value == "https" || a.value == "grpcs")) default_port = 443;
    }
  }
  if (b.port.number && *b.port.number != default_port) host += ":" + std::to_string(*b.port.number);
  return host;
}

}  // namespace

void KongModel::add_ingress(const Inventory& inventory, size_t index) {
  const Ingress& ing = inventory.ingresses[index];
  const size_t settings = settings_.size();
  settings_.push_back(read_kong_settings(ing));
  read_kong_plugins(ing, inventory, settings_.back());
  // ingressrules.go: each tls entry with a secret is a certificate for its hosts.
  for (const IngressTLS& t : ing.tls) {
    if (t.secret_name.empty()) continue;
    for (const std::string& h : t.hosts) tls_hosts_.insert(wildcard_instance(to_lower(h)));
  }
  const std::vector<std::string> aliases = read_kong_host_aliases(ing).value_or(std::vector<std::string>{});
  for (const IngressRule& rule : ing.rules) {
    for (const IngressPath& p : rule.paths) {
      if (p.backend.kind != Backend::Kind::Service) continue;  // a translation failure
      const std::string backend = backend_name(inventory, p.backend, ing);
      // ingress.go: one Kong route per (Ingress, host, Service, port),
      // named "<ns>.<ingress>.<service>.<host>.<port>" ("*" as "_").
      std::string host = rule.host;
      for (char& c : host) c = c == '*' ? '_' : c;
      const std::string port = p.backend.port.number ? std::to_string(*p.backend.port.number) : p.backend.port.name;
      const std::string route = fmt::format("{}.{}.{}.{}.{}", ing.ns.empty() ? "default" : ing.ns, ing.name,
                                            p.backend.service_name, host, port);
      // route.go overrideHosts: the aliases join the route's hosts; a rule
      // without a host answers only them.
      std::vector<std::string> hosts = kong_route_hosts(rule.host, aliases);
      if (hosts.empty()) hosts.push_back("");
      const std::string service_path = kong_service_path(inventory, ing.ns, p.backend.service_name);
      const std::string service_doubt = kong_service_plugins_doubt(inventory, ing.ns, p.backend.service_name);
      const std::string upstream_host =
          settings_[settings].preserve_host ? "" : kong_upstream_host(inventory, ing.ns, p.backend);
      for (const std::string& k : kong_paths(p, settings_[settings].regex_prefix)) {
        for (const std::string& h : hosts) {
          add_path(h, k, settings, route, backend, p.location);
          paths_.back().service_path = service_path;
          paths_.back().upstream_host = upstream_host;
          paths_.back().service_doubt = service_doubt;
        }
      }
    }
  }
}

// translate_ingress.go getDefaultBackendService: the defaultBackend of the
// oldest Ingress only (creationTimestamp), as one route "/" without hosts.
void KongModel::add_default_backend(const Inventory& inventory, const std::vector<size_t>& ingresses) {
  const Ingress* oldest = nullptr;
  size_t oldest_settings = 0;
  bool tie = false;
  for (size_t k = 0; k < ingresses.size(); ++k) {
    const Ingress& ing = inventory.ingresses[ingresses[k]];
    if (!ing.default_backend || ing.default_backend->kind != Backend::Kind::Service) continue;
    // A manifest without a timestamp counts as newest.
    auto older = [](const Ingress& a, const Ingress& b) {
      if (a.creation_timestamp.empty() != b.creation_timestamp.empty()) return b.creation_timestamp.empty();
      return a.creation_timestamp < b.creation_timestamp;
    };
    if (!oldest || older(ing, *oldest)) {
      oldest = &ing;
      oldest_settings = k;
      tie = false;
    } else if (!older(*oldest, ing)) {
      tie = true;
    }
  }
  if (!oldest) return;
  if (tie) default_backend_doubt_ = "several Ingresses are the oldest with a defaultBackend; Kong uses one of them";
  // The route is named "<ns>.<ingress>".
  add_path("", "/", oldest_settings, (oldest->ns.empty() ? "default" : oldest->ns) + "." + oldest->name,
           backend_name(inventory, *oldest->default_backend, *oldest), oldest->default_backend->location);
  paths_.back().default_backend = true;
}

bool KongModel::matches(const KongPath& p, const Probe& probe, std::string& matched, bool& unreadable) const {
  if (!host_matches(p.host, probe.host)) return false;
  const std::vector<std::string>& methods = settings_[p.settings].methods;
  if (!methods.empty() && std::find(methods.begin(), methods.end(), probe.method) == methods.end()) return false;
  for (const KongHeaderCondition& h : settings_[p.settings].headers) {
    const std::string* value = probe.header(h.name);
    if (!value) return false;
    if (h.unreadable) {
      unreadable = true;
      return true;
    }
    const std::string lower = to_lower(*value);
    bool any = std::find(h.equals.begin(), h.equals.end(), lower) != h.equals.end();
    for (const auto& re : h.searches) any = any || RE2::PartialMatch(lower, *re);
    if (!any) return false;
  }
  // utils.lua: the normalised path without the query; a prefix is a plain
  // string prefix, a regex is searched from the start.
  if (!p.regex) {
    if (!starts_with(probe.path, p.value)) return false;
    matched = p.value;
    return true;
  }
  if (!p.re) {
    unreadable = true;
    return true;
  }
  re2::StringPiece m;
  if (!p.re->Match(probe.path, 0, probe.path.size(), RE2::UNANCHORED, &m, 1)) return false;
  // "^a|b" can match away from the start; then nothing is a prefix to strip.
  matched = m.data() == probe.path.data() ? std::string(m.data(), m.size()) : std::string();
  return true;
}

Outcome KongModel::route(const Probe& probe) const {
  const KongPath* best = nullptr;
  std::string best_matched;
  std::vector<std::pair<const KongPath*, std::string>> tied;
  for (const KongPath& p : paths_) {
    std::string matched;
    bool unreadable = false;
    if (!matches(p, probe, matched, unreadable)) continue;
    if (unreadable) {
      return Outcome::uncertain(p.regex && !p.re ? "regex path \"~" + p.value + "\" is not understood"
                                                 : "a konghq.com/headers.* regex is not understood");
    }
    if (!best || p.priority > best->priority) {
      best = &p;
      best_matched = matched;
      tied.clear();
    } else if (p.priority == best->priority && p.route != best->route) {
      tied.emplace_back(&p, matched);
    }
  }
  if (!best) return Outcome::not_found();  // "no Route matched with those values"
  Outcome o = serve(*best, probe, best_matched);
  // ATC src/router.rs: equal priorities are ordered by route id, which
  // KIC derives from names: deterministic, but nothing the Ingresses say.
  for (const auto& [other, matched] : tied) {
    if (serve(*other, probe, matched).text(probe.host) != o.text(probe.host)) {
      return Outcome::uncertain(
          fmt::format("Kong routes {} and {} have the same priority for this request; Kong "
                      "orders them by route id",
                      best->route, other->route));
    }
  }
  return o;
}

Outcome KongModel::serve(const KongPath& p, const Probe& probe, const std::string& matched) const {
  const KongSettings& s = settings_[p.settings];
  if (!s.uncertain.empty()) return Outcome::uncertain(s.uncertain);
  if (!p.service_doubt.empty()) return Outcome::uncertain(p.service_doubt);
  if (p.default_backend && !default_backend_doubt_.empty()) return Outcome::uncertain(default_backend_doubt_);
  Outcome o;
  o.served_by = p.source;
  if (probe.scheme == "http" && !s.http) {
    // runloop/handler.lua: an https-only route still matches plain HTTP and
    // answers 426, or redirects with https_redirect_status_code.
    if (s.https_redirect_code == 426) {
      o.kind = Outcome::Kind::Error;
      o.status = 426;
      o.reason = "Please use HTTPS protocol";
    } else {
      o.kind = Outcome::Kind::Redirect;
      o.status = s.https_redirect_code;
      o.location = "https://" + probe.host + probe.uri();
    }
    return o;
  }
  if (probe.scheme == "https" && !s.https)
    return Outcome::uncertain("whether an http-only Kong route matches HTTPS is not confirmed");
  o.kind = Outcome::Kind::Proxy;
  o.backends = {{p.backend, 1}};
  o.host = s.preserve_host ? probe.host : p.upstream_host;
  // strip_path cuts the matched part; what is left joins the Service path.
  if (s.strip_path && matched.empty() && p.regex)
    return Outcome::uncertain("strip-path of a regex match not at the start");
  const std::string postfix = s.strip_path ? probe.path.substr(matched.size()) : std::string();
  o.path = kong_upstream_uri_v0(s.strip_path, postfix, probe.path, p.service_path);
  if (!probe.query.empty()) o.path += "?" + probe.query;
  s.request.apply(probe, o);
  o.normalise();
  return o;
}

}  // namespace im::verify
