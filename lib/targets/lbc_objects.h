#pragma once
// The AWS Load Balancer Controller's Gateway objects, assembled from the
// drafts of every ALB Ingress: one LoadBalancerConfiguration per Gateway
// (an IngressGroup's settings, named by the Gateway's
// spec.infrastructure.parametersRef) and one TargetGroupConfiguration per
// backend Service (spec.targetReference), where the Service's own
// alb.ingress.kubernetes.io annotations win over the Ingresses', as the
// Ingress controller's annotation parser read the Service first
// (pkg/annotations/parser.go; pkg/ingress/model_build_target_group.go).

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "convert/gateway_ir.h"
#include "model/inventory.h"
#include "rules/catalog.h"
#include "targets/target_actions.h"

namespace im {

class LbcObjects {
 public:
  /// Records the Ingress's LoadBalancerConfiguration and
  /// TargetGroupConfiguration drafts (taking them out of `d.specs`) for its
  /// Gateway and its backend Services.
  void add_ingress(const Ingress& ing, IngressDraft& d, const ConversionOutput& out);
  /// Writes the objects, names them from the Gateways, applies the
  /// Services' own annotations (with their verdicts), and reports members
  /// of one load balancer or users of one Service that disagree.
  void finish(const TargetProfile& p, const Inventory& inventory, const Catalog& catalog,
              const TargetOptions& options, ConversionOutput& out, Findings& added);

 private:
  struct Claim {
    std::pair<int, std::string> rank;  ///< the ALB's order: group.order, then namespace/name
    std::string ingress;               ///< ns/name
    const Ingress* source = nullptr;
    nlohmann::ordered_json spec;
    Location at;
  };
  std::map<std::pair<std::string, std::string>, std::vector<Claim>> gateways_;  ///< (ns, name)
  std::map<std::pair<std::string, std::string>, std::vector<Claim>> services_;  ///< (ns, name)
};

}  // namespace im
