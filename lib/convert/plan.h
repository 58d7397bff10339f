#pragma once
// Internal state shared by the conversion steps (not part of the public API).

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "convert/class_resolver.h"
#include "convert/gateway_ir.h"
#include "convert/options.h"
#include "diag/finding.h"
#include "model/inventory.h"
#include "rules/policy.h"

namespace im {

/// One Ingress with what was decided about it.
struct IngressInfo {
  const Ingress* ing = nullptr;
  ResolvedClass cls;
  IngressPolicy policy;
  /// The load balancer its controller gave it where that is not one per
  /// class: an AWS ALB IngressGroup (alb_groups.h); "" = the class's.
  std::string lb_group;
  bool is_nginx() const { return cls.controller == "ingress-nginx"; }
  bool is_canary() const { return is_nginx() && policy.canary.enabled; }
  /// Where its hosts and paths are claimed: Ingresses on one load balancer
  /// compete for a path, those on separate ones do not ('@' cannot occur
  /// in a class name).
  std::string scope() const { return lb_group.empty() ? cls.name : cls.name + "@" + lb_group; }
};

/// The rules one Ingress contributes for one host (or the default server).
struct RouteDraft {
  size_t ingress = 0;  ///< index into Plan::ingresses
  std::string host;    ///< "" = host-less (default server)
  bool catch_all = false;  ///< an Ingress with only a defaultBackend
  bool grpc = false;       ///< backend-protocol GRPC(S): becomes a GRPCRoute
  /// The oldest Ingress naming the host: nginx gives the host's "/" location
  /// this Ingress's annotations (controller.go createServers).
  bool creates_host = false;
  /// ssl-passthrough: TLS on 443 goes straight to this backend (TLSRoute).
  std::optional<BackendRefIR> passthrough;
  /// Which listeners the routes use and how HTTP is redirected.
  bool redirect_if_tls = false;  ///< ingress-nginx ssl-redirect (on by default)
  bool force_redirect = false;   ///< redirect HTTP to HTTPS even without TLS here
  int redirect_code = 308;       ///< status of the HTTPS redirect
  std::optional<int> redirect_port;  ///< its port; none = the well-known 443
  bool http_off = false;         ///< no HTTP listener (allow-http "false", TLS-only entrypoints)
  bool https_off = false;        ///< HTTP entrypoints only
  std::string static_ip;         ///< Gateway address (GKE static IP name)
  std::vector<RouteRuleIR> rules;
};

/// Where a (class, host, match) is routed, for conflicts and canaries.
struct ClaimedPath {
  size_t ingress = 0;
  size_t draft = 0;
  size_t rule = 0;
  BackendRefIR backend;
};

/// A path left out because its rewrite has no Gateway API form; reported
/// once every route is planned, with where its requests now go.
struct DroppedPath {
  std::string cls;
  std::string host;
  std::string sample;  ///< a request the path served under ingress-nginx
  Location where;
  std::string message;  ///< the error, without the destination
  std::string id;
};

struct PlannedBackendTLS {
  BackendTLSPolicyIR policy;
  std::string note;  ///< backend-tls-verification warning, at policy.source
};

struct Plan {
  const ConvertOptions* options = nullptr;
  const Inventory* inventory = nullptr;
  Findings* findings = nullptr;
  std::vector<IngressInfo> ingresses;  ///< in ingress-nginx age order (oldest first)
  /// Ingresses as their controller routed them where that differs from the
  /// input (Kong host-aliases); IngressInfo::ing points here for those.
  std::deque<Ingress> rewritten_ingresses;
  std::vector<RouteDraft> drafts;
  /// IngressInfo::lb_group -> its Gateway's namespace and name.
  std::map<std::string, std::pair<std::string, std::string>> group_gateways;
  std::map<std::string, ClaimedPath> claimed;  ///< key: class \n host \n type \n value
  /// One per (namespace, Service), with the warning that describes it; both
  /// are written only if an emitted route sends traffic to the Service.
  std::vector<PlannedBackendTLS> backend_tls;
  std::map<std::string, std::string> merged_canaries;  ///< canary ref -> primary ref
  std::vector<DroppedPath> dropped;
  /// The same claims keyed by the Ingress path as written (class \n host \n
  /// pathType \n path), which is how mergeAlternativeBackends finds a
  /// canary's primary whatever match the primary became (regex, rewrite).
  std::map<std::string, ClaimedPath> claimed_by_ingress_path;
  static std::string ingress_path_key(const std::string& cls, const std::string& host,
                                      const IngressPath& p) {
    return cls + '\n' + host + '\n' + (p.type == PathType::Exact ? "Exact" : "Prefix") + '\n' +
           (p.path.empty() ? "/" : p.path);
  }

  static std::string claim_key(const std::string& cls, const std::string& host,
                               const PathMatchIR& m) {
    return cls + '\n' + host + '\n' + m.type + '\n' + m.value;
  }
  size_t draft_for(size_t ingress, const std::string& host, bool catch_all = false);
  /// Frees what only path planning and canaries read (the claims and the
  /// draft index: about a kilobyte per Ingress path), before the Gateways
  /// and routes are built, so the two are never held at once.
  void release_path_claims();

 private:
  std::map<std::tuple<size_t, std::string, bool>, size_t> draft_index_;
};

/// Orders Ingresses as ingress-nginx does (store.go sortIngressSlice):
/// oldest creationTimestamp first; equal ones by "namespace/name" in
/// reverse order. Ingresses without a timestamp (manifests not yet applied)
/// count as newer than any that has one.
void sort_by_age(std::vector<IngressInfo>& ingresses);

/// Resolves a backend to a backendRef; a named port is looked up in the
/// input's Services. Returns nullopt with an error finding when it cannot.
std::optional<BackendRefIR> resolve_backend(const Backend& b, const Ingress& ing,
                                            const Inventory& inventory, Findings& findings);

/// Steps of the conversion, in order.
void plan_catch_all_routes(Plan& plan);
void plan_path_routes(Plan& plan);
void plan_default_backends(Plan& plan);
void report_dropped_paths(Plan& plan);
void plan_canaries(Plan& plan);
ConversionOutput plan_gateways(Plan& plan);

}  // namespace im
