// Gateways, listeners and the attachment of routes to them.

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <re2/re2.h>

#include "convert/carry_over.h"
#include "convert/listener_layout.h"
#include "convert/naming.h"
#include "convert/plan.h"
#include "convert/tls_planner.h"
#include "rules/value_format.h"
#include "util/text.h"

namespace im {

namespace {

constexpr size_t kMaxRules = 16;          // HTTPRoute spec.rules maxItems
constexpr size_t kMaxMatches = 128;       // HTTPRoute CEL: total matches across rules

/// A route before it is named and attached.
struct RouteSpec {
  size_t draft;
  GatewayKey gateway;
  std::string host;
  bool https = false;     ///< the host has a certificate: attach to the HTTPS listener
  bool http = true;       ///< attach the main route to the HTTP listener
  bool redirect = false;  ///< emit a redirect route on the HTTP listener
  bool offload_redirect = false;  ///< force-ssl-redirect without TLS here
  bool passthrough = false;       ///< TLS on 443 is passed to a backend (no HTTPS listener)
  std::string secret, secret_ns;
  size_t tls_ingress = SIZE_MAX;  ///< the Ingress whose tls entry names the Secret
};

/// The HTTPS redirect filter of each status code, built once and shared by
/// every redirect rule of the conversion (a FilterSet is ~550 bytes; a large
/// input has a redirect rule per path).
class RedirectFilters {
 public:
  const SharedFilters& to_https(int code, std::optional<int> port) {
    auto [it, inserted] = by_code_.try_emplace({code, port.value_or(0)});
    if (inserted) {
      RedirectSpec spec;
      spec.scheme = "https";
      spec.status_code = code;
      spec.port = port;
      it->second.edit().redirect = spec;
    }
    return it->second;
  }

