#include "lint/linter.h"

#include <algorithm>

#include "lint/checks.h"

namespace im {

Findings lint(const ConvertOutcome& converted, const std::vector<ObjectSpan>& objects,
              const LintOptions& options, Findings conversion_findings) {
  Findings all = std::move(conversion_findings);
  LintContext ctx{objects, converted.load.inventory, options.target, options.current,
                  options.default_class};
  check_api_versions(ctx, all);
  check_gateway_api_versions(ctx, all);
  check_ingress_nginx(ctx, all);
  check_snippets(ctx, all);
  check_tls_hosts(ctx, all);
  check_ignore_annotations(ctx, all);
  Findings kept = without_suppressed(std::move(all), objects, options.ignore);
  kept.sort_and_dedupe();
  return kept;
}

Findings without_suppressed(Findings findings, const std::vector<ObjectSpan>& objects,
                            const std::set<std::string>& ignore) {
  std::vector<const ObjectSpan*> annotated;
  for (const ObjectSpan& o : objects) {
    if (!o.ignored.empty()) annotated.push_back(&o);
  }
  findings.keep_if([&](const Finding& f) {
    if (ignore.count(f.rule_id)) return false;
    return std::none_of(annotated.begin(), annotated.end(), [&](const ObjectSpan* o) {
      return o->contains(f.location) &&
             std::find(o->ignored.begin(), o->ignored.end(), f.rule_id) != o->ignored.end();
    });
  });
  return findings;
}

}  // namespace im
