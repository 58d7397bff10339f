#include "targets/target_verdict.h"

#include <fmt/format.h>

namespace im {
namespace {

// The apiVersion of an object a rule writes: the implementation's, or the
// standard Gateway's for the listener options a profile sets on it.
std::string object_api_version(const TargetProfile& p, const std::string& kind) {
  return kind == "Gateway" ? "gateway.networking.k8s.io/v1" : p.api_version_of(kind);
}

std::string verdict_message(const TargetProfile& p, const TargetRule& r, const Annotation& a) {
  if (r.verdict == Verdict::Converted) {
    return fmt::format("{} is converted for {} {}: {} spec.{}", a.key, p.project, p.version, r.kind, r.field);
  }
  return fmt::format("{} is converted for {} {} with a difference ({} spec.{}): {}", a.key, p.project, p.version,
                     r.kind, r.field, r.lost);
}

}  // namespace

VerdictIndex index_verdicts(const Findings& findings) {
  VerdictIndex index;
  for (const Finding& f : findings.items()) {
    if (!f.catalog_verdict) continue;
    index.emplace(std::make_tuple(f.rule_id, f.location.file(), f.location.line, f.location.col), &f);
  }
  return index;
}

const Finding* base_verdict(const VerdictIndex& index, const Annotation& a, const std::string& rule_id) {
  auto it = index.find(std::make_tuple(rule_id, a.location.file(), a.location.line, a.location.col));
  return it == index.end() ? nullptr : it->second;
}

Finding target_verdict(const TargetProfile& p, const TargetRule& r, const Annotation& a, const std::string& id) {
  Finding f;
  f.severity = r.verdict == Verdict::Converted ? Severity::Info : Severity::Warning;
  f.location = a.location;
  f.message = verdict_message(p, r, a);
  f.rule_id = id;
  f.properties = {{"targetController", p.name},
                  {"targetVerdict", r.verdict == Verdict::Converted ? "converted" : "partial"},
                  {"targetObject", object_api_version(p, r.kind) + " " + r.kind},
                  {"targetField", "spec." + r.field}};
  return f;
}

VerdictKey verdict_key(const Location& at, const std::string& rule_id) {
  return {at.file(), at.line, at.col, rule_id};
}

void withdraw_target_verdicts(Findings& findings, const std::set<VerdictKey>& keys) {
  if (keys.empty()) return;
  Findings kept;
  for (const Finding& f : findings.items()) {
    // target_verdict() puts targetController first.
    const bool target = !f.properties.empty() && f.properties.front().key == "targetController";
    if (!target || !keys.count(verdict_key(f.location, f.rule_id))) kept.add(f);
  }
  findings = std::move(kept);
}

}  // namespace im
