// PLAN.md: the whole cutover in order, with counts, the verdict for the
// target implementation and the findings that block it.

#include <fmt/format.h>

#include "util/text.h"
#include "plan/plan_files.h"
#include "report/compat_report.h"
#include "report/summary.h"

namespace im {

namespace {

const char* group_by_name(GroupBy by) {
  return group_by_names()[static_cast<size_t>(by)].c_str();
}

std::string counts(const PlanDocsInput& in) {
  const CutoverPlan& plan = *in.plan;
  const ConversionOutput& all = plan.all;
  size_t released = 0, moves = 0;
  for (const auto& g : plan.groups) {
    released += g.released.size();
    moves += g.moves.size();
  }
  std::string out = "## Counts\n\n";
  out += fmt::format("- {} read: {} deleted by the plan, {} kept, {} blocked\n",
                     count_noun(in.inventory->ingresses.size(), "Ingress", "Ingresses"), released,
                     plan.kept.size(), plan.blocked.size());
  out += fmt::format("- {} to delete once unused\n",
                     count_noun(plan.class_deletions.size(), "IngressClass", "IngressClasses"));
  out += fmt::format("- {}, {}, {}, {}, {}, {}\n", count_noun(all.gateways.size(), "Gateway", "Gateways"),
                     count_noun(all.http_routes.size(), "HTTPRoute", "HTTPRoutes"),
                     count_noun(all.grpc_routes.size(), "GRPCRoute", "GRPCRoutes"),
                     count_noun(all.tls_routes.size(), "TLSRoute", "TLSRoutes"),
                     count_noun(all.reference_grants.size(), "ReferenceGrant", "ReferenceGrants"),
                     count_noun(all.backend_tls_policies.size(), "BackendTLSPolicy", "BackendTLSPolicies"));
  out += fmt::format("- {} (by {}), {} moving\n", count_noun(plan.groups.size(), "group", "groups"),
                     group_by_name(plan.group_by), count_noun(moves, "host", "hosts"));
  const Findings& f = *in.findings;
  out += fmt::format("- {}, {}, {}\n\n", count_noun(f.count(Severity::Error), "error", "errors"),
                     count_noun(f.count(Severity::Warning), "warning", "warnings"),
                     count_noun(f.count(Severity::Info), "info finding", "info findings"));
  return out;
}

constexpr const char* kHowItFits =
    "## How the phases fit together\n\n"
    "- `00-observe/` holds every object: Gateways, routes, ReferenceGrants and BackendTLSPolicies. "
    "A Gateway gets its own address, so it takes no traffic until DNS points there, and every "
    "host can be tested against it with `curl --resolve` while the Ingress controller keeps "
    "serving. Routes go in here too, not only in their step, because a host can only be tested "
    "once its routes are attached.\n"
    "- `01-coexist/<NN>-<group>/` holds the routes of one group (and the BackendTLSPolicies of "
    "their Services), the same objects as in `00-observe/`. Their parentRefs name Gateways of "
    "`00-observe/`, so each directory is a valid set of manifests once phase 0 is applied, and "
    "applying it again changes nothing. What a step changes is DNS.\n"
    "- A DNS name sends all its paths to one address at once. So a host moves in the last step "
    "(in the order below) that has routes for it, and an Ingress is deleted only after every "
    "host it serves has moved. A host whose routes attach to more than one Gateway cannot move "
    "at all (a `plan-host-split` error).\n"
    "- Steps run from the safest group to the riskiest: groups whose annotations all converted "
    "first, then those with partly converted annotations, then those that drop an annotation, "
    "then those with errors; ties by name.\n"
    "- `sh 02-converge/delete-ingresses.sh STEP` deletes the Ingresses a step made unnecessary, and "
    "an IngressClass once none of the input's Ingresses uses it (and no Ingress in the cluster "
    "names it). `02-converge/ROLLBACK.md` says how to undo each step.\n\n";

std::string steps(const CutoverPlan& plan) {
  std::string out = "## Steps\n\n";
  out += "1. `00-observe/`: apply, wait for the Gateways to be programmed, test every host "
         "(`00-observe/README.md`).\n";
  out += "2. `01-coexist/`, one step at a time; after each, "
         "`sh 02-converge/delete-ingresses.sh STEP` once traffic looks right:\n\n";
  out += "   | Step | Group | Risk | Routes | Hosts moving | Ingresses deleted | Findings |\n"
         "   |---|---|---|---|---|---|---|\n";
  for (size_t i = 0; i < plan.groups.size(); ++i) {
    const PlanGroup& g = plan.groups[i];
    const ConversionOutput& r = g.routes;
    out += fmt::format("   | {} | [`{}`](01-coexist/{}/README.md) | {} | {} | {} | {} | {} |\n", i + 1,
                       g.label, g.dir, risk_name(g.risk),
                       r.http_routes.size() + r.grpc_routes.size() + r.tls_routes.size(), g.moves.size(),
                       g.released.size(), g.findings.size());
  }
  out += "\n3. `02-converge/`: when every step is done, nothing is left for the Ingress "
         "controller to serve (except the Ingresses kept below).\n\n";
  return out;
}

std::string compatibility(const PlanDocsInput& in) {
  if (!in.target) {
    return "## Compatibility\n\n"
           "No `--target-controller` was given. `ingress-migrate report` compares the plan's "
           "objects with every known Gateway API implementation.\n\n";
  }
  // Errors of the conversion make the target "not ready", as in `report`;
  // which Ingresses are left out is said in the plan's own sections.
  ConversionLoss loss;
  if (in.findings && in.inventory) {
    Findings sorted = *in.findings;
    sorted.sort_and_dedupe();
    loss = conversion_loss(sorted, in.inventory->ingresses.size(), in.inventory->ingresses.size());
  }
  CompatReport report = build_compat_report(in.plan->all, {in.target}, loss);
  std::string out = fmt::format("## Compatibility with {}: {}\n\n", in.target->name,
                                verdict3_name(report.controllers.front().verdict));
  // The report's own title would repeat this section's.
  std::string body = render_report(report, ReportFormat::Markdown);
  if (body.rfind("## ", 0) == 0) body = body.substr(body.find("\n\n") + 2);
  return out + body + "\n";
}

}  // namespace

std::string plan_markdown(const PlanDocsInput& in) {
  const CutoverPlan& plan = *in.plan;
  std::string out = "# Cutover plan: Ingress to Gateway API\n\n";
  out += fmt::format(
      "Written by `ingress-migrate plan --group-by {}`. Three phases: observe (the Gateways run "
      "beside the Ingress controller), coexist (groups move their DNS names one at a time), "
      "converge (the Ingresses nobody needs are deleted).\n\n",
      group_by_name(plan.group_by));
  out += blocked_summary(plan);
  out += fmt::format("Every kubectl command of the plan names the context {} (`--context`), "
                     "the one it was made for.\n\n",
                     markdown_code(plan.context));
  out += counts(in);
  out += steps(plan);
  out += kHowItFits;
  out += "## Ingresses the plan keeps\n\n";
  if (plan.kept.empty()) out += "None.\n";
  for (const auto& k : plan.kept) {
    out += fmt::format("- {} ({}): {}\n", markdown_code(k.ingress->ref()),
                       escape_control(k.ingress->location.str()), escape_control(k.reason));
  }
  out += "\n" + compatibility(in);
  out += "## Blocking findings\n\n";
  size_t errors = 0;
  for (const auto& f : in.findings->items()) {
    if (f.severity != Severity::Error) continue;
    out += "- " + format_finding(f) + "\n";
    ++errors;
  }
  if (errors == 0) out += "None.\n";
  return out;
}

}  // namespace im
