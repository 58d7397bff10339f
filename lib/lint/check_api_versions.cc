// Removed and deprecated apiVersions, from the table in
// rules/lint/removed-apis.yaml. Like pluto and kubent this looks at
// apiVersion and kind only, but it reports the position of the apiVersion.

#include <fmt/format.h>

#include "lint/checks.h"

namespace im {

void check_api_versions(const LintContext& ctx, Findings& findings) {
  for (const ObjectSpan& obj : ctx.objects) {
    for (const ApiLifecycle& api : api_lifecycles()) {
      if (api.api_version != obj.api_version || api.kind != obj.kind) continue;
      // A cluster no longer serves what it already removed, so none of its
      // objects can be stored that way: only the upgrade window matters.
      if (ctx.current && api.removed <= *ctx.current) continue;
      if (api.removed <= ctx.target) {
        findings.error(obj.api_version_location,
                       fmt::format("{} uses {}, which Kubernetes {} no longer serves (deprecated in "
                                   "{}, removed in {}); use {}{}",
                                   obj.label(), obj.api_version, ctx.target.str(), api.deprecated.str(),
                                   api.removed.str(), api.replacement,
                                   ctx.current ? " before upgrading from " + ctx.current->str() : ""),
                       "removed-api-version");
      } else if (api.deprecated <= ctx.target) {
        findings.warning(obj.api_version_location,
                         fmt::format("{} uses {}, deprecated in Kubernetes {} and removed in {}; use {}",
                                     obj.label(), obj.api_version, api.deprecated.str(),
                                     api.removed.str(), api.replacement),
                         "deprecated-api-version");
      }
    }
  }
}

}  // namespace im
