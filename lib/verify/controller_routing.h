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
  /// Family -> the first Ingress of it that claims a host ("ns/name").
  using Claims = std::map<std::string, std::string>;
  /// The claims on `host` by rule hosts, else by host-less rules and default backends.
  Claims claims_for(const std::string& host) const;

  std::unique_ptr<NginxModel> nginx_;
  std::vector<std::unique_ptr<ControllerModel>> others_;
  std::map<std::string, const ControllerModel*> models_;  ///< by family; null: not modelled
  std::map<std::string, Claims> by_host_;  ///< rule host -> its claims
  Claims catch_all_;  ///< host-less rules and catch-all default backends
  const ControllerModel* fallback_ = nullptr;  ///< answers hosts no Ingress claims
  std::set<std::string> tls_hosts_;
};

}  // namespace im::verify
