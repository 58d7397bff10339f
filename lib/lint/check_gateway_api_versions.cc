// Gateway API objects in the input whose CRD version a Gateway API release
// deprecated, or whose kind only the experimental channel installs: after
// the migration these are the objects that a standard-channel install of
// the newest release (v1.6.1) rejects. Table: rules/lint/gateway-api-versions.yaml.

#include <fmt/format.h>

#include "lint/checks.h"

namespace im {

void check_gateway_api_versions(const LintContext& ctx, Findings& findings) {
  for (const ObjectSpan& obj : ctx.objects) {
    const GatewayApiVersion* v = find_gateway_api_version(obj.api_version, obj.kind);
    if (!v) continue;
    Finding f;
    f.severity = Severity::Warning;
    f.location = obj.api_version_location;
    f.properties = {{"apiVersion", obj.api_version}, {"kind", obj.kind}, {"component", "gateway-api"}};
    if (!v->deprecated_in.empty()) {
      f.rule_id = "deprecated-gateway-api-version";
      f.properties.push_back({"deprecatedIn", v->deprecated_in});
      f.message = fmt::format("{} uses {}, deprecated in Gateway API {}: {}", obj.label(),
                              obj.api_version, v->deprecated_in, v->status);
    } else {
      f.rule_id = "experimental-gateway-api-kind";
      f.message = fmt::format("{} uses {}: {}", obj.label(), obj.api_version, v->status);
    }
    if (!v->replacement.empty()) {
      f.properties.push_back({"replacement", v->replacement});
      f.message += "; use " + v->replacement;
    }
    findings.add(std::move(f));
  }
}

}  // namespace im
