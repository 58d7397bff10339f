#pragma once
// Which conversion findings explain a difference verify found: the
// converter knew that requests would be answered differently and said so.

#include <map>
#include <string>
#include <vector>

#include "diag/finding.h"
#include "model/finding_owner.h"
#include "model/inventory.h"
#include "verify/probe.h"

namespace im::verify {

class Explainer {
 public:
  /// `findings` are the conversion's; both must outlive the explainer.
  Explainer(const Inventory& inventory, const Findings& findings);

  /// The findings that may explain a difference for `probe`, nearest to the
  /// Ingress path it was made for first: errors and warnings (and the infos
  /// that name a routing difference) on the Ingress the probe was made for,
  /// else on any Ingress with a rule for the probe's host. Empty: the
  /// difference is unexpected. `default_certificate`: an https request that
  /// nginx answered with its default certificate and the Gateway has no
  /// listener for; the findings that say a host has no HTTPS listener
  /// explain it (on the Ingress, else the one that names every such host).
  /// `trailing_slash`: two redirects whose Locations differ only by a
  /// trailing "/"; the finding that says so comes first. `controller`: the
  /// one that answered before (its https-default-certificate finding is the
  /// one that explains).
  std::vector<const Finding*> explain(const Probe& probe, bool default_certificate = false,
                                      bool trailing_slash = false, const std::string& controller = "") const;

 private:
  std::vector<const Finding*> on_ingress(const Ingress* ing) const;

  FindingOwners owners_;
  std::map<std::string, std::vector<const Ingress*>> by_host_;  ///< probe host -> Ingresses
  std::vector<std::pair<const Ingress*, const Finding*>> by_owner_;  ///< sorted by owner
  /// https-default-certificate, said once per controller
  std::vector<const Finding*> default_certificate_;
};

}  // namespace im::verify
