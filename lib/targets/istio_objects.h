#pragma once
// Istio's objects from the Ingress drafts of one conversion. Istio's
// policies cannot attach to an HTTPRoute: an AuthorizationPolicy attaches to
// the Gateways an Ingress's routes use, its rules scoped to the Ingress's
// hosts and paths; a DestinationRule holds one backend Service's traffic
// policy, for all the Ingresses that use it (the oldest wins a conflict).

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "convert/gateway_ir.h"
#include "diag/finding.h"
#include "model/ingress.h"
#include "targets/target_actions.h"

namespace im {

class IstioObjects {
 public:
  /// Writes the Ingress's AuthorizationPolicies, records its
  /// DestinationRule settings, and takes those kinds out of `d.specs`.
  void add_ingress(const TargetProfile& p, const TargetOptions& options, const Ingress& ing, IngressDraft& d,
                   ConversionOutput& out, Findings& added);
  /// Writes one DestinationRule per (Gateway namespace, Service).
  void finish(const TargetProfile& p, ConversionOutput& out, Findings& added);

 private:
  struct ServiceClaim {
    std::string created;  ///< the Ingress's creationTimestamp
    std::string ingress;  ///< ns/name
    nlohmann::ordered_json traffic_policy;
    Location source;
  };
  /// (Gateway namespace, Service namespace, Service name) -> claims.
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<ServiceClaim>> claims_;
  /// hostname -> route indices, built when the first policy is scoped
  /// (other targets never pay for it).
  std::map<std::string, std::vector<size_t>> routes_by_host_;
  bool indexed_ = false;
};

}  // namespace im
