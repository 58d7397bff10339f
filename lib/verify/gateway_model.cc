// The precedence rules quoted here are from the Gateway API v1 spec
// (HTTPRouteSpec.hostnames, HTTPRouteRule.matches, Listener hostname,
// HTTPPathModifier, HTTPRequestRedirectFilter).

#include "verify/gateway_model.h"

#include "convert/topology.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <tuple>

#include "util/text.h"
#include "verify/grpc_routes.h"
#include "verify/traefik_chain.h"

namespace im::verify {

bool hostname_matches(const std::string& pattern, const std::string& host) {
  // Hostnames compare case-insensitively; `host` is already lower case.
  auto same = [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; };
  if (pattern.rfind("*.", 0) == 0) {
    size_t n = pattern.size() - 1;  // ".example.com"
    return host.size() > n &&
           std::equal(pattern.begin() + 1, pattern.end(), host.end() - static_cast<long>(n), same);
  }
  return pattern.size() == host.size() &&
         std::equal(pattern.begin(), pattern.end(), host.begin(), same);
}

bool prefix_matches(const std::string& prefix, const std::string& path) {
  std::string p = prefix;
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  if (p == "/") return true;
  return path == p || starts_with(path, p + "/");
}

std::string replace_prefix(const std::string& path, const std::string& matched,
                           const std::string& replacement) {
  std::string m = matched;
  while (!m.empty() && m.back() == '/') m.pop_back();
  std::string rest = path.substr(std::min(m.size(), path.size()));
  std::string r = replacement;
  while (!r.empty() && r.back() == '/') r.pop_back();
  std::string out = r + rest;
  if (out.empty() || out[0] != '/') out = "/" + out;
  return out;
}

RegexCache::RegexCache() = default;
RegexCache::~RegexCache() = default;

void RegexCache::add(const std::string& pattern) {
  if (compiled_.count(pattern)) return;
  auto re = std::make_unique<re2::RE2>(pattern, re2::RE2::Quiet);
  compiled_.emplace(pattern, re->ok() ? std::move(re) : nullptr);
}

const re2::RE2* RegexCache::find(const std::string& pattern) const {
  auto it = compiled_.find(pattern);
  return it == compiled_.end() ? nullptr : it->second.get();
}

namespace {

/// Where a listener stands for a request: how specific its hostname is
/// (exact beats the longest wildcard beats none).
int listener_specificity(const ListenerIR& l, const std::string& host) {
  if (l.hostname.empty()) return 0;
  if (!hostname_matches(l.hostname, host)) return -1;
  return l.hostname[0] == '*' ? 1 + static_cast<int>(l.hostname.size()) : 100000;
}

struct Candidate {
  const HTTPRouteIR* route;
  const RouteRuleIR* rule;
  size_t rule_index;
  int host_exact_chars;  ///< characters of a matching non-wildcard hostname
  int host_chars;        ///< characters of the matching hostname
};

/// Spec precedence: hostname specificity across routes, then Exact path,
/// longest prefix, header count, method match (HTTPRouteRule spec: "Method
/// match" comes after "Largest number of header matches"), then (creation
/// time, unknown in the IR)
/// namespace/name, then rule order.
bool precedes(const Candidate& a, const Candidate& b) {
  auto key = [](const Candidate& c) {
    // A RegularExpression rule only becomes a candidate under a dialect
    // that ranks it (GatewayDialect::re2_regex): after Exact, before PathPrefix.
    const std::string& type = c.rule->path.type;
    const int rank = type == "Exact" ? 0 : type == "RegularExpression" ? 1 : 2;
    return std::make_tuple(-c.host_exact_chars, -c.host_chars, rank,
                           -static_cast<long>(c.rule->path.value.size()),
                           -static_cast<long>(c.rule->headers.size()), c.rule->method.empty());
  };
  auto ka = key(a), kb = key(b);
  if (ka != kb) return ka < kb;
  auto ra = std::tie(a.route->ns, a.route->name), rb = std::tie(b.route->ns, b.route->name);
  if (ra != rb) return ra < rb;
  return a.rule_index < b.rule_index;
}

std::string backend_ref_name(const BackendRefIR& b, const std::string& ns) {
  std::string n = ns.empty() ? "default" : ns;
  if (!b.kind.empty() && b.kind != "Service")
    return fmt::format("{}/{} {}/{}", b.group, b.kind, n, b.name);
  return fmt::format("{}/{}:{}", n, b.name, b.port ? std::to_string(*b.port) : "?");
}

/// Whether the rule's matches take the request; "" or the reason the
/// answer depends on the implementation.
/// `regexes` is null when the implementation's regex dialect is unknown.
bool rule_matches(const RouteRuleIR& r, const Probe& probe, const RegexCache* regexes, std::string& uncertain) {
  if (r.path.type == "RegularExpression") {
    const re2::RE2* re = regexes ? regexes->find(r.path.value) : nullptr;
    if (!re) {
      uncertain = "RegularExpression path \"" + r.path.value + "\" is implementation-specific";
      return false;
    }
    if (!re2::RE2::FullMatch(probe.path, *re)) return false;
  }
  if (r.path.type == "Exact" && r.path.value != probe.path) return false;
  if (r.path.type == "PathPrefix" && !prefix_matches(r.path.value, probe.path)) return false;
  if (!r.method.empty() && r.method != probe.method) return false;
  for (const HeaderMatchIR& h : r.headers) {
    std::string value;
    if (to_lower(h.name) == "cookie") {
      for (const auto& [k, v] : probe.cookies) value += (value.empty() ? "" : "; ") + k + "=" + v;
    } else if (const std::string* v = probe.header(to_lower(h.name))) {
      value = *v;
    }
    bool present = to_lower(h.name) == "cookie" ? !probe.cookies.empty()
                                                : probe.header(to_lower(h.name)) != nullptr;
    if (h.type == "Unmodelled") {
      uncertain = "a " + h.name + " match is not modelled";
      return false;
    }
    if (h.type == "RegularExpression") {
      if (!present) return false;  // no value can match a header that is absent
      if (const re2::RE2* re = regexes ? regexes->find(h.value) : nullptr) {
        if (!re2::RE2::FullMatch(value, *re)) return false;
        continue;
      }
      uncertain = "RegularExpression header match on " + h.name + " is implementation-specific";
      return false;
    }
    if (!present || value != h.value) return false;
  }
  return true;
}

/// The backends with weight (1 when unset) and their share of the traffic;
/// empty when no backend has any.
std::vector<WeightedBackend> weighted_backends(const std::vector<BackendRefIR>& backends,
                                               const std::string& ns) {
  long total = 0;
  for (const auto& b : backends) total += std::max(b.weight.value_or(1), 0);
  std::vector<WeightedBackend> out;
  if (total <= 0) return out;
  for (const auto& b : backends) {
    int w = b.weight.value_or(1);
    if (w > 0) out.push_back({backend_ref_name(b, ns), w / static_cast<double>(total)});
  }
  return out;
}

std::string query_suffix(const Probe& probe) {
  return probe.query.empty() ? "" : "?" + probe.query;
}

Outcome apply_rule(const Candidate& c, const Probe& probe, int listener_port, const RegexCache& regexes,
                   const ExtensionFilter* ext) {
  const FilterSet& f = c.rule->filters.get();
  Outcome o;
  const std::string& matched = c.rule->path.value;
  bool prefix = c.rule->path.type == "PathPrefix";
  if (f.redirect) {
    const RedirectSpec& r = *f.redirect;
    std::string scheme = r.scheme.empty() ? probe.scheme : r.scheme;
    std::string host = r.hostname.empty() ? probe.host : r.hostname;
    // Without a port: the scheme's well-known port when the scheme is set,
    // else the listener's; well-known ports are left out of Location.
    int port = r.port              ? *r.port
               : !r.scheme.empty() ? (scheme == "https" ? 443 : 80)
                                   : listener_port;
    bool well_known = (scheme == "http" && port == 80) || (scheme == "https" && port == 443);
    std::string path = probe.path;
    if (r.full_path) path = *r.full_path;
    if (r.prefix && prefix) path = replace_prefix(probe.path, matched, *r.prefix);
    o.kind = Outcome::Kind::Redirect;
    o.status = r.status_code;
    // RequestRedirect changes only the parts it names and keeps "other
    // components from the original request URL": the query stays.
    o.location = scheme + "://" + host + (well_known ? "" : ":" + std::to_string(port)) + path +
                 query_suffix(probe);
    return o;
  }
  o.path = probe.path;
  if (f.rewrite_full_path) o.path = *f.rewrite_full_path;
  if (f.rewrite_prefix && prefix) o.path = replace_prefix(probe.path, matched, *f.rewrite_prefix);
  const RegexRewrite* regex_rewrite = f.rewrite_regex ? &*f.rewrite_regex
                                      : ext && ext->rewrite ? &*ext->rewrite
                                                            : nullptr;
  if (regex_rewrite) {
    // Envoy's regex_rewrite: every match in the path is replaced (RE2
    // GlobalReplace); a pattern that does not compile leaves the path.
    if (const re2::RE2* re = regexes.find(regex_rewrite->pattern)) {
      re2::RE2::GlobalReplace(&o.path, *re, regex_rewrite->substitution);
    }
  }
  o.path += query_suffix(probe);  // URLRewrite rewrites the path only
  o.host = f.rewrite_hostname ? *f.rewrite_hostname : probe.host;
  for (const auto& [k, v] : f.request_set) o.set_headers.emplace_back(to_lower(k), v);
  // An added value is what the backend sees where the client did not send
  // the header, as the probes do not (gateway_reader reads add so too).
  for (const auto& [k, v] : f.request_add) o.set_headers.emplace_back(to_lower(k), v);
  if (ext) ext->kong.apply(probe, o);
  if (ext && !ext->traefik_chain.empty()) {
    // The Middlewares see the request as the standard filters left it.
    Probe seen = probe;
    seen.path = o.path.substr(0, o.path.find('?'));
    seen.host = o.host;
    Outcome chained = run_traefik_middlewares(ext->traefik_chain, seen);
    if (chained.kind != Outcome::Kind::Proxy) return chained;
    o.path = chained.path;
    o.host = chained.host;
    for (auto& header : chained.set_headers) o.set_headers.push_back(std::move(header));
  }
  for (const auto& m : f.mirrors) {
    const auto& ref = m.value("backendRef", nlohmann::ordered_json::object());
    BackendRefIR b;
    b.name = ref.value("name", "");
    b.kind = ref.value("kind", "");
    b.group = ref.value("group", "");
    if (ref.contains("port")) b.port = ref.at("port").get<int>();
    o.mirrors.push_back(backend_ref_name(b, ref.value("namespace", c.route->ns)));
  }
  o.backends = weighted_backends(c.rule->backends, c.route->ns);
  if (o.backends.empty()) {
    o.kind = Outcome::Kind::Error;
    o.status = 500;
    o.reason = "rule has no backend with weight";
    return o;
  }
  o.kind = Outcome::Kind::Proxy;
  o.normalise();
  return o;
}

/// Whether `route` attaches to `listener` of `gw` and has a hostname that
/// survives the intersection with the listener's and matches `host`; sets
/// how many characters of it are exact (spec precedence).
template <typename Route>
bool route_takes(const Route& route, const GatewayIR& gw, const ListenerIR& listener,
                 const std::string& host, int& exact_chars, int& chars) {
  bool attached = false;
  // A listener of a ListenerSet is reached through the ListenerSet, and its
  // "Same" namespace is the ListenerSet's.
  const bool in_set = !listener.set_name.empty();
  const std::string& owner_ns = in_set ? listener.set_ns : gw.ns;
  for (const ParentRefIR& p : route.parents) {
    std::string ns = p.ns.empty() ? route.ns : p.ns;
    if ((p.kind == "ListenerSet") != in_set) continue;
    if (in_set ? (ns != listener.set_ns || p.name != listener.set_name) : (ns != gw.ns || p.name != gw.name))
      continue;
    if (!p.section.empty() && p.section != listener.name) continue;
    if (p.port && *p.port != listener.port) continue;
    attached = true;
  }
  // allowedRoutes.namespaces: Same by default, "*" = All, else a list.
  const auto& allowed = listener.route_namespaces;
  bool ns_ok = route.ns == owner_ns || std::find(allowed.begin(), allowed.end(), "*") != allowed.end() ||
               std::find(allowed.begin(), allowed.end(), route.ns) != allowed.end();
  if (!attached || !ns_ok) return false;
  exact_chars = -1;
  chars = -1;
  std::vector<std::string> names = route.hostnames;
  if (names.empty()) names.push_back(listener.hostname.empty() ? "*" : listener.hostname);
  for (const std::string& h : names) {
    bool match = h == "*" || hostname_matches(h, host);
    bool listener_ok = listener.hostname.empty() || hostname_matches(listener.hostname, host);
    if (!match || !listener_ok) continue;
    bool wildcard = h[0] == '*';
    exact_chars = std::max(exact_chars, wildcard ? 0 : static_cast<int>(h.size()));
    chars = std::max(chars, h == "*" ? 0 : static_cast<int>(h.size()));
  }
  return chars >= 0;
}

// A TraefikService (traefik.io) whose weighted round robin has one entry,
// a Kubernetes Service with a port, sends every request to that Service
// (crd/kubernetes_http.go buildServicesLB): the conversion wraps Services so
// to give them a sticky cookie or a balancing strategy.
void index_traefik_service(const nlohmann::ordered_json& o, std::map<std::string, std::string>& aliases) {
  const auto& meta = o.value("metadata", nlohmann::ordered_json::object());
  const std::string ns = meta.value("namespace", "");
  const std::string group = o.value("apiVersion", "").substr(0, o.value("apiVersion", "").find('/'));
  const auto& services = o.value("spec", nlohmann::ordered_json::object())
                             .value("weighted", nlohmann::ordered_json::object())
                             .value("services", nlohmann::ordered_json::array());
  if (services.size() != 1 || !services[0].is_object()) return;
  const auto& entry = services[0];
  if (entry.value("kind", "Service") != "Service" || !entry.contains("port") || !entry["port"].is_number_integer())
    return;
  BackendRefIR wrapper;
  wrapper.group = group;
  wrapper.kind = "TraefikService";
  wrapper.name = meta.value("name", "");
  BackendRefIR service;
  service.name = entry.value("name", "");
  service.port = entry["port"].get<int>();
  aliases[backend_ref_name(wrapper, ns)] = backend_ref_name(service, entry.value("namespace", ns));
}

}  // namespace

GatewayModel::GatewayModel(const ConversionOutput& output, GatewayDialect dialect,
                           const std::vector<TraefikMiddleware>* traefik_middlewares,
                           const std::vector<KongPlugin>* kong_plugins)
    : out_(output), dialect_(dialect) {
  if (traefik_middlewares) {
    for (const TraefikMiddleware& m : *traefik_middlewares) traefik_middlewares_.emplace(m.ns + "/" + m.name, &m);
  }
  if (kong_plugins) {
    for (const KongPlugin& p : *kong_plugins) kong_plugins_.emplace(p.ns + "/" + p.name, &p);
  }
  // The HTTPRouteFilters by "ns/name", for the ExtensionRefs (the last one
  // of a name wins, as a later `kubectl apply` would).
  for (const auto& v : out_.vendor_objects) {
    if (v.object.value("kind", "") != "HTTPRouteFilter") continue;
    const auto& meta = v.object.value("metadata", nlohmann::ordered_json::object());
    route_filters_[meta.value("namespace", "") + "/" + meta.value("name", "")] = &v.object;
  }
  for (const auto& v : out_.vendor_objects) {
    if (v.object.value("kind", "") != "Middleware") continue;
    const auto& meta = v.object.value("metadata", nlohmann::ordered_json::object());
    written_middlewares_.insert(meta.value("namespace", "") + "/" + meta.value("name", ""));
  }
  for (const auto& v : out_.vendor_objects) {
    if (v.object.value("kind", "") != "TraefikService") continue;
    index_traefik_service(v.object, backend_aliases_);
  }
  gateways_ = reachable_gateways(out_);
  for (size_t g = 0; g < gateways_.size(); ++g) {
    for (const ListenerIR& l : gateways_[g].listeners) {
      if (l.hostname.empty() || l.hostname[0] == '*') {
        listeners_any_host_.emplace_back(g, &l);
      } else {
        listeners_by_host_[to_lower(l.hostname)].emplace_back(g, &l);
      }
    }
  }
  // GRPCRoutes and HTTPRoutes share listeners and hostnames; Envoy
  // Gateway, for one, merges their rules into one route table
  // (internal/gatewayapi/testdata/grpcroute-mixed-with-httproute).
  for (const HTTPRouteIR& r : out_.http_routes) routes_.push_back(&r);
  for (const GRPCRouteIR& g : out_.grpc_routes) {
    grpc_as_http_.push_back(grpc_route_as_http(g));
    routes_.push_back(&grpc_as_http_.back());
  }
  for (size_t i = 0; i < routes_.size(); ++i) {
    const HTTPRouteIR& route = *routes_[i];
    std::set<std::string> exact_names;
    bool any = route.hostnames.empty();
    for (const auto& h : route.hostnames) {
      if (h.empty() || h[0] == '*') {
        any = true;
      } else {
        exact_names.insert(to_lower(h));
      }
    }
    for (size_t k = 0; k < route.rules.size(); ++k) {
      const RouteRuleIR& rule = route.rules[k];
      if (rule.filters.get().rewrite_regex) {
        regexes_.add(rule.filters.get().rewrite_regex->pattern);
      } else if (!rule.filters.get().extension_refs.empty()) {
        resolve_extension_refs(rule, route.ns);
      }
      if (dialect_.re2_regex) {
        if (rule.path.type == "RegularExpression") regexes_.add(rule.path.value);
        for (const HeaderMatchIR& h : rule.headers) {
          if (h.type == "RegularExpression") regexes_.add(h.value);
        }
      }
      if (any) rules_any_host_.add(route.rules[k], {i, k});
      for (const auto& h : exact_names) rules_by_host_[h].add(route.rules[k], {i, k});
    }
  }
}

void GatewayModel::resolve_extension_refs(const RouteRuleIR& rule, const std::string& ns) {
  for (const auto& ref : rule.filters.get().extension_refs) {
    const std::string name = ref.value("name", "");
    if (ref.value("group", "") == "traefik.io" && ref.value("kind", "") == "Middleware") {
      // Traefik's Gateway API provider runs the named Middleware
      // (pkg/provider/kubernetes/gateway/httproute.go loadMiddlewares), as
      // its Ingress provider did for router.middlewares.
      // Those --target-controller wrote for ingress-nginx's keys (rate
      // limits, auth, buffering, retries) refuse or retry requests but do
      // not change where they go: not modelled, as before they existed.
      if (written_middlewares_.count(ns + "/" + name)) continue;
      ExtensionFilter& f = extension_filters_[&rule];
      auto it = traefik_middlewares_.find(ns + "/" + name);
      if (it == traefik_middlewares_.end()) {
        f.missing = "ExtensionRef to Middleware " + ns + "/" + name + ", which is not in the input";
      } else {
        f.traefik_chain.push_back(it->second);
      }
      continue;
    }
    if (ref.value("group", "") == "configuration.konghq.com" && ref.value("kind", "") == "KongPlugin") {
      // Kong's own Gateway runs the KongPlugin (KIC subtranslator/
      // httproute.go generateExtensionRefKongPlugin) as it did for
      // konghq.com/plugins: judged as the Kong model judges it.
      auto it = kong_plugins_.find(ns + "/" + name);
      if (it == kong_plugins_.end()) continue;  // not in the input: Kong's side is uncertain for it
      ExtensionFilter& f = extension_filters_[&rule];
      const std::string doubt = read_kong_plugin(*it->second, f.kong);
      if (!doubt.empty() && f.unmodelled.empty()) f.unmodelled = doubt;
      continue;
    }
    if (ref.value("group", "") != "gateway.envoyproxy.io" || ref.value("kind", "") != "HTTPRouteFilter") continue;
    ExtensionFilter& f = extension_filters_[&rule];
    auto it = route_filters_.find(ns + "/" + name);
    const nlohmann::ordered_json* found = it == route_filters_.end() ? nullptr : it->second;
    if (!found) {
      f.missing = "ExtensionRef to HTTPRouteFilter " + ns + "/" + name + ", which is not in the input";
      continue;
    }
    const auto path = found->value("spec", nlohmann::ordered_json::object())
                          .value("urlRewrite", nlohmann::ordered_json::object())
                          .value("path", nlohmann::ordered_json::object());
    if (path.value("type", "") != "ReplaceRegexMatch") {
      f.unmodelled = "HTTPRouteFilter " + ns + "/" + name + " does something other than a regex path rewrite";
      continue;
    }
    const auto& m = path.at("replaceRegexMatch");
    f.rewrite = RegexRewrite{m.value("pattern", ""), m.value("substitution", ""), {}};
    regexes_.add(f.rewrite->pattern);
  }
}

namespace {

/// The key a PathPrefix value is indexed under: prefix_matches ignores a
/// trailing "/", and "" matches like "/".
std::string prefix_key(const std::string& value) {
  std::string p = value;
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  return p.empty() ? "/" : p;
}

}  // namespace

void GatewayModel::PathIndex::add(const RouteRuleIR& rule, RuleRef ref) {
  if (rule.path.type == "Exact") {
    exact[rule.path.value].push_back(ref);
  } else if (rule.path.type == "PathPrefix") {
    prefix[prefix_key(rule.path.value)].push_back(ref);
  } else {
    other.push_back(ref);
  }
}

void GatewayModel::PathIndex::collect(const std::string& path, std::vector<RuleRef>& out) const {
  auto take = [&](const std::map<std::string, std::vector<RuleRef>>& m, const std::string& key) {
    auto it = m.find(key);
    if (it != m.end()) out.insert(out.end(), it->second.begin(), it->second.end());
  };
  take(exact, path);
  // Every prefix that prefix_matches accepts: "/", the path itself, and the
  // path cut before each of its "/".
  take(prefix, "/");
  if (path != "/") take(prefix, path);
  for (size_t slash = path.find('/', 1); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    take(prefix, path.substr(0, slash));
  }
}

std::vector<GatewayModel::GatewayListener> GatewayModel::listeners_for(
    const std::string& host) const {
  std::vector<GatewayListener> out = listeners_any_host_;
  auto it = listeners_by_host_.find(host);
  if (it != listeners_by_host_.end()) out.insert(out.end(), it->second.begin(), it->second.end());
  // Listener order within a Gateway decides ties; keep the Gateway's own.
  std::sort(out.begin(), out.end());
  return out;
}

template <typename Visit>
void GatewayModel::visit_rules(const std::string& host, const std::string& path,
                               Visit visit) const {
  static const PathIndex none;
  auto it = rules_by_host_.find(host);
  const PathIndex& named = it == rules_by_host_.end() ? none : it->second;
  std::vector<RuleRef> by_path;
  rules_any_host_.collect(path, by_path);
  named.collect(path, by_path);
  std::sort(by_path.begin(), by_path.end());
  // Three sorted streams; a rule in two of them (a route naming the host
  // and a wildcard) is visited once.
  using Stream = std::pair<std::vector<RuleRef>::const_iterator, std::vector<RuleRef>::const_iterator>;
  Stream streams[] = {{by_path.begin(), by_path.end()},
                      {rules_any_host_.other.begin(), rules_any_host_.other.end()},
                      {named.other.begin(), named.other.end()}};
  std::optional<RuleRef> last;
  while (true) {
    Stream* next = nullptr;
    for (Stream& s : streams) {
      if (s.first != s.second && (!next || *s.first < *next->first)) next = &s;
    }
    if (!next) return;
    RuleRef ref = *next->first++;
    if (last == ref) continue;
    last = ref;
    if (!visit(ref)) return;
  }
}

Outcome GatewayModel::route(const Probe& probe) const {
  int port = probe.scheme == "https" ? 443 : 80;
  std::string protocol = probe.scheme == "https" ? "HTTPS" : "HTTP";
  // The most specific listener of each Gateway serving this port and host;
  // a host two Gateways serve depends on which address DNS gives.
  std::vector<std::pair<const GatewayIR*, const ListenerIR*>> chosen;
  std::map<size_t, std::pair<int, const ListenerIR*>> best;  // per Gateway
  for (const auto& [g, l] : listeners_for(probe.host)) {
    // A TLS listener takes HTTPS connections by SNI, before any HTTP.
    bool tls = probe.scheme == "https" && l->protocol == "TLS";
    if (l->port != port || (l->protocol != protocol && !tls)) continue;
    int score = listener_specificity(*l, probe.host);
    auto [it, inserted] = best.emplace(g, std::make_pair(score, l));
    if (!inserted && score > it->second.first) it->second = {score, l};
  }
  for (const auto& [g, scored] : best) {
    if (scored.first >= 0) chosen.emplace_back(&gateways_[g], scored.second);
  }
  if (chosen.empty()) {
    // Plain HTTP to a host no listener names finds no route: whether the
    // Gateway's address answers 404 or nothing answers at all, no backend
    // gets it, as with nginx's 404. Over TLS no listener has a certificate.
    if (probe.scheme == "http") return Outcome::not_found();
    Outcome o;
    o.kind = Outcome::Kind::Unserved;
    o.reason = fmt::format("no {} listener on port {} for this host", protocol, port);
    return o;
  }
  if (chosen.size() > 1) {
    std::vector<std::string> names;
    for (const auto& [g, l] : chosen) names.push_back(g->ns + "/" + g->name);
    return Outcome::uncertain("host is served by " + std::to_string(chosen.size()) + " Gateways (" +
                              join(names, ", ") + "); DNS decides which");
  }
  const GatewayIR& gw = *chosen[0].first;
  const ListenerIR& listener = *chosen[0].second;
  if (listener.protocol == "TLS") return route_tls(probe, gw, listener);

  std::vector<Candidate> candidates;
  std::string uncertain;
  // Whether a route attaches to the chosen listener and which of its
  // hostnames takes the host: asked once per route, rules come grouped.
  size_t checked = SIZE_MAX;
  bool route_ok = false;
  int exact_chars = -1, chars = -1;
  visit_rules(probe.host, probe.path, [&](RuleRef ref) {
    const auto& [index, rule_index] = ref;
    const HTTPRouteIR& route = *routes_[index];
    if (index != checked) {
      checked = index;
      route_ok = route_takes(route, gw, listener, probe.host, exact_chars, chars);
    }
    if (!route_ok) return true;
    const RouteRuleIR& rule = route.rules[rule_index];
    std::string why;
    if (rule_matches(rule, probe, dialect_.re2_regex ? &regexes_ : nullptr, why)) {
      candidates.push_back({&route, &rule, rule_index, exact_chars, chars});
    } else if (!why.empty()) {
      // The first uncertain rule decides the answer; nothing after it can.
      uncertain = why;
      return false;
    }
    return true;
  });
  if (!uncertain.empty()) return Outcome::uncertain(uncertain);
  if (candidates.empty()) return Outcome::not_found();
  const Candidate& win = *std::min_element(candidates.begin(), candidates.end(), precedes);
  auto ext = extension_filters_.find(win.rule);
  if (ext != extension_filters_.end() && !ext->second.unmodelled.empty()) {
    return Outcome::uncertain(ext->second.unmodelled);
  }
  if (ext != extension_filters_.end() && !ext->second.missing.empty()) {
    // HTTPRouteFilter spec: a filter that cannot be resolved must not be
    // skipped; the request gets an error (500).
    Outcome o;
    o.kind = Outcome::Kind::Error;
    o.status = 500;
    o.reason = ext->second.missing;
    return o;
  }
  Outcome o = apply_rule(win, probe, listener.port, regexes_,
                         ext == extension_filters_.end() ? nullptr : &ext->second);
  if (backend_aliases_.empty()) return o;
  for (WeightedBackend& b : o.backends) {
    auto alias = backend_aliases_.find(b.name);
    if (alias != backend_aliases_.end()) b.name = alias->second;
  }
  o.normalise();
  return o;
}

// TLSRoute (v1, experimental before 1.5): attached to a TLS listener, the
// route whose hostname matches the SNI most specifically takes the
// connection; its backends share it by weight. A listener that terminates
// TLS hands on what the model does not follow.
Outcome GatewayModel::route_tls(const Probe& probe, const GatewayIR& gw,
                                const ListenerIR& listener) const {
  if (listener.tls_mode != "Passthrough")
    return Outcome::uncertain("TLS listener " + listener.name + " terminates TLS");
  const TLSRouteIR* best = nullptr;
  int best_exact = -1, best_chars = -1;
  for (const TLSRouteIR& r : out_.tls_routes) {
    int exact_chars = -1, chars = -1;
    if (!route_takes(r, gw, listener, probe.host, exact_chars, chars)) continue;
    if (std::tie(exact_chars, chars) > std::tie(best_exact, best_chars)) {
      best = &r;
      best_exact = exact_chars;
      best_chars = chars;
    }
  }
  if (!best) {
    Outcome o;
    o.kind = Outcome::Kind::Unserved;
    o.reason = "no TLSRoute on TLS listener " + listener.name + " for this host";
    return o;
  }
  Outcome o;
  o.backends = weighted_backends(best->backends, best->ns);
  if (o.backends.empty()) {
    o.kind = Outcome::Kind::Unserved;
    o.reason = "TLSRoute " + best->ns + "/" + best->name + " has no backend with weight";
    return o;
  }
  o.kind = Outcome::Kind::Passthrough;
  o.normalise();
  return o;
}

}  // namespace im::verify
