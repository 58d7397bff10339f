#pragma once
// An independent model of how Traefik v3 routes a request for the
// Ingresses it serves (its Kubernetes Ingress provider and HTTP muxer),
// from docs/research/traefik-ingress.md. Like the nginx model it shares
// nothing with the converter's planners.

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "model/inventory.h"
#include "verify/controller_model.h"
#include "verify/traefik_settings.h"

namespace re2 {
class RE2;
}

namespace im::verify {

struct TraefikRouter {
  enum class Matcher { None, Path, PathPrefix, PathRegexp };
  std::string host;  ///< lower case; "" = any host
  Matcher matcher = Matcher::None;
  std::string path;
  std::shared_ptr<const re2::RE2> regex;  ///< PathRegexp; null when RE2 cannot read it
  std::string rule;                       ///< the rule text Traefik builds
  long long priority = 0;
  size_t settings = 0;  ///< index into the model's settings
  std::string backend;
  bool default_router = false;  ///< the global default-router of a rule-less Ingress
  Location source;
};

class TraefikModel : public ControllerModel {
 public:
  /// `ingresses`: the indices into `inventory` of the Ingresses Traefik serves.
  TraefikModel(const Inventory& inventory, const std::vector<size_t>& ingresses);

  const char* name() const override { return "Traefik"; }
  Outcome route(const Probe& probe) const override;
  const std::set<std::string>& tls_hosts() const override { return tls_hosts_; }

 private:
  void add_ingress(const Inventory& inventory, size_t index);
  Outcome serve(const TraefikRouter& r, const Probe& probe) const;

  std::vector<TraefikSettings> settings_;
  std::vector<TraefikRouter> routers_;  ///< by priority, highest first
  std::set<std::string> tls_hosts_;
  /// Set when several rule-less Ingresses have a defaultBackend: which one
  /// Traefik kept depends on the lister's order.
  std::string default_router_doubt_;
};

}  // namespace im::verify
