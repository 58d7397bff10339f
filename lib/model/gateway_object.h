#pragma once
// Gateways and ListenerSets that already exist (in the input, or in the
// cluster with --from-cluster): the converter attaches routes to their
// listeners instead of inventing new ones where they fit.

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "diag/location.h"
#include "parse/node.h"

namespace im {

struct ExistingListener {
  std::string name;
  std::string hostname;  ///< "" = any host
  int port = 0;
  std::string protocol;
  std::string tls_mode;  ///< "" when the listener has no tls
  /// certificateRefs as (namespace, name); namespace "" = the owner's.
  std::vector<std::pair<std::string, std::string>> certificates;
  /// allowedRoutes.namespaces.from (Same by default, All, Selector).
  std::string routes_from = "Same";
  /// For Selector: the namespaces a kubernetes.io/metadata.name selector
  /// names; `selector_known` is false for any other selector.
  std::vector<std::string> route_namespaces;
  bool selector_known = false;
  Location location;
};

struct ExistingGateway {
  std::string kind;  ///< "Gateway" or "ListenerSet"
  std::string ns;
  std::string name;
  std::string gateway_class;             ///< Gateway only
  std::string parent_ns, parent_name;    ///< ListenerSet only
  std::vector<ExistingListener> listeners;
  /// Gateway spec.allowedListeners.namespaces.from (None by default) and,
  /// for Selector, the namespaces it names (see ExistingListener).
  std::string listeners_from = "None";
  std::vector<std::string> listener_namespaces;
  bool listener_selector_known = false;
  nlohmann::ordered_json object;  ///< the whole object, to extend it
  Location location;
};

/// The object of a YAML/JSON node as JSON: plain scalars that read as
/// integers, booleans or null become those, everything else a string.
nlohmann::ordered_json node_to_json(const Node& n);

}  // namespace im
