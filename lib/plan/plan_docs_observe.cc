// 00-observe/README.md, and the request checks every step shows.

#include <map>

#include <fmt/format.h>

#include "util/text.h"
#include "plan/curl_lines.h"
#include "plan/plan_files.h"
#include "report/summary.h"

namespace im {

std::string host_label(const std::string& host) { return host.empty() ? "(any host)" : host; }

std::string kubectl_for(const CutoverPlan& plan) {
  return "kubectl --context " + shell_quote(plan.context);
}

std::string ingress_item(const Ingress& ing) {
  return fmt::format("- {} ({})\n", markdown_code(ing.ref()), escape_control(ing.location.str()));
}

std::string checks_markdown(const CutoverPlan& plan, const ConversionOutput& routes,
                            const std::set<std::string>& hosts) {
  std::string out;
  for (const auto& checks : gateway_checks(plan.all, routes, hosts)) {
    out += fmt::format("Gateway {}:\n\n```sh\n{}\n", markdown_code(gateway_label(checks.gateway)),
                       address_command(checks.gateway, kubectl_for(plan)));
    for (const auto& line : checks.lines) out += line + "\n";
    out += "```\n\n";
  }
  return out;
}

namespace {

struct ListenerCertificate {
  std::string ns, secret, hosts;
  bool cert_manager = false;  ///< its Gateway or ListenerSet carries an issuer
};

bool carries_issuer(const CarriedAnnotations& a) {
  return a.count("cert-manager.io/issuer") || a.count("cert-manager.io/cluster-issuer");
}

void add_certificates(const std::string& owner_ns, const std::vector<ListenerIR>& listeners, bool cert_manager,
                      std::map<std::pair<std::string, std::string>, ListenerCertificate>& out) {
  for (const auto& l : listeners) {
    if (l.protocol != "HTTPS") continue;
    for (const auto& c : l.certificates) {
      std::string ns = c.ns.empty() ? owner_ns : c.ns;
      auto& entry = out[{ns, c.name}];
      entry.ns = ns;
      entry.secret = c.name;
      // cert-manager skips cross-namespace certificateRefs.
      entry.cert_manager = entry.cert_manager || (cert_manager && ns == owner_ns);
      std::string host = l.hostname.empty() ? "(any host)" : l.hostname;
      if (entry.hosts.find(host) == std::string::npos) entry.hosts += (entry.hosts.empty() ? "" : ", ") + host;
    }
  }
}

/// Every certificate a written HTTPS listener serves must be in place
/// before its host's traffic moves: cert-manager issues those of annotated
/// Gateways and ListenerSets (a Certificate named after the Secret, in its
/// namespace: cert-manager certificate-shim sync.go buildCertificates); the
/// others must already exist as Secrets.
std::string certificates_markdown(const CutoverPlan& plan) {
  std::map<std::pair<std::string, std::string>, ListenerCertificate> certs;
  for (const auto& g : plan.all.gateways) add_certificates(g.ns, g.listeners, carries_issuer(g.annotations), certs);
  for (const auto& s : plan.all.listener_sets)
    add_certificates(s.ns, s.listeners, carries_issuer(s.annotations), certs);
  if (certs.empty()) return "";
  std::string out =
      "## Certificates before traffic\n\n"
      "A listener without its certificate fails the TLS handshake, so no host moves before its "
      "certificate is in place. Those cert-manager issues (the Gateway or ListenerSet carries the "
      "issuer) must report `Ready`; a Certificate cert-manager made for an Ingress stays owned by "
      "that Ingress until it is deleted in `02-converge/`, then cert-manager makes it again for "
      "the Gateway. The others must exist as Secrets:\n\n```sh\n";
  for (const auto& [key, c] : certs) {
    if (c.cert_manager) {
      out += fmt::format("{} -n {} wait --for=condition=Ready certificate/{} --timeout=10m  # {}\n",
                         kubectl_for(plan), shell_quote(c.ns), shell_quote(c.secret), c.hosts);
    } else {
      out += fmt::format("{} -n {} get secret {}  # {}\n", kubectl_for(plan), shell_quote(c.ns),
                         shell_quote(c.secret), c.hosts);
    }
  }
  out += "```\n\n";
  return out;
}

}  // namespace

std::string observe_readme(const CutoverPlan& plan) {
  const ConversionOutput& all = plan.all;
  size_t routes = all.http_routes.size() + all.grpc_routes.size() + all.tls_routes.size();
  std::string out = "# Phase 0: observe\n\n";
  out += fmt::format(
      "This directory holds every object of the plan: {}, {}, {} and {}. Apply it to run the "
      "Gateways beside the Ingress controller:\n\n"
      "```sh\n{} apply -f 00-observe/\n```\n\n",
      kubectl_for(plan), count_noun(all.gateways.size(), "Gateway", "Gateways"), count_noun(routes, "route", "routes"),
      count_noun(all.reference_grants.size(), "ReferenceGrant", "ReferenceGrants"),
      count_noun(all.backend_tls_policies.size(), "BackendTLSPolicy", "BackendTLSPolicies"));
  out += fmt::format(
      "The Gateways take no traffic yet: DNS still sends every client to the Ingress controller, "
      "which keeps serving every host. Nothing here changes what clients see. Wait until each "
      "Gateway reports `Programmed` and each route `Accepted`:\n\n"
      "```sh\n{0} get gateway -A\n{0} get httproute,grpcroute,tlsroute -A\n```\n\n",
      kubectl_for(plan));
  for (const auto& g : all.gateways) {
    if (g.named_address.empty()) continue;
    out += fmt::format(
        "Gateway `{}` asks for the named address `{}` (from an Ingress's static IP "
        "annotation). While that Ingress holds the address, the Gateway may not get it; test it "
        "once the address is free, or run this phase with the annotation removed from the "
        "Ingress manifests.\n\n",
        gateway_label(GatewayRef{g.ns, g.name}), g.named_address);
  }
  out += certificates_markdown(plan);
  out +=
      "## Test each host against its Gateway\n\n"
      "`curl --resolve` sends the request a client would send (same Host header, SNI and "
      "certificate) to the Gateway's address instead of the one DNS gives. Compare each status "
      "code with the same request without `--resolve`, which the Ingress controller answers "
      "today. Where the address is a host name rather than an IP (some cloud load balancers), "
      "use `--connect-to HOST:PORT:$GATEWAY_ADDRESS:PORT` in place of `--resolve`.\n\n";
  std::set<std::string> hosts;
  for (const auto& g : plan.groups) {
    for (const auto& m : g.moves) hosts.insert(m.host);
    for (const auto& m : g.stuck) hosts.insert(m.host);
  }
  out += checks_markdown(plan, all, hosts);
  out += "Then move the groups of `01-coexist/` one at a time, in order.\n";
  return out;
}

}  // namespace im
