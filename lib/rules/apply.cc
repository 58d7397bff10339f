#include "rules/apply.h"

#include <fmt/format.h>

#include "rules/actions.h"
#include "rules/value_format.h"
#include "util/did_you_mean.h"
#include "util/text.h"

namespace im {

namespace {

/// The verdict the rule gives this annotation's value: its own entry in
/// `values`, else the rule's verdict.
const ValueVerdict* value_verdict(const Rule& rule, const Annotation& a) {
  const std::string value = to_lower(trim(a.value));
  for (const auto& vv : rule.value_verdicts) {
    if (to_lower(vv.value) == value) return &vv;
  }
  return nullptr;
}

void report_verdict(const Rule& rule, const Annotation& a, Findings& findings) {
  auto verdict = [&](Severity severity, std::string message) {
    Finding f;
    f.severity = severity;
    f.location = a.location;
    f.message = std::move(message);
    f.rule_id = rule.id;
    f.catalog_verdict = true;
    findings.add(std::move(f));
  };
  if (const ValueVerdict* vv = value_verdict(rule, a)) {
    if (vv->verdict == Verdict::Partial) {
      verdict(Severity::Warning, fmt::format("{}: {} is only partly converted: {}", a.key, vv->value, vv->lost));
    } else if (vv->verdict == Verdict::None) {
      verdict(vv->error ? Severity::Error : Severity::Warning,
              fmt::format("{}: {} is not converted: {}", a.key, vv->value, vv->instead));
    }
    return;
  }
  if (rule.verdict == Verdict::Partial) {
    verdict(Severity::Warning, fmt::format("{} is only partly converted: {}", a.key, rule.lost));
  } else if (rule.verdict == Verdict::None) {
    // Rules for access control and limits say severity: error, because
    // dropping them silently opens or changes access.
    auto sev = rule.params.count("severity") && rule.params.at("severity") == "error"
                   ? Severity::Error
                   : Severity::Warning;
    verdict(sev, fmt::format("{} is not converted: {}", a.key, rule.instead));
  }
}

/// One annotation its rule knows: a value the rule cannot read is an error
/// and is ignored; otherwise the action records it and the verdict is said.
void judge(const Rule& rule, const Annotation& a, const Ingress& object, Findings& findings, IngressPolicy& policy) {
  if (std::string why = check_value(rule.value_format, a.value); !why.empty()) {
    findings.error(a.location, fmt::format("{}: invalid value \"{}\": {}; ignored", a.key, a.value, why),
                   rule.id);
    return;
  }
  if (const Action* action = find_action(rule.action)) action->fn(ActionContext{object, a, rule, findings}, policy);
  report_verdict(rule, a, findings);
}

// params.on: "service" when the controller reads the key from the backend
// Service only (Traefik's service.*, Kong's Service keys), "both" when from
// the Ingress and the Service, the Service's value winning (HAProxy's
// backend keys: documentation/annotations.md, "default <- Configmap <-
// Ingress <- Service").
bool read_from_service(const Rule& rule) {
  auto on = rule.params.find("on");
  return on != rule.params.end() && (on->second == "service" || on->second == "both");
}

bool read_from_service_only(const Rule& rule) {
  auto on = rule.params.find("on");
  return on != rule.params.end() && on->second == "service";
}

}  // namespace

IngressPolicy apply_service_annotations(const Service& svc, const std::string& controller, const Catalog& catalog,
                                        Findings& findings) {
  IngressPolicy policy;
  Ingress as_object;  // the actions read the object's name and namespace only
  as_object.name = svc.name;
  as_object.ns = svc.ns;
  for (const Annotation& a : svc.annotations) {
    RuleMatch m = catalog.match(a.key, controller, "");
    if (!m.family || m.family->name != controller || !m.rule || !read_from_service(*m.rule)) continue;
    judge(*m.rule, a, as_object, findings, policy);
  }
  return policy;
}

IngressPolicy apply_annotations(const Ingress& ing, const std::string& controller,
                                const Catalog& catalog, const std::string& nginx_prefix,
                                Findings& findings) {
  IngressPolicy policy;
  for (const Annotation& a : ing.annotations) {
    // ingress-migrate's own annotations (lint's ingress-migrate.io/ignore)
    // are read by the tool, not by any controller: nothing to convert or report.
    if (a.key.rfind("ingress-migrate.io/", 0) == 0) continue;
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
                       fmt::format("{} belongs to {}, but this Ingress is served by {}: it is "
                                   "ignored by your controller today and is not converted",
                                   a.key, m.family->name, controller),
                       "annotation-wrong-controller");
      continue;
    }
    if (!m.rule) {
      // A typo in a known family is the likely cause; the controller ignored
      // the key, so nothing is lost, but the user probably meant something.
      std::vector<std::string> known;
      for (const auto& r : catalog.rules()) {
        if (r.controller == m.family->name && !r.is_pattern()) known.push_back(r.key);
      }
      std::string best = did_you_mean(m.suffix, known);
      findings.warning(a.location,
                       fmt::format("{} is not an annotation {} knows{}; it has no effect and is not "
                                   "converted",
                                   a.key, m.family->name,
                                   best.empty() ? "" : " (did you mean \"" + best + "\"?)"),
                       "annotation-unknown-key");
      continue;
    }
    const Rule& rule = *m.rule;
    if (read_from_service_only(rule)) {
      // Traefik decodes service.* from the Service only (ingress/
      // annotations.go parseServiceConfig on service.Annotations).
      findings.warning(a.location,
                       fmt::format("{} is read by {} from the backend Service, not from the Ingress: it has no "
                                   "effect here and is not converted (move it to the Service)",
                                   a.key, m.family->name),
                       "annotation-wrong-object");
      continue;
    }
    judge(rule, a, ing, findings, policy);
  }
  return policy;
}

}  // namespace im
