#pragma once
// GKE Gateway's policy objects (rules/targets/gke.yaml): a GCPGatewayPolicy
// per Gateway for the SSL policy of the FrontendConfigs its Ingresses name,
// and a GCPBackendPolicy and HealthCheckPolicy per Service for the
// BackendConfig its own annotation names (ingress-gce read that from the
// Service: pkg/annotations/service.go, pkg/backendconfig/utils.go).

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "convert/gateway_ir.h"
#include "model/inventory.h"
#include "rules/catalog.h"
#include "targets/target_actions.h"
#include "targets/target_verdict.h"

namespace im {

class GkeObjects {
 public:
  /// Takes the Ingress's GCPGatewayPolicy draft out of `d.specs`, for the
  /// Gateways its routes attach to.
  void add_ingress(const Ingress& ing, IngressDraft& d, const ConversionOutput& out);
  /// Writes the GCPGatewayPolicies and, for every Service whose
  /// backend-config the conversion judged (a GKE Ingress routes to it),
  /// its GCPBackendPolicy and HealthCheckPolicy. The verdicts it converts
  /// go into `replaced` (the catalog's) and `added` (this target's).
  void finish(const TargetProfile& p, const Inventory& inventory, const Catalog& catalog,
              const VerdictIndex& verdicts, const Findings& findings, ConversionOutput& out,
              std::set<const Finding*>& replaced, Findings& added);

 private:
  struct Claim {
    std::string ingress;  ///< ns/name
    nlohmann::ordered_json spec;
    Location at;
  };
  std::map<std::pair<std::string, std::string>, std::vector<Claim>> gateways_;  ///< (ns, name)
};

}  // namespace im
