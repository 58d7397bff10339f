#include "convert/gke_service_annotations.h"

#include "convert/service_lookup.h"
#include "rules/apply.h"

namespace im {

void judge_gke_service_annotations(const Plan& plan, const Catalog& catalog, ConversionOutput& out,
                                   Findings& findings) {
  struct Judged {};
  walk_service_backends<Judged>(
      plan, out, "gke",
      [&](const Service& svc, const HTTPRouteIR&) {
        apply_service_annotations(svc, "gke", catalog, findings);
        return Judged{};
      },
      [](HTTPRouteIR&, RouteRuleIR&, const BackendRefIR&, Judged&) {});
}

}  // namespace im
