#pragma once
// An independent model of how ingress-nginx routes a request, built from
// the Ingresses and their annotations the way the controller builds its
// nginx.conf. It shares nothing with the converter's planners, so verify
// can catch the converter's mistakes.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "model/inventory.h"
#include "verify/controller_model.h"
#include "verify/location_index.h"
#include "model/nginx_controller_config.h"
#include "verify/nginx_settings.h"
#include "verify/outcome.h"
#include "verify/probe.h"

namespace im::verify {

struct NginxLocation {
  std::string path;          ///< the Ingress path ("" read as "/"), or "/p/" after normalisation
  std::string ingress_path;  ///< the Ingress path ("" read as "/"), never normalised
  bool exact = false;
  bool is_def_backend = false;  ///< the synthetic `location /` of a server
  bool catch_all = false;       ///< the default server's root from a rule-less Ingress
  size_t owner = 0;             ///< index into NginxModel's settings
  std::string backend;          ///< "ns/svc:port"; "" = upstream-default-backend (404)
  Location source;
};

struct NginxServer {
  std::string host;  ///< "_" for the default server
  std::vector<NginxLocation> locations;
  bool regex = false;
  bool has_cert = false;
  bool passthrough = false;  ///< ssl-passthrough on any Ingress of the host
  LocationIndex index;  ///< built once the locations are final
};

class NginxModel : public ControllerModel {
 public:
  /// Models the Ingresses of ingress-nginx's class (ClassResolver) only.
  NginxModel(const Inventory& inventory, const std::string& annotation_prefix,
             const std::string& default_class, const NginxControllerConfig& config = {});

  const char* name() const override { return "ingress-nginx"; }
  Outcome route(const Probe& probe) const override;
  /// Hosts nginx holds a certificate for (where https probes make sense).
  const std::set<std::string>& tls_hosts() const override { return tls_hosts_; }

 private:
  struct Canary {
    std::string backend;
    size_t settings = 0;
  };
  void add_servers(const Inventory& inventory, const std::vector<size_t>& order);
  void add_paths(const Inventory& inventory, const std::vector<size_t>& order);
  void merge_canaries(const Inventory& inventory, const std::vector<size_t>& order);
  void finish_server(NginxServer& server);
  bool has_certificate(const std::string& host) const;
  /// The location's answer, with Outcome::served_by set.
  Outcome serve(const NginxLocation& loc, const Probe& probe) const;
  Outcome serve_unattributed(const NginxLocation& loc, const Probe& probe) const;
  std::vector<WeightedBackend> pick_backends(const std::string& primary, const Probe& probe,
                                             std::string& uncertain) const;

  NginxControllerConfig config_;
  std::vector<NginxSettings> settings_;  ///< per Ingress, index = inventory position
  std::map<std::string, NginxServer> servers_;
  std::map<std::string, Canary> canaries_;  ///< primary backend -> its first canary
  std::set<std::string> tls_hosts_;
};

}  // namespace im::verify
