#include "validate/validator.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "validate/cel_support.h"
#include "validate/constraint_table.h"
#include "validate/messages.h"
#include "validate/metadata_check.h"
#include "validate/schema_check.h"

namespace im {
namespace {

using Json = nlohmann::ordered_json;
using namespace validate;  // NOLINT(google-build-using-namespace)

constexpr std::string_view kApiVersion = "gateway.networking.k8s.io/v1";
constexpr std::string_view kApiVersionBeta = "gateway.networking.k8s.io/v1beta1";

struct KindTable {
  std::string_view kind;
  std::string_view standard;
  std::string_view experimental;  ///< same as standard where we ship no experimental dump
  /// v1.6.1 still serves v1beta1 of these kinds, with a schema identical to
  /// v1 (diff of the v1 and v1beta1 dumps), so one table checks both.
  bool serves_v1beta1;
};

// Sorted by kind; the order is also the one "supported kinds" lists.
constexpr KindTable kKinds[] = {
    {"BackendTLSPolicy", "standard-backendtlspolicies-v1.txt", "standard-backendtlspolicies-v1.txt",
     false},
    {"GRPCRoute", "standard-grpcroutes-v1.txt", "experimental-grpcroutes-v1.txt", false},
    {"Gateway", "standard-gateways-v1.txt", "standard-gateways-v1.txt", true},
    {"HTTPRoute", "standard-httproutes-v1.txt", "experimental-httproutes-v1.txt", true},
    {"ListenerSet", "standard-listenersets-v1.txt", "standard-listenersets-v1.txt", false},
    {"ReferenceGrant", "standard-referencegrants-v1.txt", "standard-referencegrants-v1.txt", true},
    {"TLSRoute", "standard-tlsroutes-v1.txt", "standard-tlsroutes-v1.txt", false},
};

// Implementation-specific kinds written by `convert --target-controller`
// (lib/targets), with dumps of the pinned vendor CRDs (rules/crd/<target>/).
struct VendorKind {
  std::string_view api_version;
  std::string_view kind;
  std::string_view table;
};

constexpr VendorKind kVendorKinds[] = {
    {"gateway.k8s.aws/v1", "LoadBalancerConfiguration", "aws-load-balancer-controller/loadbalancerconfigurations.txt"},
    {"gateway.k8s.aws/v1", "TargetGroupConfiguration", "aws-load-balancer-controller/targetgroupconfigurations.txt"},
    {"gateway.envoyproxy.io/v1alpha1", "BackendTrafficPolicy",
     "envoy-gateway/backendtrafficpolicies.txt"},
    {"gateway.envoyproxy.io/v1alpha1", "ClientTrafficPolicy",
     "envoy-gateway/clienttrafficpolicies.txt"},
    {"gateway.envoyproxy.io/v1alpha1", "HTTPRouteFilter", "envoy-gateway/httproutefilters.txt"},
    {"gateway.envoyproxy.io/v1alpha1", "SecurityPolicy", "envoy-gateway/securitypolicies.txt"},
    {"networking.gke.io/v1", "GCPBackendPolicy", "gke/gcpbackendpolicies.txt"},
    {"networking.gke.io/v1", "GCPGatewayPolicy", "gke/gcpgatewaypolicies.txt"},
    {"networking.gke.io/v1", "HealthCheckPolicy", "gke/healthcheckpolicies.txt"},
    {"gateway.kgateway.dev/v1alpha1", "BackendConfigPolicy", "kgateway/backendconfigpolicies.txt"},
    {"gateway.kgateway.dev/v1alpha1", "GatewayExtension", "kgateway/gatewayextensions.txt"},
    {"gateway.kgateway.dev/v1alpha1", "TrafficPolicy", "kgateway/trafficpolicies.txt"},
    {"networking.istio.io/v1", "DestinationRule", "istio/destinationrules.txt"},
    {"security.istio.io/v1", "AuthorizationPolicy", "istio/authorizationpolicies.txt"},
    {"traefik.io/v1alpha1", "Middleware", "traefik/middlewares.txt"},
    {"traefik.io/v1alpha1", "TraefikService", "traefik/traefikservices.txt"},
    {"gateway.nginx.org/v1alpha1", "AuthenticationFilter",
     "nginx-gateway-fabric/authenticationfilters.txt"},
    {"gateway.nginx.org/v1alpha1", "ClientSettingsPolicy",
     "nginx-gateway-fabric/clientsettingspolicies.txt"},
    {"gateway.nginx.org/v1alpha1", "ProxySettingsPolicy",
     "nginx-gateway-fabric/proxysettingspolicies.txt"},
    {"gateway.nginx.org/v1alpha1", "RateLimitPolicy", "nginx-gateway-fabric/ratelimitpolicies.txt"},
    {"gateway.nginx.org/v1alpha1", "SnippetsFilter", "nginx-gateway-fabric/snippetsfilters.txt"},
    {"gateway.nginx.org/v1alpha1", "UpstreamSettingsPolicy",
     "nginx-gateway-fabric/upstreamsettingspolicies.txt"},
};

bool is_vendor_api_group(const Json* api_version) {
  if (!api_version || !api_version->is_string()) return false;
  const std::string& v = api_version->get_ref<const std::string&>();
  const std::string_view group = std::string_view(v).substr(0, v.find('/') + 1);  // "group/"
  if (group.empty()) return false;
  for (const VendorKind& k : kVendorKinds) {
    if (k.api_version.substr(0, group.size()) == group) return true;
  }
  return false;
}

/// metadata, then spec against `schema`. status is written by controllers,
/// never by us; the API server ignores it on create, so it is not checked.
void check_metadata_and_spec(const Json& obj, const ConstraintTable& schema,
                             std::vector<ValidationError>& errors) {
  check_metadata(cel::json_field(obj, "metadata"), errors);
  const Json* spec = cel::json_field(obj, "spec");
  if (!spec) {
    errors.push_back({"spec", "required field is missing"});
    return;
  }
  std::string path = "spec";
  check_node(*spec, schema.spec, path, errors);
}

std::vector<ValidationError> validate_vendor_object(const Json& obj) {
  std::vector<ValidationError> errors;
  const Json* api_version = cel::json_field(obj, "apiVersion");
  const Json* kind = cel::json_field(obj, "kind");
  const VendorKind* found = nullptr;
  for (const VendorKind& k : kVendorKinds) {
    if (kind && *kind == k.kind && *api_version == k.api_version) found = &k;
  }
  if (!found) {
    errors.push_back({"kind", fmt::format("unsupported kind {} of {}", kind ? quote_value(*kind) : "null",
                                          quote_value(*api_version))});
    return errors;
  }
  check_metadata_and_spec(obj, embedded_constraint_table(found->table), errors);
  return errors;
}

const KindTable* find_kind(const Json* kind) {
  if (!kind || !kind->is_string()) return nullptr;
  for (const KindTable& k : kKinds) {
    if (*kind == k.kind) return &k;
  }
  return nullptr;
}

void check_api_version(const Json* v, const KindTable* kind, std::vector<ValidationError>& errors) {
  if (!v) {
    errors.push_back({"apiVersion", "required field is missing"});
  } else if (*v != kApiVersion && !(kind && kind->serves_v1beta1 && *v == kApiVersionBeta)) {
    errors.push_back({"apiVersion", fmt::format("unsupported apiVersion {}; expected \"{}\"",
                                                quote_value(*v), kApiVersion)});
  }
}

}  // namespace

std::string format_validation_error(const ValidationError& e) {
  return e.path.empty() ? e.message : e.path + ": " + e.message;
}

std::vector<ValidationError> validate_object(const Json& obj, Channel channel) {
  std::vector<ValidationError> errors;
  if (!obj.is_object()) {
    errors.push_back({"", fmt::format("must be of type object, got {}", json_type_name(obj))});
    return errors;
  }
  static const std::vector<std::string> kTopLevel = {"apiVersion", "kind", "metadata", "spec",
                                                     "status"};
  for (const auto& [key, value] : obj.items()) {
    if (std::find(kTopLevel.begin(), kTopLevel.end(), key) == kTopLevel.end()) {
      errors.push_back({key, unknown_field_message(key, kTopLevel)});
    }
  }
  if (is_vendor_api_group(cel::json_field(obj, "apiVersion"))) {
    std::vector<ValidationError> vendor = validate_vendor_object(obj);
    errors.insert(errors.end(), vendor.begin(), vendor.end());
    return errors;
  }
  const Json* kind = cel::json_field(obj, "kind");
  const KindTable* table = find_kind(kind);
  check_api_version(cel::json_field(obj, "apiVersion"), table, errors);

  if (!kind) {
    errors.push_back({"kind", "required field is missing"});
    return errors;
  }
  if (!table) {
    std::string supported;
    for (const KindTable& k : kKinds)
      supported += fmt::format("{}{}", supported.empty() ? "" : ", ", k.kind);
    errors.push_back({"kind", fmt::format("unsupported kind {}; supported kinds: {}",
                                          quote_value(*kind), supported)});
    return errors;
  }

  check_metadata_and_spec(
      obj,
      embedded_constraint_table(channel == Channel::Experimental ? table->experimental
                                                                 : table->standard),
      errors);
  return errors;
}

}  // namespace im
