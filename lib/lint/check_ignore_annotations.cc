// An id in ingress-migrate.io/ignore that no rule has suppresses nothing;
// usually a typo, which would otherwise leave a finding the user believes
// silenced.

#include <fmt/format.h>

#include "lint/checks.h"
#include "util/did_you_mean.h"

namespace im {

void check_ignore_annotations(const LintContext& ctx, Findings& findings) {
  const std::vector<std::string> known = known_rule_ids();
  for (const ObjectSpan& obj : ctx.objects) {
    for (const std::string& id : obj.ignored) {
      if (describe_rule(id)) continue;
      std::string best = did_you_mean(id, known);
      findings.warning(obj.ignore_location,
                       fmt::format("{} names unknown rule \"{}\"{}; it suppresses nothing",
                                   kIgnoreAnnotation, id,
                                   best.empty() ? "" : " (did you mean \"" + best + "\"?)"),
                       "unknown-ignore-rule");
    }
  }
}

}  // namespace im
