// blocked/: Ingresses whose conversion drops a security control, and the
// routes the plan withholds because of them.

#include <fmt/format.h>

#include "util/text.h"
#include "plan/plan_files.h"

namespace im {

std::string blocked_summary(const CutoverPlan& plan) {
  if (plan.blocked.empty()) return "";
  std::string out =
      "## Blocked: fix these first\n\n"
      "These Ingresses lose a security control in the conversion (an allow or deny list, "
      "authentication, a snippet, a rate limit or client-certificate auth). No phase applies a "
      "route for any host they serve, and those hosts stay on the Ingress controller; the "
      "withheld routes and the reasons are in [`blocked/`](blocked/README.md).\n\n";
  for (const BlockedIngress& b : plan.blocked) {
    std::vector<std::string> ids;
    for (const Finding& f : b.reasons) ids.push_back("`" + f.rule_id + "`");
    out += fmt::format("- {} ({}): {}\n", markdown_code(b.ingress->ref()),
                       escape_control(b.ingress->location.str()), fmt::join(ids, ", "));
  }
  return out + "\n";
}

std::string blocked_readme(const CutoverPlan& plan) {
  std::string out =
      "# Blocked: Ingresses that would lose a security control\n\n"
      "Applied as converted, the routes of these Ingresses would serve their hosts without the "
      "control named below, at the Gateway's address, as soon as they are attached (even before "
      "DNS moves). So no phase of this plan applies them: the manifests here are the withheld "
      "routes of every host these Ingresses serve, for reference only. Do not apply them until "
      "the control has a replacement on the Gateway (an implementation policy), then plan "
      "again.\n\n";
  for (const BlockedIngress& b : plan.blocked) {
    out += fmt::format("## {} ({})\n\n", markdown_code(b.ingress->ref()),
                       escape_control(b.ingress->location.str()));
    for (const Finding& f : b.reasons) out += "- " + format_finding(f) + "\n";
    out += "\n";
  }
  return out;
}

}  // namespace im
