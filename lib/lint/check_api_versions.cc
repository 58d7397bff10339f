// Removed and deprecated Kubernetes apiVersions, from the table in
// rules/lint/removed-apis.yaml. Like pluto and kubent this looks at
// apiVersion and kind only, but it reports the position of the apiVersion
// and carries the table's facts as finding properties (JSON, SARIF).

#include <fmt/format.h>

#include "lint/checks.h"

namespace im {

namespace {

std::string advice(const ApiLifecycle& api, const std::string& when = "") {
  std::string out = "; use " + api.replacement + when;
  if (api.field_changes) {
    out += " (fields change too: https://kubernetes.io/docs/reference/using-api/deprecation-guide/)";
  }
  return out;
}

std::vector<FindingProperty> facts(const ObjectSpan& obj, const ApiLifecycle& api, KubeVersion target) {
  std::vector<FindingProperty> out = {{"apiVersion", obj.api_version},
                                      {"kind", obj.kind},
                                      {"component", "kubernetes"},
                                      {"deprecatedIn", api.deprecated.str()}};
  if (api.removed) out.push_back({"removedIn", api.removed->str()});
  out.push_back({"targetVersion", target.str()});
  out.push_back({"replacement", api.replacement});
  out.push_back({"replacementNeedsFieldChanges", api.field_changes ? "true" : "false"});
  return out;
}

}  // namespace

void check_api_versions(const LintContext& ctx, Findings& findings) {
  for (const ObjectSpan& obj : ctx.objects) {
    const ApiLifecycle* api = find_api_lifecycle(obj.api_version, obj.kind);
    if (!api) continue;
    // A cluster no longer serves what it already removed, so none of its
    // objects can be stored that way: only the upgrade window matters.
    if (ctx.current && api->removed && *api->removed <= *ctx.current) continue;
    Finding f;
    f.location = obj.api_version_location;
    f.properties = facts(obj, *api, ctx.target);
    if (api->removed && *api->removed <= ctx.target) {
      f.severity = Severity::Error;
      f.rule_id = "removed-api-version";
      f.message = fmt::format("{} uses {}, which Kubernetes {} no longer serves (deprecated in {}, "
                              "removed in {}){}",
                              obj.label(), obj.api_version, ctx.target.str(), api->deprecated.str(),
                              api->removed->str(),
                              advice(*api, ctx.current ? " before upgrading from " + ctx.current->str() : ""));
    } else if (api->deprecated <= ctx.target) {
      f.severity = Severity::Warning;
      f.rule_id = "deprecated-api-version";
      f.message = fmt::format("{} uses {}, deprecated in Kubernetes {} and {}{}", obj.label(),
                              obj.api_version, api->deprecated.str(),
                              api->removed ? "removed in " + api->removed->str()
                                           : "not yet scheduled for removal",
                              advice(*api));
    } else {
      continue;
    }
    findings.add(std::move(f));
  }
}

}  // namespace im
