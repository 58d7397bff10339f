#pragma once
// Traefik's TraefikServices from the Ingress drafts of one conversion.
// Traefik's Gateway API provider has no load-balancing or session settings
// of its own, but an HTTPRoute backendRef may name a TraefikService
// (pkg/provider/kubernetes/gateway/httproute.go loadHTTPBackendRef, kind
// registered by crd/kubernetes.go): a weighted service whose one entry is
// the Kubernetes Service, with the sticky cookie and strategy of its load
// balancer. ingress-nginx kept these per upstream (Service and port), taken
// from the first Ingress that set them (controller.go createUpstreams), so
// there is one TraefikService per Service port, for every route that uses
// it, and the oldest Ingress wins a conflict.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "convert/gateway_ir.h"
#include "diag/finding.h"
#include "model/ingress.h"
#include "targets/target_actions.h"

namespace im {

class TraefikServices {
 public:
  /// Records the Ingress's TraefikService settings and takes that kind out
  /// of `d.specs`.
  void add_ingress(const Ingress& ing, IngressDraft& d);
  /// Traefik's own sticky cookie of a Service (traefik.ingress.kubernetes.io/
  /// service.sticky.cookie*), which its Ingress provider read from the
  /// Service: the same cookie on the Service's TraefikService, ahead of any
  /// Ingress's claim. Returns the annotations written, with the field each
  /// became; a value the CRD would refuse is an error at its annotation.
  std::vector<std::pair<const Annotation*, std::string>> add_service_sticky(const Service& svc, Findings& added);
  /// Writes one TraefikService per claimed Service port the routes use and
  /// points those backendRefs at it.
  void finish(const TargetProfile& p, ConversionOutput& out, Findings& added);

 private:
  struct Claim {
    std::string created;  ///< the Ingress's creationTimestamp
    std::string ingress;  ///< ns/name, or "" for the Service's own annotations
    nlohmann::ordered_json load_balancer;
    Location source;
  };
  /// (Service namespace, Service name) -> claims.
  std::map<std::pair<std::string, std::string>, std::vector<Claim>> claims_;
};

}  // namespace im
