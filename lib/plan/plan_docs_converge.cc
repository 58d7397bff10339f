// 02-converge/: the script that deletes what the Gateways replaced, and how
// to undo each step.

#include <fmt/format.h>

#include "util/text.h"
#include "plan/curl_lines.h"
#include "plan/plan_files.h"

namespace im {

namespace {

/// Every kubectl of the script names the plan's context: run from a shell
/// whose current context is another cluster, it must not delete there.
constexpr const char* kKubectl = "kubectl --context \"$CONTEXT\"";

std::string delete_ingress(const Ingress& ing) {
  // An Ingress read without a namespace lives in the context's namespace.
  return ing.ns.empty() ? fmt::format("{} delete ingress {}\n", kKubectl, shell_quote(ing.name))
                        : fmt::format("{} delete ingress -n {} {}\n", kKubectl,
                                      shell_quote(ing.ns), shell_quote(ing.name));
}

}  // namespace

std::string delete_script(const CutoverPlan& plan) {
  size_t n = plan.groups.size();
  std::string out =
      "#!/bin/sh\n"
      "# Phase 2: converge. Deletes the Ingresses the Gateways replaced, one step\n"
      "# at a time: run step N only once the hosts of 01-coexist/<N>-*/ point at\n"
      "# the Gateway and traffic looks right. ROLLBACK.md says how to undo a step.\n";
  out += fmt::format("# usage: sh delete-ingresses.sh STEP|all   (STEP: 1 to {})\n", n);
  out += "set -eu\n\n";
  out += fmt::format(
      "# The plan was made for this kubectl context; the script refuses any other.\n"
      "CONTEXT={}\n"
      "if [ -z \"$CONTEXT\" ] || ! kubectl config get-contexts -o name | grep -qxF \"$CONTEXT\"; "
      "then\n"
      "  echo \"kubectl context '$CONTEXT' not found; this plan was made for it\" >&2\n"
      "  exit 2\n"
      "fi\n\n",
      shell_quote(plan.context));
  out += "step=${1:?usage: sh delete-ingresses.sh STEP|all}\n";
  out += fmt::format(
      "case $step in\n  all) ;;\n  *[!0-9]*|'') echo \"unknown step: $step\" >&2; exit 2 ;;\n"
      "  *) if [ \"$step\" -lt 1 ] || [ \"$step\" -gt {} ]; then echo \"no step $step (1 to {})\" >&2; exit 2; fi ;;\n"
      "esac\n\n",
      n, n);
  out +=
      "# An IngressClass goes only when no Ingress in the cluster names it any more\n"
      "# (the input may not hold every Ingress of the cluster).\n"
      "delete_class_if_unused() {\n"
      "  if kubectl --context \"$CONTEXT\" get ingress -A -o jsonpath='{range .items[*]}{.spec.ingressClassName}{\"\\n\"}"
      "{.metadata.annotations.kubernetes\\.io/ingress\\.class}{\"\\n\"}{end}' | grep -qxF \"$1\"; then\n"
      "    echo \"IngressClass $1 is still used; kept\" >&2\n"
      "  else\n"
      "    kubectl --context \"$CONTEXT\" delete ingressclass \"$1\"\n"
      "  fi\n"
      "}\n";
  for (size_t i = 0; i < n; ++i) {
    const PlanGroup& g = plan.groups[i];
    out += fmt::format("\n# {}\nif [ \"$step\" = all ] || [ \"$step\" = {} ]; then\n", g.dir, i + 1);
    bool any = false;
    for (const Ingress* ing : g.released) {
      out += "  " + delete_ingress(*ing);
      any = true;
    }
    for (const auto& [cls, at] : plan.class_deletions) {
      if (at != i) continue;
      out += "  delete_class_if_unused " + shell_quote(cls->name) + "\n";
      any = true;
    }
    if (!any) out += "  : # nothing is deleted in this step\n";
    out += "fi\n";
  }
  return out;
}

std::string rollback_notes(const CutoverPlan& plan) {
  std::string out = fmt::format(
      "# Rollback\n\n"
      "Undo steps in reverse order, the latest first. A step is undone by pointing its DNS names "
      "back at the Ingress controller; the routes may stay attached, since without DNS they get "
      "no traffic. To undo the whole migration after that, `{} delete -f 00-observe/`.\n",
      kubectl_for(plan));
  for (size_t i = plan.groups.size(); i-- > 0;) {
    const PlanGroup& g = plan.groups[i];
    out += fmt::format("\n## Step {}: `{}`\n\n", i + 1, g.dir);
    if (g.moves.empty()) {
      out += "No DNS name moved in this step; nothing to undo.\n";
      continue;
    }
    size_t item = 1;
    if (!g.released.empty()) {
      out += fmt::format(
          "{}. If `sh 02-converge/delete-ingresses.sh {}` already ran, re-create what it deleted from the "
          "manifests they were read from, and wait until the Ingress controller serves them:\n",
          item++, i + 1);
      // The class first: an Ingress of a missing class is served by no controller.
      for (const auto& [cls, at] : plan.class_deletions) {
        if (at == i)
          out += fmt::format("   - IngressClass {} ({})\n", markdown_code(cls->name),
                             escape_control(cls->location.str()));
      }
      for (const Ingress* ing : g.released) out += "   " + ingress_item(*ing);
    }
    out += fmt::format(
        "{}. Point these DNS names back at the Ingress controller's address (note it before the "
        "step: `{} get ingress -A` shows it as ADDRESS):\n",
        item, kubectl_for(plan));
    for (const auto& m : g.moves) out += "   - " + host_label(m.host) + "\n";
  }
  return out;
}

}  // namespace im
