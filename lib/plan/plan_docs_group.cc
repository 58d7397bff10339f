// 01-coexist/<NN>-<group>/README.md: one step of the cutover.

#include <map>

#include <fmt/format.h>

#include "plan/curl_lines.h"
#include "plan/plan_files.h"
#include "util/text.h"

namespace im {

namespace {

const char* group_kind(GroupBy by) {
  switch (by) {
    case GroupBy::Namespace: return "namespace";
    case GroupBy::Host: return "host";
    case GroupBy::IngressClass: return "ingress class";
  }
  return "group";
}

template <typename Route>
void list_routes(const std::vector<Route>& routes, const char* kind, std::string& out) {
  for (const auto& r : routes) {
    out += fmt::format("- {} {} ({}) from Ingress {}\n", kind, markdown_code(r.ns + "/" + r.name),
                       escape_control(host_label(r.hostnames.empty() ? "" : r.hostnames.front())),
                       markdown_code(r.source_ingress));
  }
}

std::string gateway_names(const HostMove& m) {
  std::vector<std::string> names;
  for (const auto& g : m.gateways) names.push_back("`" + gateway_label(g) + "`");
  return join(names, ", ");
}

/// Hosts of this group's routes that move in a later step, with that step.
std::map<std::string, std::string> later_hosts(const CutoverPlan& plan, size_t index) {
  std::map<std::string, std::string> out;
  auto add = [&](const std::vector<std::string>& hostnames) {
    std::string host = hostnames.empty() ? "" : hostnames.front();
    size_t step = plan.host_step.at(host);
    if (step != index) out[host] = plan.groups[step].dir;
  };
  const ConversionOutput& r = plan.groups[index].routes;
  for (const auto& x : r.http_routes) add(x.hostnames);
  for (const auto& x : r.grpc_routes) add(x.hostnames);
  for (const auto& x : r.tls_routes) add(x.hostnames);
  return out;
}

/// Every route of the hosts, from whichever group: a DNS name moves them all.
ConversionOutput routes_of(const CutoverPlan& plan, const std::set<std::string>& hosts) {
  ConversionOutput out;
  for (const auto& h : hosts) {
    const ConversionOutput& r = plan.host_routes.at(h);
    out.http_routes.insert(out.http_routes.end(), r.http_routes.begin(), r.http_routes.end());
    out.grpc_routes.insert(out.grpc_routes.end(), r.grpc_routes.begin(), r.grpc_routes.end());
    out.tls_routes.insert(out.tls_routes.end(), r.tls_routes.begin(), r.tls_routes.end());
  }
  return out;
}

}  // namespace

std::string group_readme(const CutoverPlan& plan, size_t index) {
  const PlanGroup& g = plan.groups[index];
  std::string out = fmt::format("# Step {} of {}: {} {}\n\n", index + 1, plan.groups.size(),
                                group_kind(plan.group_by), g.label);
  out += fmt::format(
      "Risk: **{}** (the worst finding about the Ingresses of this group; steps run from the "
      "safest group to the riskiest, ties by name).\n\n",
      risk_name(g.risk));

  out += fmt::format("## 1. Attach the routes\n\n```sh\n{} apply -f 01-coexist/{}/\n```\n\n",
                     kubectl_for(plan), g.dir);
  out +=
      "These are the same objects, byte for byte, as in `00-observe/`: applying them again "
      "changes nothing while that phase is in place, and keeps this step whole on its own. "
      "Their parentRefs name the Gateways of `00-observe/`.\n\n";
  list_routes(g.routes.http_routes, "HTTPRoute", out);
  list_routes(g.routes.grpc_routes, "GRPCRoute", out);
  list_routes(g.routes.tls_routes, "TLSRoute", out);
  for (const auto& p : g.routes.backend_tls_policies) {
    out += fmt::format("- BackendTLSPolicy {} (Service {})\n", markdown_code(p.ns + "/" + p.name),
                       markdown_code(p.service));
  }
  out += "\n## 2. Point DNS at the Gateway\n\n";
  std::set<std::string> hosts;
  if (g.moves.empty()) {
    out += "No host moves in this step.\n\n";
  } else {
    out +=
        "Check each host against its Gateway first (compare with the same request without "
        "`--resolve`), then point its DNS name at the Gateway's address:\n\n";
    for (const auto& m : g.moves) {
      out += fmt::format("- {} → {}\n", host_label(m.host), gateway_names(m));
      hosts.insert(m.host);
    }
    out += "\n" + checks_markdown(plan, routes_of(plan, hosts), hosts);
  }
  if (!g.stuck.empty()) {
    out +=
        "These hosts cannot move: their routes attach to several Gateways, each with its own "
        "address, and a DNS name points at one. Their Ingresses stay (see the plan-host-split "
        "findings below):\n\n";
    for (const auto& m : g.stuck) out += fmt::format("- {}: {}\n", host_label(m.host), gateway_names(m));
    out += "\n";
  }
  auto later = later_hosts(plan, index);
  if (!later.empty()) {
    out +=
        "Some hosts of this group also have routes in a later group. A DNS name moves all of "
        "its paths at once, so these wait for the later step:\n\n";
    for (const auto& [host, dir] : later) out += fmt::format("- {}: step `{}`\n", host_label(host), dir);
    out += "\n";
  }

  out += "## 3. Ingresses no longer needed\n\n";
  if (g.released.empty()) {
    out += "None after this step: each Ingress of this group serves a host that moves in a later step or cannot move.\n\n";
  } else {
    out += fmt::format(
        "Once the hosts above point at the Gateway and traffic looks right, these Ingresses serve "
        "nothing any more; `sh 02-converge/delete-ingresses.sh {}` deletes them:\n\n",
        index + 1);
    for (const Ingress* ing : g.released) out += ingress_item(*ing);
    out += "\n";
  }

  out += "## Findings\n\n";
  if (g.findings.empty()) out += "None.\n";
  for (const auto& f : g.findings) out += "- " + format_finding(f) + "\n";
  return out;
}

}  // namespace im
