#pragma once
// Internal to the Gateway planner: which listeners each Gateway needs, and
// where they end up (an existing listener, a new Gateway, an existing
// Gateway extended, or a ListenerSet).

#include <climits>
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "convert/gateway_ir.h"
#include "convert/naming.h"
#include "convert/plan.h"

namespace im {

struct GatewayKey {
  std::string ns;
  std::string cls;
  bool operator<(const GatewayKey& o) const { return std::tie(ns, cls) < std::tie(o.ns, o.cls); }
};

/// The listeners one host needs on one Gateway.
struct HostListeners {
  bool http = false;
  bool https = false;
  bool tls_passthrough = false;
  std::string secret, secret_ns;
  std::set<std::string> route_namespaces;
  std::string first_ns;             ///< namespace of the first route (a ListenerSet's home without TLS)
  size_t tls_ingress = SIZE_MAX;    ///< the Ingress whose tls entry names the Secret
  size_t first_ingress = SIZE_MAX;  ///< the first Ingress with a route on the host
};

/// Where a route attaches: a listener of a Gateway or ListenerSet.
struct ListenerSlot {
  std::string kind;  ///< "Gateway" or "ListenerSet"
  std::string ns;
  std::string name;
  std::string section;
  bool existing = false;  ///< the listener was in the input, not written by us
  bool operator<(const ListenerSlot& o) const {
    return std::tie(kind, ns, name, section) < std::tie(o.kind, o.ns, o.name, o.section);
  }
};

struct GatewayPlan {
  GatewayKey key;
  std::string ns, name, gateway_class, named_address;
  std::map<std::string, HostListeners> hosts;  // "" = any host
  struct Placement {
    ListenerSlot http, https, tls;
  };
  std::map<std::string, Placement> placement;  ///< filled by lay_out_listeners
};

/// (Secret namespace, Gateway namespace) -> Secret names a Gateway refers to.
using SecretGrants = std::map<std::pair<std::string, std::string>, std::vector<std::string>>;

/// Places every host's listeners: on a matching listener of an existing
/// Gateway or ListenerSet of the input, else on a new listener of the
/// planned Gateway (split past 64 listeners; an existing Gateway is extended)
/// or, with --listener-set, of a ListenerSet in the namespace that owns the
/// host's certificate. Fills GatewayPlan::placement, out.gateways,
/// out.listener_sets and the reused objects, and reports what it reused and
/// what the parent of ListenerSets must allow.
void lay_out_listeners(const Plan& plan, std::map<GatewayKey, GatewayPlan>& gateways, ConversionOutput& out,
                       NameRegistry& names, SecretGrants& grants);

/// --parent-ref: every host attaches to the one listener (or Gateway) named.
void attach_to_parent_ref(const Plan& plan, const ParentOverride& parent, std::map<GatewayKey, GatewayPlan>& gateways,
                          ConversionOutput& out);

/// The parentRef of a route in `route_ns` to `slot`.
ParentRefIR parent_ref_to(const ListenerSlot& slot, const std::string& route_ns);

}  // namespace im
