#pragma once
// What verify asks of a model of one Ingress controller family: where a
// request ends up before the move. run_verify asks the model of the
// controller whose Ingresses claim the request's host (controller_routing.h).

#include <set>
#include <string>

#include "verify/outcome.h"
#include "verify/probe.h"

namespace im::verify {

class ControllerModel {
 public:
  virtual ~ControllerModel() = default;
  /// The controller as verify's output names it: "ingress-nginx",
  /// "Traefik", "Kong".
  virtual const char* name() const = 0;
  /// Where the controller sends `probe`; Outcome::served_by names the
  /// Ingress path that answered, when one did.
  virtual Outcome route(const Probe& probe) const = 0;
  /// Hosts the controller holds a certificate for (where https probes of
  /// every path variant make sense).
  virtual const std::set<std::string>& tls_hosts() const = 0;
};

}  // namespace im::verify
