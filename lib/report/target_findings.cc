#include "report/target_findings.h"

#include <algorithm>
#include <memory>

#include <fmt/format.h>

namespace im {

void add_target_findings(const CompatReport& report, Findings& findings) {
  for (const auto& c : report.controllers) {
    for (const auto& gap : c.gaps) {
      bool sourced = std::any_of(gap.objects->begin(), gap.objects->end(),
                                 [](const ObjectRef& o) { return !o.source_ingress.empty(); });
      for (const auto& obj : *gap.objects) {
        // A Gateway serves many Ingresses; report it only when no route
        // carries the same feature back to its Ingress.
        Location where = obj.source;
        if (obj.source_ingress.empty()) {
          if (sourced) continue;
          where.origin = std::make_shared<const std::string>(
              fmt::format("{} {}{}", obj.kind, obj.ns.empty() ? "" : obj.ns + "/", obj.name));
        }
        std::string what = fmt::format("{} {}{} uses {}", obj.kind, obj.ns.empty() ? "" : obj.ns + "/",
                                       obj.name, gap.feature);
        std::string by = fmt::format("{} {} (conformance report for Gateway API {})", c.controller->name,
                                     c.controller->version, c.controller->gateway_api_version);
        if (gap.support == Support::Unsupported) {
          findings.error(where, fmt::format("{}, which {} does not support", what, by),
                         "unsupported-feature");
        } else {
          findings.warning(where,
                           fmt::format("{}, which {} {}", what, by,
                                       gap.support == Support::Partial ? "passes only partly"
                                                                       : "does not report on"),
                           "unverified-feature");
        }
      }
    }
  }
  findings.sort_and_dedupe();
}

}  // namespace im
