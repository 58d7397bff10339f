#pragma once
// The Gateway API objects the converter plans, before they are written out
// as Kubernetes objects by lib/emit. Each remembers the Ingress it came from.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "convert/filter_set.h"
#include "diag/location.h"

namespace im {

struct BackendRefIR {
  std::string group;  ///< "" = core
  std::string kind;   ///< "" = Service
  std::string name;
  std::optional<int> port;
  std::optional<int> weight;
  bool operator==(const BackendRefIR& o) const {
    return group == o.group && kind == o.kind && name == o.name && port == o.port;
  }
};

struct PathMatchIR {
  std::string type;  ///< Exact, PathPrefix, RegularExpression
  std::string value;
};

struct HeaderMatchIR {
  std::string type;  ///< Exact, RegularExpression
  std::string name;
  std::string value;
};

/// HTTPRoute rule retry (experimental channel): how many times a request is
/// retried, and on which response codes (none = on connection errors only,
/// which implementations retry whenever retry is set).
struct RetryIR {
  int attempts = 1;
  std::vector<int> codes;  ///< sorted, unique, 400-599
};

struct RouteRuleIR {
  PathMatchIR path;
  std::vector<HeaderMatchIR> headers;
  std::string method;  ///< HTTPRouteMatch.method; "" = any
  SharedFilters filters;
  std::vector<BackendRefIR> backends;
  std::optional<std::string> request_timeout;  ///< timeouts.request (Duration)
  std::optional<std::string> backend_timeout;  ///< timeouts.backendRequest (Duration)
  nlohmann::ordered_json session_persistence;  ///< experimental; null when unset
  /// Experimental; shared by the rules of an Ingress (few rules have one).
  std::shared_ptr<const RetryIR> retry;
  Location source;  ///< the Ingress path this rule came from
};

struct ParentRefIR {
  std::string ns;  ///< set only when the parent is in another namespace
  std::string name;
  std::string section;
  std::string kind;         ///< "" = Gateway; "ListenerSet"
  std::optional<int> port;  ///< parentRefs port (--parent-ref without a listener name)
  ParentRefIR() = default;
  ParentRefIR(std::string ns_, std::string name_, std::string section_, std::string kind_ = "")
      : ns(std::move(ns_)), name(std::move(name_)), section(std::move(section_)), kind(std::move(kind_)) {}
};

/// Annotations carried from an Ingress to an object that now does its job
/// (cert-manager on the Gateway or ListenerSet holding the certificate,
/// external-dns on routes and Gateways), sorted by key.
using CarriedAnnotations = std::map<std::string, std::string>;

struct HTTPRouteIR {
  std::string ns;
  std::string name;
  std::vector<ParentRefIR> parents;
  std::vector<std::string> hostnames;
  std::vector<RouteRuleIR> rules;
  CarriedAnnotations annotations;
  std::string source_ingress;  ///< "ns/name"
  Location source;
};

/// A GRPCRoute rule: an optional method match instead of a path.
struct GRPCRuleIR {
  std::string service;  ///< "" = any
  std::string method;   ///< "" = any
  std::vector<HeaderMatchIR> headers;
  FilterSet filters;  ///< header modifiers and mirrors only
  std::vector<BackendRefIR> backends;
  Location source;
};

struct GRPCRouteIR {
  std::string ns;
  std::string name;
  std::vector<ParentRefIR> parents;
  std::vector<std::string> hostnames;
  std::vector<GRPCRuleIR> rules;
  CarriedAnnotations annotations;
  std::string source_ingress;
  Location source;
};

struct TLSRouteIR {
  std::string ns;
  std::string name;
  std::vector<ParentRefIR> parents;
  std::vector<std::string> hostnames;
  std::vector<BackendRefIR> backends;
  CarriedAnnotations annotations;
  std::string source_ingress;
  Location source;
};

struct BackendTLSPolicyIR {
  std::string ns;
  std::string name;
  std::string service;
  std::string hostname;
  /// validation.caCertificateRefs as (kind, name) in the policy's
  /// namespace; empty = the system CAs (wellKnownCACertificates).
  std::vector<std::pair<std::string, std::string>> ca_refs;
  std::string source_ingress;
  Location source;
};

struct CertRefIR {
  std::string ns;  ///< set when the Secret is in another namespace than the Gateway
  std::string name;
};

struct ListenerIR {
  std::string name;
  std::string hostname;  ///< "" = any host
  int port = 80;
  std::string protocol = "HTTP";
  std::string tls_mode = "Terminate";  ///< HTTPS: Terminate; TLS: Passthrough
  std::vector<CertRefIR> certificates;  ///< HTTPS only
  /// tls.options of an HTTPS listener (implementation-specific keys such as
  /// kgateway.dev/cipher-suites), written by a target profile.
  std::vector<std::pair<std::string, std::string>> tls_options;
  /// Namespaces whose routes may attach, besides the Gateway's own. Empty =
  /// the default (Same); a "*" entry = All.
  std::vector<std::string> route_namespaces;
  /// The ListenerSet that holds the listener ("" = the Gateway itself); set
  /// where a Gateway's listeners and its ListenerSets' are seen together
  /// (verify's model).
  std::string set_ns, set_name;
};

struct GatewayIR {
  std::string ns;
  std::string name;
  std::string gateway_class;
  std::string named_address;  ///< spec.addresses NamedAddress (a cloud static IP name)
  /// spec.infrastructure.parametersRef: the implementation object holding
  /// the Gateway's load balancer settings (a target's, e.g. the AWS Load
  /// Balancer Controller's LoadBalancerConfiguration); empty kind = none.
  struct ParametersRef {
    std::string group, kind, name;
  } parameters;
  std::vector<ListenerIR> listeners;
  CarriedAnnotations annotations;
  /// The Gateway as the input gave it, when this one extends an existing
  /// Gateway with listeners: written with the listeners appended, so fields
  /// the converter does not model (infrastructure, tls options,
  /// allowedListeners) stay as they were. Null for a new Gateway.
  nlohmann::ordered_json existing;
  Location existing_at;  ///< where the input gave it
  /// spec.allowedListeners of an existing Gateway: which namespaces'
  /// ListenerSets it accepts ("All", "Same", "None", or "Selector" with
  /// the names in listener_namespaces); "" = not known, taken as any.
  std::string listeners_from;
  std::vector<std::string> listener_namespaces;
};

/// A ListenerSet (standard since Gateway API v1.5): listeners and their
/// certificates in an application namespace, attached to a shared Gateway
/// the application team does not edit (--listener-set).
struct ListenerSetIR {
  std::string ns;
  std::string name;
  std::string parent_ns;  ///< the Gateway's namespace
  std::string parent_name;
  std::vector<ListenerIR> listeners;
  CarriedAnnotations annotations;
};

struct ReferenceGrantIR {
  std::string ns;  ///< where the Secrets live
  std::string name;
  std::string from_ns;  ///< the Gateway's namespace
  std::vector<std::string> secret_names;
};

/// An implementation-specific object written for --target-controller
/// (lib/targets), already in its Kubernetes form.
struct VendorObjectIR {
  nlohmann::ordered_json object;
  std::string source_ingress;
  Location source;
};

struct ConversionOutput {
  /// Canary Ingress ("ns/name") -> the primary Ingress whose routes carry
  /// its weight and selectors; a canary writes no object of its own.
  std::map<std::string, std::string> merged_canaries;
  std::vector<GatewayIR> gateways;
  std::vector<ListenerSetIR> listener_sets;
  /// Existing Gateways from the input whose listeners routes reuse and to
  /// which nothing had to be added: not written, but part of the picture
  /// (verify's model, plan).
  std::vector<GatewayIR> reused_gateways;
  std::vector<ListenerSetIR> reused_listener_sets;
  std::vector<HTTPRouteIR> http_routes;
  std::vector<GRPCRouteIR> grpc_routes;
  std::vector<TLSRouteIR> tls_routes;
  std::vector<BackendTLSPolicyIR> backend_tls_policies;
  std::vector<ReferenceGrantIR> reference_grants;
  std::vector<VendorObjectIR> vendor_objects;  ///< printed last
};

}  // namespace im
