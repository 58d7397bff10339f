#include "convert/kong_service_annotations.h"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "convert/backend_tls.h"
#include "convert/kong_plugins.h"
#include "convert/service_lookup.h"
#include "model/names.h"
#include "rules/apply.h"
#include "rules/value_format.h"
#include "util/text.h"

namespace im {
namespace {

/// One Service's Kong settings, and what the routes that reach it need.
struct KongService {
  const Service* svc = nullptr;
  std::string protocol = "http";
  Location protocol_at;
  bool tls_verify = false;
  std::string host_header;
  /// konghq.com/ca-certificates-secrets, then -configmaps (ingressrules.go
  /// handleServiceCACertificates), as caCertificateRefs (kind, name).
  std::vector<std::pair<std::string, std::string>> ca_refs;
  /// konghq.com/path (kongstate/service.go overridePath): "" when unset,
  /// "/", not a path, or the Service speaks grpc(s), which takes none.
  std::string path;
  /// retry.attempts for the rules to the Service (konghq.com/retries > 0).
  std::shared_ptr<const RetryIR> retry;
  /// The names Kong sent as Host, and so as SNI (nginx_kong.lua
  /// proxy_ssl_name $upstream_host), on the routes that reach the Service;
  /// "" stands for a name no policy can carry (any host, a Pod address).
  std::set<std::string> sni_names;
  std::string first_ingress;
  /// konghq.com/plugins on the Service, and what it becomes on the rules
  /// that send requests only to it (judged for the first such route).
  std::optional<Setting> plugins;
  std::optional<FilterSet> plugin_filters;
};

KongService read_kong_service(const Service& svc, const Catalog& catalog, Findings& findings) {
  KongService k;
  k.svc = &svc;
  // The verdicts are reported here, at the Service's annotations; only the
  // values the rules accepted are recorded.
  const IngressPolicy policy = apply_service_annotations(svc, "kong", catalog, findings);
  if (const Setting* p = policy.setting("backend-protocol")) {
    k.protocol = p->value;
    k.protocol_at = p->location;
  }
  if (const Setting* p = policy.setting("kong-plugins")) k.plugins = *p;
  if (const Setting* v = policy.setting("tls-verify")) k.tls_verify = parse_go_bool(v->value) == true;
  if (const Setting* path = policy.setting("upstream-path")) {
    const bool grpc = k.protocol == "grpc" || k.protocol == "grpcs";
    if (starts_with(path->value, "/") && path->value != "/" && !grpc) {
      k.path = path->value;
    }
  }
  // annotations.go extractCommaDelimitedStrings: items trimmed, empty ones dropped.
  const Setting* first_ca = nullptr;
  for (const auto& [action, kind] : {std::pair<const char*, const char*>{"backend-ca-secrets", "Secret"},
                                     std::pair<const char*, const char*>{"backend-ca-configmaps", "ConfigMap"}}) {
    const Setting* ca = policy.setting(action);
    if (!ca) continue;
    if (!first_ca) first_ca = ca;
    for (const std::string& item : split(ca->value, ',')) {
      const std::string name = trim(item);
      if (name.empty()) continue;
      if (name.size() > 253) {  // LocalObjectReference name's maxLength
        findings.error(ca->location,
                       fmt::format("{} \"{:.40}...\" is longer than an object name (253); left out", kind, name),
                       ca->rule_id);
        continue;
      }
      k.ca_refs.emplace_back(kind, name);
    }
  }
  // BackendTLSPolicy takes at most 8 caCertificateRefs (the CRD's maxItems).
  if (k.ca_refs.size() > 8) {
    findings.error(first_ca->location,
                   fmt::format("Service {} names {} CA certificates; a BackendTLSPolicy takes at most 8, so the "
                               "last {} are left out and certificates they signed are refused",
                               svc.name, k.ca_refs.size(), k.ca_refs.size() - 8),
                   first_ca->rule_id);
    k.ca_refs.resize(8);
  }
  if (const Setting* r = policy.setting("retries")) {
    // Gateway API caps nothing here, but an attempts count is an int32.
    if (auto n = parse_int(r->value); n && *n > 0 && *n <= 1000000) {
      auto retry = std::make_shared<RetryIR>();
      retry->attempts = static_cast<int>(*n);
      k.retry = std::move(retry);
    }
  }
  if (const Setting* h = policy.setting("host-header")) {
    // URLRewrite.hostname is a PreciseHostname: no wildcard, no port.
    if (ingress_host_problem(h->value).empty() && h->value.find('*') == std::string::npos) {
      k.host_header = h->value;
    } else {
      findings.error(h->location,
                     fmt::format("konghq.com/host-header \"{}\" is not a host name a URLRewrite filter can carry "
                                 "(no port or wildcard); the routes send the client's Host instead",
                                 h->value),
                     "kong-host-header");
    }
  }
  return k;
}

/// HTTPPathModifier's replacePrefixMatch and replaceFullPath maxLength.
constexpr size_t kMaxRewritePath = 1024;

/// The URLRewrite that makes the rule's requests reach the Service at
/// Kong's upstream path: router/utils.lua get_upstream_uri_v0 joins the
/// Service path `base` to the request path, or to what strip_path left of
/// it. A prefix becomes ReplacePrefixMatch, an exact path ReplaceFullPath;
/// false for a regex path, which no standard filter rewrites, and for a
/// joined path longer than the filter takes.
bool join_service_path(RouteRuleIR& rule, const std::string& base, bool strip) {
  const std::string trimmed = base.back() == '/' ? base.substr(0, base.size() - 1) : base;
  const std::string& p = rule.path.value;
  if (rule.path.type == "PathPrefix") {
    // Stripped, "/p", "/p/" and "/p/x" go up as base, base + "/" and
    // base + "/x"; kept, as base + the whole path ("/" alone: base).
    std::string prefix = strip ? (trimmed.empty() ? "/" : trimmed) : p == "/" ? base : trimmed + p;
    if (prefix.size() > kMaxRewritePath) return false;
    FilterSet& f = rule.filters.edit();
    f.rewrite_full_path.reset();
    f.rewrite_prefix = std::move(prefix);
    return true;
  }
  if (rule.path.type == "Exact") {
    std::string full;
    if (strip) {
      const bool slash = p.size() > 1 && p.back() == '/';
      full = slash ? trimmed + "/" : (trimmed.empty() ? "/" : trimmed);
    } else {
      full = p == "/" ? base : trimmed + p;
    }
    if (full.size() > kMaxRewritePath) return false;
    FilterSet& f = rule.filters.edit();
    f.rewrite_prefix.reset();
    f.rewrite_full_path = std::move(full);
    return true;
  }
  return false;
}

bool speaks_tls(const std::string& protocol) {
  return protocol == "https" || protocol == "grpcs" || protocol == "wss";
}

/// The BackendTLSPolicy for a Service Kong reached over TLS, unless another
/// annotation already planned one.
void add_backend_tls(const KongService& k, ConversionOutput& out, Findings& findings) {
  const bool one_name = k.sni_names.size() == 1 && !k.sni_names.begin()->empty();
  const std::string hostname = one_name ? *k.sni_names.begin() : service_dns_name(*k.svc);
  BackendTLSPolicyIR* p = add_service_backend_tls(out, *k.svc, hostname, k.first_ingress, k.protocol_at);
  if (!p) return;
  // KIC used the CAs only with tls-verify; without it Kong accepted any
  // certificate, and the policy's own CAs come closest to that.
  p->ca_refs = k.ca_refs;
  std::string cas = "the system CAs";
  if (!k.ca_refs.empty()) {
    cas = "the CAs in";
    for (size_t i = 0; i < k.ca_refs.size(); ++i) {
      cas += fmt::format("{} {} {}", i ? "," : "", k.ca_refs[i].first, k.ca_refs[i].second);
    }
  }
  std::string difference;
  if (!k.tls_verify) {
    difference = fmt::format(", which Kong did not do (konghq.com/tls-verify is not \"true\"): requests fail "
                             "unless the certificate is valid for that host and signed by {}",
                             k.ca_refs.empty() ? "a public CA" : "one of those CAs");
  } else if (!one_name) {
    difference = ", where Kong checked it against each request's Host (its SNI); give the policy the name the "
                 "certificate carries";
  }
  if (!difference.empty()) {
    findings.warning(k.protocol_at,
                     fmt::format("konghq.com/protocol {} for Service {}: BackendTLSPolicy {} verifies the backend "
                                 "certificate for host {} against {}{}",
                                 k.protocol, k.svc->name, p->name, p->hostname, cas, difference),
                     "backend-tls-verification");
  }
}

/// A Service's konghq.com/plugins on a rule that sends every request to
/// that one Service: what the plugins became (the CORS filter, header
/// changes; nothing on Kong's own Gateway, where KIC reads the Service's
/// annotation itself) joins the rule's filters. Kong ran them only on
/// requests it sent to the Service, so a rule that splits its requests
/// among Services cannot carry them (warned).
void apply_service_plugins(const Plan& plan, const IngressInfo& info, const HTTPRouteIR& route, RouteRuleIR& rule,
                           const std::vector<KongService*>& backends, Findings& findings) {
  KongService* with_plugins = nullptr;
  for (KongService* k : backends) {
    if (k && k->plugins) with_plugins = k;
  }
  if (!with_plugins || rule.filters.get().redirect) return;
  KongService& k = *with_plugins;
  const ConvertOptions& o = *plan.options;
  const bool kong_gateway =
      o.controller_gateway && !o.gateway_classes.count(info.cls.name) && !o.shared_gateway && !o.parent_ref;
  if (!k.plugin_filters) {
    k.plugin_filters.emplace();
    judge_kong_plugins(*k.plugins, k.svc->ns, *plan.inventory, kong_gateway, true, *k.plugin_filters, findings);
  }
  const FilterSet& add = *k.plugin_filters;
  const bool nothing = !add.cors && add.request_set.empty() && add.request_add.empty() &&
                       add.request_remove.empty() && !add.rewrite_hostname;
  if (nothing) return;
  if (backends.size() > 1) {
    findings.warning(k.plugins->location,
                     fmt::format("konghq.com/plugins on Service {}: Kong ran them on the requests it sent to this "
                                 "Service; a rule of HTTPRoute {} splits its requests among Services, so they are "
                                 "not applied there",
                                 k.svc->name, route.name),
                     k.plugins->rule_id);
    return;
  }
  FilterSet& f = rule.filters.edit();
  if (add.cors && !f.cors) f.cors = add.cors;
  bool all = true;
  for (const auto& [name, value] : add.request_set) all = set_header(f.request_set, name, value) && all;
  for (const auto& [name, value] : add.request_add) all = add_header(f.request_add, name, value) && all;
  for (const std::string& name : add.request_remove) all = remove_header(f.request_remove, name) && all;
  if (!all) {
    findings.error(k.plugins->location,
                   fmt::format("konghq.com/plugins on Service {}: a rule of HTTPRoute {} cannot take all of its "
                               "header changes (a RequestHeaderModifier list holds each name once, at most {}); "
                               "the others are left out",
                               k.svc->name, route.name, kMaxHeaderFilterEntries),
                   k.plugins->rule_id);
  }
  if (add.rewrite_hostname && !f.rewrite_hostname) f.rewrite_hostname = add.rewrite_hostname;
}

}  // namespace

bool kong_keeps_host(const Ingress& ing) {
  const Annotation* a = ing.annotation("konghq.com/preserve-host");
  return !a || to_lower(a->value) != "false";
}

void apply_kong_service_annotations(const Plan& plan, const Catalog& catalog, ConversionOutput& out,
                                    Findings& findings) {
  std::map<std::string, const IngressInfo*> kong_ingresses;
  for (const IngressInfo& info : plan.ingresses) {
    if (info.cls.controller == "kong") kong_ingresses.emplace(info.ing->ref(), &info);
  }
  if (kong_ingresses.empty()) return;
  // Per Service: its settings, read (and reported) once; nullopt-like
  // entries (svc == nullptr) for Services the input does not have.
  std::map<std::pair<std::string, std::string>, KongService> services;
  auto service_for = [&](const std::string& ns, const std::string& name) -> KongService* {
    auto [it, fresh] = services.try_emplace({ns, name});
    if (fresh) {
      if (const Service* svc = find_service(*plan.inventory, ns, name)) {
        it->second = read_kong_service(*svc, catalog, findings);
      }
    }
    return it->second.svc ? &it->second : nullptr;
  };
  std::set<std::pair<std::string, std::string>> warned_mixed_hosts;
  for (HTTPRouteIR& route : out.http_routes) {
    auto found = kong_ingresses.find(route.source_ingress);
    if (found == kong_ingresses.end()) continue;
    const IngressInfo& info = *found->second;
    const Ingress* ingress = info.ing;
    const bool keeps_host = kong_keeps_host(*ingress);
    // kongstate/route.go overrideStripPath: "true" or "false" in any case.
    const Annotation* strip_annotation = ingress->annotation("konghq.com/strip-path");
    const bool strip = strip_annotation && to_lower(strip_annotation->value) == "true";
    // "/" prefix rules that need an Exact "/" rule before them, with the
    // Service path to send.
    std::vector<std::pair<size_t, std::string>> exact_roots;
    for (size_t index = 0; index < route.rules.size(); ++index) {
      RouteRuleIR& rule = route.rules[index];
      std::set<std::string> host_headers;
      std::set<std::shared_ptr<const RetryIR>> retries;
      std::set<const KongService*> with_path;
      std::vector<KongService*> backends_of_rule;  // null: not a Service of the input
      for (const BackendRefIR& b : rule.backends) {
        if (!b.group.empty() || !(b.kind.empty() || b.kind == "Service")) {
          backends_of_rule.push_back(nullptr);
          continue;
        }
        KongService* k = service_for(route.ns, b.name);
        backends_of_rule.push_back(k);
        if (!k) {
          retries.insert(nullptr);
          continue;
        }
        retries.insert(k->retry);
        if (!k->path.empty()) with_path.insert(k);
        if (k->first_ingress.empty()) k->first_ingress = route.source_ingress;
        if (keeps_host) {
          if (route.hostnames.empty()) k->sni_names.insert("");
          for (const std::string& h : route.hostnames) k->sni_names.insert(h.find('*') == 0 ? "" : h);
        } else {
          k->sni_names.insert(k->host_header);
          host_headers.insert(k->host_header);
        }
      }
      // A redirect answers without the Service; otherwise one path rewrite
      // serves every backend of the rule (an Ingress path names one).
      if (!with_path.empty() && !rule.filters.get().redirect) {
        const KongService& k = **with_path.begin();
        if (with_path.size() > 1 || rule.backends.size() > 1) {
          findings.warning(rule.source,
                           fmt::format("the Services behind one rule of HTTPRoute {} join different paths to its "
                                       "requests, and a rule has one URLRewrite: none is written",
                                       route.name),
                           "kong-path");
        } else if (join_service_path(rule, k.path, strip)) {
          // Kong sent "/" as the Service path itself, where ReplacePrefixMatch
          // keeps the slash after it: an Exact "/" rule says it first.
          if (rule.path.type == "PathPrefix" && rule.path.value == "/" && k.path.back() != '/') {
            exact_roots.emplace_back(index, k.path);
          }
        } else {
          const bool regex = rule.path.type == "RegularExpression";
          findings.warning(rule.source,
                           fmt::format("konghq.com/path \"{}\" on Service {}: Kong put it before the path of "
                                       "requests to {} \"{}\"; {}, so the Service now gets them without it",
                                       k.path.size() > 80 ? k.path.substr(0, 80) + "..." : k.path, k.svc->name,
                                       regex ? "the regex path" : "the path", rule.path.value,
                                       regex ? "no standard filter rewrites a regex match"
                                             : "the joined path is longer than a URLRewrite takes (1024)"),
                           "kong-path");
        }
      }
      apply_service_plugins(plan, info, route, rule, backends_of_rule, findings);
      // A rule's retry is one for all its backends: written when they
      // all retried alike (experimental channel only).
      if (plan.options->experimental && retries.size() == 1 && *retries.begin() && !rule.retry) {
        rule.retry = *retries.begin();
      }
      if (keeps_host || host_headers.empty()) continue;
      // balancer/init.lua set_host_header: without a host-header the
      // Host is the Pod's address, which no filter can name.
      if (host_headers.size() == 1 && !host_headers.begin()->empty()) {
        if (!rule.filters.get().rewrite_hostname) rule.filters.edit().rewrite_hostname = *host_headers.begin();
      } else if (host_headers.size() > 1 && warned_mixed_hosts.insert({route.ns, route.name}).second) {
        const Annotation* a = ingress->annotation("konghq.com/preserve-host");
        findings.warning(a->location,
                         fmt::format("the Services behind one rule of HTTPRoute {} name different "
                                     "konghq.com/host-header values, and a rule has one URLRewrite: the rule "
                                     "sends the client's Host to all of them",
                                     route.name),
                         "kong-preserve-host");
      }
    }
    // Inserted last to first, so the earlier indices stay right; each
    // copy carries the rule's finished filters, retry and backends.
    // An Exact "/" the Ingress itself has ranked above the prefix in Kong
    // too (a regex route): it keeps "/".
    for (const RouteRuleIR& r : route.rules) {
      if (r.path.type == "Exact" && r.path.value == "/") exact_roots.clear();
    }
    for (auto it = exact_roots.rbegin(); it != exact_roots.rend(); ++it) {
      RouteRuleIR root = route.rules[it->first];
      root.path = PathMatchIR{"Exact", "/"};
      FilterSet& f = root.filters.edit();
      f.rewrite_prefix.reset();
      f.rewrite_full_path = it->second;
      route.rules.insert(route.rules.begin() + static_cast<std::ptrdiff_t>(it->first), std::move(root));
    }
  }
  for (auto& [key, k] : services) {
    if (k.svc && speaks_tls(k.protocol)) add_backend_tls(k, out, findings);
  }
}

}  // namespace im
