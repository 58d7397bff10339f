// CEL rules of the GKE Gateway CRDs the tool emits (HealthCheckPolicy of
// GoogleCloudPlatform/gke-gateway-api at the pinned commit, dump in
// rules/crd/gke/). Each entry names the exact CEL expression it implements.

#include <optional>

#include "validate/cel_rules.h"
#include "validate/cel_vendor_support.h"

namespace im::validate {
namespace {

using namespace cel;  // NOLINT(google-build-using-namespace): the rules read like CEL

// self.type == 'T' ? has(self.F) : true. An absent type fails the CEL
// expression; minProperties=2 on the same node reports that object.
auto check_for_type(std::string_view type, std::string_view field) {
  return [type, field](const Value& s) { return !type_is(s, type) || has(s, field); };
}

// has(self.checkIntervalSec) && has(self.timeoutSec) ? self.checkIntervalSec >= self.timeoutSec : true
bool timeout_within_interval(const Value& s) {
  const std::optional<int64_t> interval = integer(s, "checkIntervalSec");
  const std::optional<int64_t> timeout = integer(s, "timeoutSec");
  return !interval || !timeout || *interval >= *timeout;
}

// !has(self.checkIntervalSec) && has(self.timeoutSec) ? 5 >= self.timeoutSec : true
bool timeout_within_default_interval(const Value& s) {
  const std::optional<int64_t> timeout = integer(s, "timeoutSec");
  return has(s, "checkIntervalSec") || !timeout || *timeout <= 5;
}

// has(self.checkIntervalSec) && !has(self.timeoutSec) ? self.checkIntervalSec >= 5 : true
bool interval_covers_default_timeout(const Value& s) {
  const std::optional<int64_t> interval = integer(s, "checkIntervalSec");
  return !interval || has(s, "timeoutSec") || *interval >= 5;
}

}  // namespace

void add_gke_cel_rules(std::vector<CelRule>& out) {
  out.push_back({"for portSpecification being USE_FIXED_PORT, port must be set and portName must be unset",
                 [](const Value& s) { return !str_eq(s, "portSpecification", "USE_FIXED_PORT") || (has(s, "port") && !has(s, "portName")); },
                 "self.portSpecification == 'USE_FIXED_PORT' ? has(self.port) && !has(self.portName) : true"});
  out.push_back({"for portSpecification being USE_NAMED_PORT, port must be unset and portName must be set",
                 [](const Value& s) { return !str_eq(s, "portSpecification", "USE_NAMED_PORT") || (!has(s, "port") && has(s, "portName")); },
                 "self.portSpecification == 'USE_NAMED_PORT' ? !has(self.port) && has(self.portName) : true"});
  out.push_back({"grpcHealthCheck must be specified for type GRPC", check_for_type("GRPC", "grpcHealthCheck"),
                 "self.type == 'GRPC' ? has(self.grpcHealthCheck) : true"});
  out.push_back({"http2HealthCheck must be specified for type HTTP2", check_for_type("HTTP2", "http2HealthCheck"),
                 "self.type == 'HTTP2' ? has(self.http2HealthCheck) : true"});
  out.push_back({"httpHealthCheck must be specified for type HTTP", check_for_type("HTTP", "httpHealthCheck"),
                 "self.type == 'HTTP' ? has(self.httpHealthCheck) : true"});
  out.push_back({"httpsHealthCheck must be specified for type HTTPS", check_for_type("HTTPS", "httpsHealthCheck"),
                 "self.type == 'HTTPS' ? has(self.httpsHealthCheck) : true"});
  out.push_back({"port and portName must be unset for portSpecification being USE_SERVING_PORT (which is the default)",
                 [](const Value& s) {
                   const bool serving = str_eq(s, "portSpecification", "USE_SERVING_PORT") || !has(s, "portSpecification");
                   return !serving || (!has(s, "port") && !has(s, "portName"));
                 },
                 "self.portSpecification == 'USE_SERVING_PORT' || !has(self.portSpecification) ? !has(self.port) && !has(self.portName) : true"});
  out.push_back({"tcpHealthCheck must be specified for type TCP", check_for_type("TCP", "tcpHealthCheck"),
                 "self.type == 'TCP' ? has(self.tcpHealthCheck) : true"});
  out.push_back({"timeOutSec cannot exceed checkIntervalSec", timeout_within_interval,
                 "has(self.checkIntervalSec) && has(self.timeoutSec) ? self.checkIntervalSec >= self.timeoutSec : true"});
  out.push_back({"when checkIntervalSec is unspecified, timeOutSec cannot exceed 5, which is the default value of checkIntervalSec",
                 timeout_within_default_interval,
                 "!has(self.checkIntervalSec) && has(self.timeoutSec) ? 5 >= self.timeoutSec : true"});
  out.push_back({"when timeoutSec is unspecified, checkIntervalSec must be at least 5, which is the default value of timeoutSec",
                 interval_covers_default_timeout,
                 "has(self.checkIntervalSec) && !has(self.timeoutSec) ? self.checkIntervalSec >= 5 : true"});
}

}  // namespace im::validate