 private:
  std::map<std::pair<int, int>, SharedFilters> by_code_;  ///< (status, port or 0)
};

std::vector<RouteRuleIR> redirect_rules(const std::vector<RouteRuleIR>& rules, bool offload,
                                        const SharedFilters& redirect) {
  std::vector<RouteRuleIR> out;
  out.reserve(rules.size());
  for (const auto& r : rules) {
    RouteRuleIR red;
    red.path = r.path;
    red.headers = r.headers;
    if (offload) red.headers.push_back(HeaderMatchIR{"Exact", "X-Forwarded-Proto", "http"});
    red.filters = redirect;
    red.source = r.source;
    out.push_back(std::move(red));
  }
  return out;
}

/// Splits rules into chunks the HTTPRoute schema accepts. Gateway API ranks
/// matches by specificity, not by rule order, so splitting a route does not
/// change which rule wins.
std::vector<std::vector<RouteRuleIR>> chunk_rules(std::vector<RouteRuleIR> rules) {
  std::vector<std::vector<RouteRuleIR>> out;
  // Nearly every route fits (one match per rule): keep its vector as it is.
  if (!rules.empty() && rules.size() <= kMaxRules && rules.size() <= kMaxMatches) {
    out.push_back(std::move(rules));
    return out;
  }
  size_t matches = 0;
  for (auto& r : rules) {
    if (out.empty() || out.back().size() >= kMaxRules || matches + 1 > kMaxMatches) {
      out.emplace_back();
      matches = 0;
    }
    matches += 1;
    out.back().push_back(std::move(r));
  }
  return out;
}

/// A path match as a gRPC method match: gRPC requests are POSTs to
/// /<package.Service>/<Method>, so "/" is any method, "/pkg.Svc" (prefix)
/// one service, and "/pkg.Svc/Method" (exact) one method.
bool grpc_match(const PathMatchIR& m, GRPCRuleIR& r) {
  static const RE2 service("^\\.?[A-Za-z_][A-Za-z_0-9]*(\\.[A-Za-z_][A-Za-z_0-9]*)*$");
  static const RE2 method("^[A-Za-z_][A-Za-z_0-9]*$");
  if (m.type == "PathPrefix") {
    std::string v = m.value;
    while (v.size() > 1 && v.back() == '/') v.pop_back();
    if (v == "/") return true;
    if (!RE2::FullMatch(v.substr(1), service)) return false;
    r.service = v.substr(1);
    return true;
  }
  if (m.type == "Exact") {
    auto slash = m.value.find('/', 1);
    if (slash == std::string::npos) return false;
    std::string svc = m.value.substr(1, slash - 1);
    std::string meth = m.value.substr(slash + 1);
    if (!RE2::FullMatch(svc, service) || !RE2::FullMatch(meth, method)) return false;
    r.service = svc;
    r.method = meth;
    return true;
  }
  return false;
}

/// backend-protocol GRPC/GRPCS: the Ingress's rules as GRPCRoutes.
std::vector<GRPCRouteIR> grpc_routes(const RouteDraft& draft, const IngressInfo& info,
                                     std::vector<RouteRuleIR> rules,
                                     const std::vector<ParentRefIR>& parents, NameRegistry& names,
                                     Findings& findings) {
  std::vector<GRPCRuleIR> converted;
  for (auto& r : rules) {
    GRPCRuleIR g;
    if (!grpc_match(r.path, g)) {
      findings.error(r.source,
                     fmt::format("path \"{}\" ({}) is not a gRPC service or method path "
                                 "(/package.Service or /package.Service/Method); rule not converted",
                                 r.path.value, r.path.type),
                     "grpc-path");
      continue;
    }
    g.headers = r.headers;
    const FilterSet& f = r.filters.get();
    if (f.redirect || f.rewrite_full_path || f.rewrite_prefix || f.rewrite_hostname || f.cors ||
        r.request_timeout || r.backend_timeout || r.retry) {
      findings.warning(r.source,
                       "GRPCRoute has no redirect, rewrite, CORS, timeout or retry; those settings of this "
                       "path are dropped",
                       "grpc-filters");
    }
    g.filters.request_set = f.request_set;
    g.filters.request_add = f.request_add;
    g.filters.request_remove = f.request_remove;
    g.filters.response_set = f.response_set;
    g.filters.response_remove = f.response_remove;
    g.filters.mirrors = f.mirrors;
    g.backends = r.backends;
    g.source = r.source;
    converted.push_back(std::move(g));
  }
  std::vector<GRPCRouteIR> out;
  for (size_t start = 0; start < converted.size(); start += kMaxRules) {
    GRPCRouteIR route;
    route.ns = info.ing->ns;
    std::string wanted = draft.host.empty() ? info.ing->name : info.ing->name + "-" + draft.host;
    route.name = names.claim("GRPCRoute/" + route.ns,
                             start == 0 ? wanted : wanted + "-" + std::to_string(start / kMaxRules + 1));
    route.parents = parents;
    if (!draft.host.empty()) route.hostnames.push_back(draft.host);
    size_t end = std::min(converted.size(), start + kMaxRules);
    route.rules.assign(converted.begin() + static_cast<long>(start), converted.begin() + static_cast<long>(end));
    route.source_ingress = info.ing->ref();
    route.source = info.ing->location;
    out.push_back(std::move(route));
  }
  return out;
}

/// --gateway-class FROM=TO, else GKE's Gateway classes for its Ingress
/// classes (gce -> the global external Application Load Balancer, gce-internal
/// -> the regional internal one), else the ingress class name.
std::string gateway_class_for(const std::string& ingress_class, const ConvertOptions& opt) {
  auto mapped = opt.gateway_classes.find(ingress_class);
  if (mapped != opt.gateway_classes.end()) return mapped->second;
  if (ingress_class == "gce") return "gke-l7-global-external-managed";
  if (ingress_class == "gce-internal") return "gke-l7-rilb";
  return ingress_class;
}

/// lua_ingress.lua redirect_to_https drops a trailing "/" of the request
/// URI unless preserve-trailing-slash is set; a RequestRedirect that sets
/// only the scheme keeps the path as it is. "/api/" then lands on "/api"
/// before and on "/api/" after: said once per Ingress, as an info because
/// both end up on HTTPS at a path that ingress-nginx also served.
void report_trailing_slash(const IngressInfo& info, const std::string& host, Findings& findings) {
  if (!info.is_nginx()) return;
  for (const auto& [action, s] : info.policy.settings) {
    if (action == "consumed" && ends_with(s.rule_id, "preserve-trailing-slash") &&
        parse_go_bool(s.value) == true)
      return;
  }
  findings.info(info.ing->location,
                fmt::format("the HTTPS redirect keeps a trailing slash that ingress-nginx "
                            "dropped (http://{}/p/ went to https://{}/p, now to https://{}/p/); "
                            "set preserve-trailing-slash: \"true\" to have ingress-nginx agree "
                            "before the move",
                            host, host, host),
                "https-redirect-trailing-slash");
}

/// A BackendTLSPolicy applies to every connection to its Service, so it is
/// written only where an emitted HTTPRoute or GRPCRoute sends traffic to
/// that Service: not for a Service reached only through a passthrough
/// TLSRoute (TLS is the client's there) or whose route was left out.
void write_backend_tls(const Plan& plan, ConversionOutput& out, Findings& findings) {
  std::set<std::pair<std::string, std::string>> routed;  // (namespace, Service)
  auto add = [&routed](const std::string& ns, const std::vector<BackendRefIR>& backends) {
    for (const auto& b : backends) {
      if (b.group.empty() && (b.kind.empty() || b.kind == "Service")) routed.emplace(ns, b.name);
    }
  };
  for (const auto& r : out.http_routes) {
    for (const auto& rule : r.rules) add(r.ns, rule.backends);
  }
  for (const auto& r : out.grpc_routes) {
    for (const auto& rule : r.rules) add(r.ns, rule.backends);
  }
  for (const auto& planned : plan.backend_tls) {
    if (!routed.count({planned.policy.ns, planned.policy.service})) continue;
    findings.warning(planned.policy.source, planned.note, "backend-tls-verification");
    out.backend_tls_policies.push_back(planned.policy);
  }
}

/// nginx.tmpl writes `listen 443 ssl` (template.go buildHTTPSListener) and
/// `ssl_certificate_by_lua_file` into every server block, the default
/// server "_" included, and certificate.lua falls back to the default
/// certificate: HTTPS to a host without a tls entry was answered, with that
/// self-signed certificate, by the same locations as HTTP. The Gateway gets
/// no HTTPS listener for such a host, so those requests now fail the TLS
/// handshake. Most such hosts sit behind a proxy that terminates TLS, so this
/// is said once, at the first of them, with the hosts named.
/// Where a route draft comes from: its host's rule, or the defaultBackend
/// for the catch-all.
Location draft_location(const IngressInfo& info, const RouteDraft& draft) {
  const Ingress& ing = *info.ing;
  if (draft.catch_all && ing.default_backend) return ing.default_backend->location;
  for (const IngressRule& r : ing.rules) {
    if (to_lower(r.host) == draft.host) return r.location;
  }
  return ing.location;
}

/// The controller that answered HTTPS for a host without a tls entry, with
/// a self-signed default certificate: ingress-nginx (every server listens
/// on 443), Traefik on the Helm chart's websecure entry point (http.tls on,
/// "TRAEFIK DEFAULT CERT"; docs/research/traefik-ingress.md §3), Kong (its
/// proxy's TLS listener). "" for the others.
const char* default_certificate_controller(const IngressInfo& info, const RouteDraft& draft) {
  if (info.is_nginx()) return "ingress-nginx";
  if (info.cls.controller == "traefik" && !draft.https_off) return "Traefik";
  if (info.cls.controller == "kong") return "Kong";
  return "";
}

struct DefaultCertificateHost {
  std::string host;
  Location location;
  std::string controller;
};

void report_https_default_certificate(const std::vector<DefaultCertificateHost>& all, Findings& findings) {
  // One finding per controller, in the order the controllers first appear.
  std::vector<std::string> controllers;
  for (const auto& h : all) {
    if (std::find(controllers.begin(), controllers.end(), h.controller) == controllers.end())
      controllers.push_back(h.controller);
  }
  for (const std::string& controller : controllers) {
    std::vector<const DefaultCertificateHost*> hosts;
    for (const auto& h : all) {
      if (h.controller == controller) hosts.push_back(&h);
    }
    std::string names;
    constexpr size_t kNamed = 3;
    for (size_t i = 0; i < hosts.size() && i < kNamed; ++i) {
      if (i > 0) names += ", ";
      names += hosts[i]->host.empty() ? "(any host)" : hosts[i]->host;
    }
    if (hosts.size() > kNamed) names += fmt::format(" and {} more", hosts.size() - kNamed);
    findings.info(hosts.front()->location,
                  fmt::format("{} also answered HTTPS, with its self-signed default "
                              "certificate, for the {} without a tls entry ({}); the Gateway has no "
                              "HTTPS listener for {}, so HTTPS requests to {} now fail; nothing "
                              "changes where TLS ends in a proxy in front, otherwise add tls entries "
                              "with certificate Secrets",
                              controller, hosts.size() == 1 ? "host" : fmt::format("{} hosts", hosts.size()),
                              names, hosts.size() == 1 ? "it" : "them", hosts.size() == 1 ? "it" : "them"),
                  "https-default-certificate");
  }
}

/// --parent-ref writes no Gateway: what its listeners must serve, once.
void report_parent_ref_listeners(const ParentOverride& parent, const std::map<GatewayKey, GatewayPlan>& gateways,
                                 const Plan& plan, Findings& findings) {
  std::vector<std::string> hosts, certificates;
  const Location* first = nullptr;
  for (const auto& [key, g] : gateways) {
    for (const auto& [host, h] : g.hosts) {
      hosts.push_back(host.empty() ? "(any host)" : host);
      if (h.https && !h.tls_passthrough) certificates.push_back(fmt::format("{} ({}/{})", host, h.secret_ns, h.secret));
      if (!first) first = &plan.ingresses[h.first_ingress].ing->location;
    }
  }
  if (!first) return;
  std::string target = parent.section.empty() ? fmt::format("Gateway {}/{}", parent.ns, parent.name)
                                              : fmt::format("listener {} of Gateway {}/{}", parent.section,
                                                            parent.ns, parent.name);
  findings.info(*first,
                fmt::format("every route attaches to {} (--parent-ref), which this conversion does not "
                            "write: it must serve {} and admit routes from their namespaces{}",
                            target, join(hosts, ", "),
                            certificates.empty() ? ""
                                                 : "; HTTPS needs certificates for " + join(certificates, ", ")),
                "parent-ref");
}

}  // namespace

ConversionOutput plan_gateways(Plan& plan) {
  const ConvertOptions& opt = *plan.options;
  Findings& findings = *plan.findings;
  auto tls = plan_host_tls(plan);

  // 1. Decide, per route draft, its Gateway, listeners and redirects.
  std::vector<RouteSpec> specs;
  std::set<std::string> default_cert_reported;
  std::set<const Ingress*> slash_reported;  // once per Ingress, at its first redirected host
  std::vector<DefaultCertificateHost> without_tls;  // in input order
  std::set<std::string> without_tls_seen;
  for (size_t d = 0; d < plan.drafts.size(); ++d) {
    const RouteDraft& draft = plan.drafts[d];
    if (draft.rules.empty()) continue;
    const IngressInfo& info = plan.ingresses[draft.ingress];
    RouteSpec s;
    s.draft = d;
    s.host = draft.host;
    const auto group = plan.group_gateways.find(info.lb_group);
    s.gateway = opt.parent_ref                        ? GatewayKey{opt.parent_ref->ns, ""}
                : opt.shared_gateway                  ? GatewayKey{opt.shared_gateway->ns, ""}
                : group != plan.group_gateways.end() ? GatewayKey{group->second.first, info.scope()}
                                                      : GatewayKey{info.ing->ns, info.cls.name};
    auto t = tls.find(info.scope() + '\n' + draft.host);
    if (t != tls.end()) {
      if (t->second.secret.empty()) {
        if (default_cert_reported.insert(t->first).second) {
          findings.warning(
              t->second.location,
              fmt::format("ingress-nginx serves host {} over HTTPS with its default certificate "
                          "(no tls entry of Ingress {} names a secret for it); Gateway API needs a "
                          "certificate, so no HTTPS listener is emitted for it",
                          draft.host, plan.ingresses[t->second.ingress].ing->ref()),
              "tls-default-certificate");
        }
      } else {
        s.https = true;
        s.secret = t->second.secret;
        s.secret_ns = t->second.secret_ns;
        s.tls_ingress = t->second.ingress;
      }
    }
    if (draft.https_off && s.https) s.https = false;
    if (!draft.host.empty()) {
      // lua_ingress.lua redirect_to_https: force-ssl-redirect always; ssl-redirect
      // (default on) only where a certificate is configured for the host.
      bool force = draft.force_redirect;
      s.redirect = force || (s.https && draft.redirect_if_tls);
      // lua_ingress.lua: the scheme is the connection's ($scheme) unless
      // use-forwarded-headers is on, when it is X-Forwarded-Proto. So a plain
      // HTTP request is always redirected by default, and only one the proxy
      // in front marked "http" when the controller trusted that header.
      // Other controllers' redirects without TLS keep the offload reading.
      s.offload_redirect = force && !s.https && (!info.is_nginx() || opt.nginx_config.use_forwarded_headers);
      if (s.offload_redirect) {
        findings.warning(
            info.ing->location,
            fmt::format("HTTPS redirect on host {} without TLS here: HTTPS is terminated in "
                        "front of the Gateway, so the redirect applies only to requests with "
                        "X-Forwarded-Proto: http (the controller may also have redirected requests "
                        "without that header)",
                        draft.host),
            "force-ssl-redirect-offload");
      } else if (force && !s.https) {
        findings.warning(
            info.ing->location,
            fmt::format("force-ssl-redirect on host {} without TLS: every plain-HTTP request is "
                        "redirected to https://{} as ingress-nginx did, but this Gateway has no "
                        "HTTPS listener for the host (ingress-nginx answered HTTPS with its default "
                        "certificate); add a certificate, or, when TLS ends in a proxy in front, "
                        "convert with --nginx-config naming use-forwarded-headers: \"true\"",
                        draft.host, draft.host),
            "force-ssl-redirect-without-tls");
      }
      s.http = !s.redirect || s.offload_redirect;
      if (s.redirect && slash_reported.insert(info.ing).second)
        report_trailing_slash(info, draft.host, findings);
    }
    if (draft.http_off) {
      if (s.https) {
        s.http = false;
        s.redirect = false;
      } else {
        findings.warning(info.ing->location,
                         fmt::format("host {} is to be served on HTTPS only, but has no TLS "
                                     "certificate in the input; it stays on HTTP",
                                     draft.host.empty() ? "(any host)" : draft.host),
                         "https-only-without-tls");
      }
    }
    const char* default_certificate = default_certificate_controller(info, draft);
    if (t == tls.end() && *default_certificate && !draft.passthrough && !draft.force_redirect &&
        without_tls_seen.insert(draft.host).second) {
      // (force-ssl-redirect without TLS has its own warning about HTTPS.)
      without_tls.push_back({draft.host, draft_location(info, draft), default_certificate});
    }
    if (draft.passthrough) {
      // nginx passes TLS for the host through by SNI before terminating it,
      // so no HTTPS listener may claim the host on 443.
      s.passthrough = true;
      s.https = false;
    }
    specs.push_back(std::move(s));
  }

  // 2. Gather Gateways and the listeners each needs.
  std::map<GatewayKey, GatewayPlan> gateways;
  for (const auto& s : specs) {
    const IngressInfo& info = plan.ingresses[plan.drafts[s.draft].ingress];
    GatewayPlan& g = gateways[s.gateway];
    if (g.name.empty()) {
      g.key = s.gateway;
      if (opt.parent_ref) {
        g.ns = opt.parent_ref->ns;
        g.name = opt.parent_ref->name;
      } else if (opt.shared_gateway) {
        g.ns = opt.shared_gateway->ns;
        g.name = opt.shared_gateway->name;
      } else if (auto group = plan.group_gateways.find(info.lb_group); group != plan.group_gateways.end()) {
        g.ns = group->second.first;
        g.name = group->second.second;
      } else {
        g.ns = s.gateway.ns;
        g.name = dns_name(info.cls.name);
      }
      g.gateway_class = gateway_class_for(info.cls.name, opt);
    } else if (opt.shared_gateway && !opt.listener_sets) {
      std::string cls = gateway_class_for(info.cls.name, opt);
      if (cls != g.gateway_class) {
        findings.warning(info.ing->location,
                         fmt::format("Ingress {} has class {}, but the shared Gateway {}/{} uses "
                                     "GatewayClass {}; its routes attach there anyway",
                                     info.ing->ref(), info.cls.name, g.ns, g.name, g.gateway_class),
                         "shared-gateway-class");
      }
    }
    if (const std::string& ip = plan.drafts[s.draft].static_ip; !ip.empty()) {
      if (g.named_address.empty()) {
        g.named_address = ip;
      } else if (g.named_address != ip) {
        findings.warning(info.ing->location,
                         fmt::format("Ingress {} asks for static IP {}, but Gateway {} already uses "
                                     "{}; a Gateway has one address",
                                     info.ing->ref(), ip, g.name, g.named_address),
                         "static-ip-conflict");
      }
    }
    HostListeners& h = g.hosts[s.host];
    h.http = h.http || s.http || s.redirect;
    h.tls_passthrough = h.tls_passthrough || s.passthrough;
    if (s.https && !h.tls_passthrough) {
      if (!h.https) {
        h.https = true;
        h.secret = s.secret;
        h.secret_ns = s.secret_ns;
        h.tls_ingress = s.tls_ingress;
      }
    }
    if (h.first_ingress == SIZE_MAX) {
      h.first_ingress = plan.drafts[s.draft].ingress;
      h.first_ns = info.ing->ns;
    }
    h.route_namespaces.insert(info.ing->ns);
  }

  // 3. Lay out listeners: reuse what the input has, add the rest.
  ConversionOutput out;
  NameRegistry names;
  // (secret ns, Gateway ns) -> secret names. Not only the shared Gateway
  // needs grants: nginx serves a host with the certificate of whichever
  // Ingress names it, so a per-namespace Gateway may use another
  // namespace's Secret for a host that namespaces share.
  SecretGrants grants;
  if (opt.parent_ref) {
    attach_to_parent_ref(plan, *opt.parent_ref, gateways, out);
    report_parent_ref_listeners(*opt.parent_ref, gateways, plan, findings);
  } else {
    lay_out_listeners(plan, gateways, out, names, grants);
  }

  // Hosts without a certificate that an existing HTTPS listener now serves
  // are answered over HTTPS as before.
  without_tls.erase(std::remove_if(without_tls.begin(), without_tls.end(),
                                   [&](const auto& host) {
                                     // A route with a parentRef and no listener name attaches to
                                     // every listener of the parent, HTTPS included.
                                     if (opt.parent_ref) return opt.parent_ref->section.empty();
                                     return std::any_of(gateways.begin(), gateways.end(), [&](const auto& g) {
                                       auto p = g.second.placement.find(host.host);
                                       return p != g.second.placement.end() && p->second.https.existing;
                                     });
                                   }),
                    without_tls.end());
  report_https_default_certificate(without_tls, findings);

  // 4. Name the routes and attach them.
  RedirectFilters redirect_filters;
  // At most a main and a redirect route per spec (more only past a route's
  // rule limit): reserved, since doubling would hold up to twice the routes.
  out.http_routes.reserve(out.http_routes.size() + specs.size() +
                          std::count_if(specs.begin(), specs.end(),
                                        [](const RouteSpec& s) { return s.redirect && !s.offload_redirect; }));
  for (const auto& s : specs) {
    RouteDraft& draft = plan.drafts[s.draft];
    const IngressInfo& info = plan.ingresses[draft.ingress];
    const GatewayPlan& g = gateways.at(s.gateway);
    const auto& place = g.placement.at(s.host);
    const std::string& route_ns = info.ing->ns;
    std::string base = draft.catch_all ? info.ing->name + "-default-backend"
                       : draft.host.empty() ? info.ing->name
                                            : info.ing->name + "-" + draft.host;
    auto emit = [&](const std::string& wanted, std::vector<RouteRuleIR> rules,
                    std::vector<ParentRefIR> parents) {
      auto chunks = chunk_rules(std::move(rules));
      for (size_t c = 0; c < chunks.size(); ++c) {
        HTTPRouteIR r;
        r.ns = info.ing->ns;
        r.name = names.claim("HTTPRoute/" + r.ns, c == 0 ? wanted : wanted + "-" + std::to_string(c + 1));
        r.parents = parents;
        if (!draft.host.empty()) r.hostnames.push_back(draft.host);
        r.rules = std::move(chunks[c]);
        r.source_ingress = info.ing->ref();
        r.source = info.ing->location;
        out.http_routes.push_back(std::move(r));
      }
    };
    std::vector<ParentRefIR> main_parents;
    if (s.http) main_parents.push_back(parent_ref_to(place.http, route_ns));
    if (s.https) main_parents.push_back(parent_ref_to(place.https, route_ns));
    if (s.http && !s.https && !s.passthrough && !opt.parent_ref && !place.https.name.empty())
      main_parents.push_back(parent_ref_to(place.https, route_ns));
    bool redirect_route = s.redirect && !s.offload_redirect;
    ParentRefIR redirect_parent = parent_ref_to(place.http, route_ns);
    if (opt.parent_ref) {
      // One parent for everything: both listeners are the same reference.
      if (main_parents.size() == 2) main_parents.pop_back();
      if (redirect_route && opt.parent_ref->section.empty()) {
        // Without a listener name, the port keeps the redirect on plain
        // HTTP and the routes it redirects to on HTTPS (parentRefs port,
        // the extended ParentRefPort feature).
        for (auto& p : main_parents) p.port = 443;
        redirect_parent.port = 80;
      } else if (redirect_route) {
        findings.warning(info.ing->location,
                         fmt::format("host {} redirects HTTP to HTTPS, but every route attaches to "
                                     "listener {} of {}/{} (--parent-ref), where a redirect route would "
                                     "redirect its own requests; no redirect route is written, so "
                                     "plain-HTTP requests are now served there instead of redirected",
                                     s.host, opt.parent_ref->section, opt.parent_ref->ns, opt.parent_ref->name),
                         "parent-ref-redirect");
        redirect_route = false;
      }
    }
    // Redirect rules are built first: the draft's rules then move into the
    // main route instead of being copied (drafts are not used afterwards).
    std::vector<RouteRuleIR> redirects;
    const SharedFilters& to_https = redirect_filters.to_https(draft.redirect_code, draft.redirect_port);
    if (s.redirect && !s.offload_redirect) {
      redirects = redirect_rules(draft.rules, false, to_https);
      // The host's own "/" location carries the creating Ingress's
      // ssl-redirect too, so unlisted paths are redirected as well. Traefik
      // has no such server: its redirectScheme middleware runs only on the
      // Ingress's own routers (pkg/middlewares/redirect), and other paths
      // got 404.
      bool has_root = std::any_of(redirects.begin(), redirects.end(), [](const RouteRuleIR& r) {
        return r.path.type == "PathPrefix" && r.path.value == "/" && r.headers.empty();
      });
      if (draft.creates_host && !has_root && info.cls.controller != "traefik") {
        RouteRuleIR root;
        root.path = PathMatchIR{"PathPrefix", "/"};
        root.source = info.ing->location;
        auto extra = redirect_rules({root}, false, to_https);
        redirects.push_back(std::move(extra.front()));
      }
    }
    std::vector<RouteRuleIR> main_rules = std::move(draft.rules);
    if (s.offload_redirect) {
      // Redirect rules first only for readability: their extra header match
      // makes them win over the plain rules regardless of order.
      auto red = redirect_rules(main_rules, true, to_https);
      main_rules.insert(main_rules.begin(), red.begin(), red.end());
    }
    if (s.passthrough) {
      TLSRouteIR t;
      t.ns = info.ing->ns;
      t.name = names.claim("TLSRoute/" + t.ns, base + "-passthrough");
      t.parents.push_back(parent_ref_to(place.tls, route_ns));
      t.hostnames.push_back(draft.host);
      t.backends.push_back(*draft.passthrough);
      t.source_ingress = info.ing->ref();
      t.source = info.ing->location;
      out.tls_routes.push_back(std::move(t));
    }
    if (main_parents.empty()) {
      // Passthrough took 443 and HTTP redirects there: nothing else to route.
    } else if (draft.grpc) {
      for (auto& g : grpc_routes(draft, info, std::move(main_rules), main_parents, names, findings)) {
        out.grpc_routes.push_back(std::move(g));
      }
    } else {
      emit(base, std::move(main_rules), main_parents);
    }
    if (redirect_route) emit(base + "-redirect", std::move(redirects), {redirect_parent});
  }

  std::vector<HostUse> uses;
  for (const auto& s : specs) uses.push_back(HostUse{plan.drafts[s.draft].ingress, s.gateway, s.host});
  carry_annotations(plan, gateways, uses, out);
  write_backend_tls(plan, out, findings);

  // 5. Grants for the Secrets Gateways reference in other namespaces.
  for (auto& [key, secrets] : grants) {
    const auto& [ns, from_ns] = key;
    std::sort(secrets.begin(), secrets.end());
    secrets.erase(std::unique(secrets.begin(), secrets.end()), secrets.end());
    ReferenceGrantIR rg;
    rg.ns = ns;
    rg.from_ns = from_ns;
    rg.name = names.claim("ReferenceGrant/" + ns,
                          "allow-gateway-" + (opt.shared_gateway ? opt.shared_gateway->ns + "-" +
                                                                       opt.shared_gateway->name
                                                                 : from_ns + "-secrets"));
    rg.secret_names = secrets;
    out.reference_grants.push_back(std::move(rg));
  }
  return out;
}

}  // namespace im
