#include "convert/protocol_planner.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string>

#include <fmt/format.h>

#include "convert/haproxy_service_annotations.h"
#include "convert/service_lookup.h"
#include "model/names.h"
#include "rules/value_format.h"
#include "util/text.h"

namespace im {

namespace {

/// backend-protocol HTTPS/GRPCS (backendprotocol/main.go) with the
/// proxy-ssl-* keys (proxyssl/main.go). nginx does not verify the backend
/// certificate unless proxy-ssl-verify is "on"; BackendTLSPolicy always does.
void plan_backend_tls(Plan& plan, const IngressInfo& info, const RouteTemplate& tpl) {
  const Ingress& ing = *info.ing;
  const Setting* name = info.policy.setting("proxy-ssl-name");
  const Setting* secret = info.policy.setting("proxy-ssl-secret");
  const Setting* verify = info.policy.setting("proxy-ssl-verify");
  auto add = [&](const Backend& b) {
    if (b.kind != Backend::Kind::Service) return;
    if (!tpl.tls_services.empty() &&
        std::find(tpl.tls_services.begin(), tpl.tls_services.end(), b.service_name) == tpl.tls_services.end()) {
      return;
    }
    for (const auto& planned : plan.backend_tls) {
      if (planned.policy.ns == ing.ns && planned.policy.service == b.service_name) return;
    }
    // HAProxy takes the Service's own server-ssl over the Ingress's: "false"
    // there meant plain HTTP to that Service.
    if (info.cls.controller == "haproxy") {
      const Service* svc = find_service(*plan.inventory, ing.ns, b.service_name);
      const Annotation* own = svc ? haproxy_service_annotation(*svc, "server-ssl") : nullptr;
      if (own && parse_go_bool(own->value) == false) {
        plan.findings->info(own->location,
                            fmt::format("server-ssl \"{}\" on Service {} wins over Ingress {}'s: HAProxy spoke plain "
                                        "HTTP to it, so no BackendTLSPolicy is written for it",
                                        escape_control(own->value), b.service_name, ing.ref()),
                            "haproxy-server-ssl");
        return;
      }
    }
    BackendTLSPolicyIR p;
    p.ns = ing.ns;
    p.service = b.service_name;
    p.name = b.service_name + "-backend-tls";
    p.source_ingress = ing.ref();
    p.source = ing.location;
    std::string default_host = b.service_name + "." + (ing.ns.empty() ? "default" : ing.ns) + ".svc";
    p.hostname = name && ingress_host_problem(name->value).empty() && name->value.find('*') == std::string::npos
                     ? name->value
                     : default_host;
    if (secret) {
      // "namespace/name"; BackendTLSPolicy may only reference its own namespace.
      auto slash = secret->value.find('/');
      std::string sns = slash == std::string::npos ? ing.ns : secret->value.substr(0, slash);
      std::string sname = slash == std::string::npos ? secret->value : secret->value.substr(slash + 1);
      if (sns == ing.ns || (sns == "default" && ing.ns.empty())) {
        p.ca_refs.emplace_back("Secret", sname);
      } else {
        plan.findings->error(secret->location,
                             fmt::format("proxy-ssl-secret {} is in another namespace than the "
                                         "Service; BackendTLSPolicy cannot reference it",
                                         secret->value),
                             secret->rule_id);
      }
    }
    // proxyssl/main.go reads the other proxy-ssl-* keys only when
    // proxy-ssl-secret is set: without it, "on" verified nothing.
    const bool asked = verify && verify->value == "on";
    const bool verified = !info.is_nginx() || (asked && secret);
    // The other controllers' switches (HAProxy server-ssl, Kong protocol)
    // have their verification difference in their own verdicts.
    std::string asked_for = info.is_nginx() ? "backend-protocol " + tpl.backend_protocol : "TLS";
    std::string note = fmt::format("{} for Service {}: BackendTLSPolicy {} verifies the backend "
                    "certificate for host {} against {}{}",
                    asked_for, b.service_name, p.name, p.hostname,
                    p.ca_refs.empty() ? "the system CAs" : "the CA in Secret " + p.ca_refs.front().second,
                    verified ? ""
                    : asked  ? ", which ingress-nginx did not do (it reads proxy-ssl-verify only with "
                               "proxy-ssl-secret, which is not set)"
                             : ", which ingress-nginx did not do (proxy-ssl-verify is off)");
    plan.backend_tls.push_back(PlannedBackendTLS{std::move(p), std::move(note)});
  };
  if (ing.default_backend) add(*ing.default_backend);
  for (const auto& rule : ing.rules) {
    for (const auto& path : rule.paths) add(path.backend);
  }
}

/// Traefik reaches a backend over HTTPS when its Service port is 443 or
/// its port name starts with "https" (pkg/provider/kubernetes/ingress/
/// kubernetes.go getProtocol); the route's backendRef speaks plain HTTP, so
/// each such backend gets a warning where the Ingress names it.
void warn_traefik_https_backends(Plan& plan, const IngressInfo& info) {
  const Ingress& ing = *info.ing;
  std::set<std::string> seen;
  auto check = [&](const Backend& b) {
    if (b.kind != Backend::Kind::Service) return;
    std::optional<int32_t> number = b.port.number;
    std::string name = b.port.name;
    for (const Service& s : plan.inventory->services) {
      if (s.name != b.service_name || s.ns != ing.ns) continue;
      // service.serversscheme replaces the guess (traefik_service_annotations.cc).
      for (const Annotation& a : s.annotations) {
        if (a.key == "traefik.ingress.kubernetes.io/service.serversscheme") return;
      }
      for (const Service::Port& port : s.ports) {
        if (number && port.port == *number && name.empty()) name = port.name;
        if (!number && !name.empty() && port.name == name) number = port.port;
      }
    }
    const bool by_number = number && *number == 443;
    const bool by_name = name.rfind("https", 0) == 0;
    if (!by_number && !by_name) return;
    const std::string port = number ? std::to_string(*number) : name;
    if (!seen.insert(b.service_name + ":" + port).second) return;
    plan.findings->warning(
        b.location,
        fmt::format("Traefik reached Service {} port {} over HTTPS ({}); the route sends plain HTTP to it: add a "
                    "BackendTLSPolicy for the Service (Traefik verified the certificate unless its "
                    "ServersTransport said insecureSkipVerify) if the backend only speaks TLS",
                    b.service_name, port, by_number ? "port 443" : "the port name starts with https"),
        "traefik-backend-https");
  };
  if (ing.default_backend) check(*ing.default_backend);
  for (const auto& rule : ing.rules) {
    for (const auto& path : rule.paths) check(path.backend);
  }
}

/// ssl-passthrough: nginx hands TLS connections for the host to the backend
/// of the host's "/" location by SNI, before terminating TLS.
void plan_passthrough(Plan& plan, size_t ingress) {
  const IngressInfo& info = plan.ingresses[ingress];
  for (const auto& rule : info.ing->rules) {
    if (rule.host.empty() || rule.paths.empty()) continue;
    const IngressPath* chosen = &rule.paths.front();
    for (const auto& p : rule.paths) {
      if (p.path == "/" || p.path.empty()) chosen = &p;
    }
    auto backend = resolve_backend(chosen->backend, *info.ing, *plan.inventory, *plan.findings);
    if (!backend) continue;
    size_t d = plan.draft_for(ingress, rule.host);
    plan.drafts[d].passthrough = *backend;
  }
}

/// from-to-www-redirect: nginx adds a server for the other spelling of the
/// host (www. added or removed) that answers 308 to the Ingress's host,
/// unless some Ingress already defines that host.
void plan_www_redirect(Plan& plan, size_t ingress) {
  const IngressInfo& info = plan.ingresses[ingress];
  for (const auto& rule : info.ing->rules) {
    if (rule.host.empty() || rule.host[0] == '*') continue;
    std::string other = rule.host.rfind("www.", 0) == 0 ? rule.host.substr(4) : "www." + rule.host;
    bool defined = false;
    for (const auto& i : plan.ingresses) {
      if (i.cls.name != info.cls.name) continue;
      for (const auto& r : i.ing->rules) defined = defined || r.host == other;
    }
    if (defined || !ingress_host_problem(other).empty()) continue;
    size_t d = plan.draft_for(ingress, other);
    if (!plan.drafts[d].rules.empty()) continue;
    RouteRuleIR r;
    r.path = PathMatchIR{"PathPrefix", "/"};
    RedirectSpec redirect;
    redirect.hostname = rule.host;
    redirect.status_code = 308;  // config.go: HTTPRedirectCode
    r.filters.edit().redirect = redirect;
    r.source = info.ing->location;
    plan.drafts[d].rules.push_back(std::move(r));
  }
}

}  // namespace

void plan_ingress_protocols(Plan& plan, size_t ingress, const RouteTemplate& tpl) {
  const IngressInfo& info = plan.ingresses[ingress];
  if (tpl.backend_protocol == "HTTPS" || tpl.backend_protocol == "GRPCS") {
    plan_backend_tls(plan, info, tpl);
  }
  // FCGI is reported at the annotation by its per-value verdict
  // (rules/ingress-nginx/annotations.yaml): the routes stay plain HTTP.
  if (info.cls.controller == "traefik") warn_traefik_https_backends(plan, info);
  if (tpl.ssl_passthrough) plan_passthrough(plan, ingress);
  if (tpl.from_to_www) plan_www_redirect(plan, ingress);
}

}  // namespace im
