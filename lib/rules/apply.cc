#include "rules/apply.h"

#include <fmt/format.h>

#include "rules/actions.h"
#include "rules/value_format.h"

namespace im {

namespace {

void report_verdict(const Rule& rule, const Annotation& a, Findings& findings) {
  if (rule.verdict == Verdict::Partial) {
    findings.warning(a.location, fmt::format("{} is only partly converted: {}", a.key, rule.lost),
                     rule.id);
  } else if (rule.verdict == Verdict::None) {
    // Rules for access control and limits say severity: error, because
    // dropping them silently opens or changes access.
    auto sev = rule.params.count("severity") && rule.params.at("severity") == "error"
                   ? Severity::Error
                   : Severity::Warning;
    findings.add(sev, a.location,
                 fmt::format("{} has no Gateway API equivalent and is not converted; {}", a.key,
                             rule.instead),
                 rule.id);
  }
}

}  // namespace

IngressPolicy apply_annotations(const Ingress& ing, const std::string& controller,
                                const Catalog& catalog, const std::string& nginx_prefix,
                                Findings& findings) {
  IngressPolicy policy;
  for (const Annotation& a : ing.annotations) {
    RuleMatch m = catalog.match(a.key, controller, nginx_prefix);
    if (!m.family) {
      findings.info(a.location,
                    fmt::format("annotation {} is not known to ingress-migrate; not carried over",
                                a.key),
                    "annotation-unknown");
      continue;
    }
    if (m.family->name != controller && m.family->name != "generic") {
      findings.warning(a.location,
                       fmt::format("{} is a {} annotation, but this Ingress is served by {}: it is "
                                   "ignored by your controller today and is not converted",
                                   a.key, m.family->name, controller),
                       "annotation-wrong-controller");
      continue;
    }
    if (!m.rule) {
      findings.info(a.location, fmt::format("{} annotation {} is not yet mapped; not converted",
                                            m.family->name, a.key),
                    "annotation-not-mapped");
      continue;
    }
    const Rule& rule = *m.rule;
    if (std::string why = check_value(rule.value_format, a.value); !why.empty()) {
      findings.error(a.location,
                     fmt::format("{}: invalid value \"{}\": {}; ignored", a.key, a.value, why),
                     rule.id);
      continue;
    }
    const Action* action = find_action(rule.action);
    if (action) action->fn(ActionContext{ing, a, rule, findings}, policy);
    report_verdict(rule, a, findings);
  }
  return policy;
}

}  // namespace im
