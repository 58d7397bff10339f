// 00-observe/README.md, and the request checks every step shows.

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
