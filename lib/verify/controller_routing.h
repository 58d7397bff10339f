#pragma once
// Which controller model answers a request: the one whose Ingresses claim
// its host. Each Ingress belongs to the controller family of its class, as
// the converter decides it (ClassResolver).

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "model/inventory.h"
#include "model/nginx_controller_config.h"
#include "verify/controller_model.h"

namespace im::verify {

class NginxModel;

class ControllerRouting {
 public:
  ControllerRouting(const Inventory& inventory, const std::string& annotation_prefix,
                    const std::string& default_class, const NginxControllerConfig& nginx_config);
  ~ControllerRouting();

  /// The outcome of the model that serves `probe`'s host, and that model
  /// (`*by`, null when none can answer: the outcome is then uncertain).
  Outcome route(const Probe& probe, const ControllerModel** by) const;
  /// Every model's certificate hosts.
  const std::set<std::string>& tls_hosts() const { return tls_hosts_; }

 private:
  struct Claim {
    const ControllerModel* model = nullptr;  ///< null: a controller verify does not model
    std::string family;
    std::string why;  ///< for an unmodelled family: "Ingress X is served by Y, ..."
  };
  /// The claims on `host` by rule hosts, else by host-less rules and default backends.
  std::vector<const Claim*> claims_for(const std::string& host) const;

  std::unique_ptr<NginxModel> nginx_;
  std::vector<std::unique_ptr<ControllerModel>> others_;
  std::map<std::string, Claim> families_;  ///< by family; the first Ingress's reason
  std::map<std::string, std::set<std::string>> by_host_;  ///< rule host -> families
  std::set<std::string> catch_all_;  ///< families with host-less rules or catch-all default backends
  const ControllerModel* fallback_ = nullptr;  ///< answers hosts no Ingress claims
  std::set<std::string> tls_hosts_;
};

}  // namespace im::verify
