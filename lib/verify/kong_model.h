#pragma once
// An independent model of how Kong routes a request for the Ingresses the
// Kong Ingress Controller translates, in Kong's default router flavour
// traditional_compatible (docs/research/kong-ingress.md §2, §4-§7). Like
// the nginx model it shares nothing with the converter's planners.

#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "model/inventory.h"
#include "verify/controller_model.h"
#include "verify/kong_settings.h"

namespace re2 {
class RE2;
}

namespace im::verify {

/// One path of a Kong route: Kong splits a route into a regex sub-route
/// and one sub-route per prefix length, each with its own priority.
struct KongPath {
  std::string host;   ///< lower case; "" = any host
  bool regex = false;
  std::string value;  ///< the prefix, or the regex without its "~"
  std::shared_ptr<const re2::RE2> re;  ///< "^" + value; null when RE2 cannot read it
  /// KONG kong/router/transform.lua get_priority, high to low: match
  /// weight, plain host only, header count, regex,
  /// regex_priority (regex only), prefix length (0 for regex).
  std::tuple<int, bool, int, bool, long long, size_t> priority;
  std::string route;    ///< the KIC route: "ns.ingress.service.host.port"
  bool default_backend = false;  ///< the route of the oldest defaultBackend
  size_t settings = 0;  ///< index into the model's settings
  std::string backend;
  /// The Kong Service's path (the Kubernetes Service's konghq.com/path),
  /// which Kong joins to the request path; "/" when none.
  std::string service_path = "/";
  /// The Host Kong sent when the route does not preserve the client's
  /// (konghq.com/preserve-host "false"); unused otherwise.
  std::string upstream_host;
  /// Why the backend Service's own konghq.com/plugins leave the route's
  /// requests uncertain (a plugin that changes or refuses them); "" when
  /// they only limit, change responses or log.
  std::string service_doubt;
  Location source;
};

class KongModel : public ControllerModel {
 public:
  /// `ingresses`: the indices into `inventory` of the Ingresses Kong serves.
  KongModel(const Inventory& inventory, const std::vector<size_t>& ingresses);

  const char* name() const override { return "Kong"; }
  Outcome route(const Probe& probe) const override;
  const std::set<std::string>& tls_hosts() const override { return tls_hosts_; }

 private:
  void add_ingress(const Inventory& inventory, size_t index);
  void add_default_backend(const Inventory& inventory, const std::vector<size_t>& ingresses);
  void add_path(const std::string& host, const std::string& kong_path, size_t settings, std::string route,
                std::string backend, const Location& source);
  /// Whether `p` matches; `matched` is the part of the path it matched.
  bool matches(const KongPath& p, const Probe& probe, std::string& matched, bool& unreadable) const;
  Outcome serve(const KongPath& p, const Probe& probe, const std::string& matched) const;

  std::vector<KongSettings> settings_;
  std::vector<KongPath> paths_;
  std::set<std::string> tls_hosts_;
  std::string default_backend_doubt_;  ///< set when the oldest defaultBackend is not decided
};

/// KIC PathsFromIngressPaths and MaybePrependRegexPrefix (traditional
/// routes): the Kong paths of one Ingress path; "~" marks a regex.
std::vector<std::string> kong_paths(const IngressPath& p, const std::string& regex_prefix);

}  // namespace im::verify
