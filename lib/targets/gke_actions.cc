#include "targets/gke_actions.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "util/text.h"

namespace im {

std::string BackendConfigNames::for_port(const std::string& port_name, int port_number) const {
  if (auto it = ports.find(port_name); !port_name.empty() && it != ports.end()) return it->second;
  if (auto it = ports.find(std::to_string(port_number)); it != ports.end()) return it->second;
  return default_name;
}

std::optional<BackendConfigNames> read_backend_config_names(const std::string& value, std::string& why) {
  // Go's json.Unmarshal into {Default string; Ports map[string]string}:
  // unknown fields are ignored, a field of another type fails the whole value.
  const nlohmann::json v = nlohmann::json::parse(value, nullptr, false);
  why = "it is not JSON of the form {\"default\": NAME, \"ports\": {PORT: NAME}}, so ingress-gce refused it and "
        "applied no BackendConfig";
  if (v.is_discarded() || !v.is_object()) return std::nullopt;
  BackendConfigNames names;
  if (v.contains("default") && !v["default"].is_null()) {
    if (!v["default"].is_string()) return std::nullopt;
    names.default_name = v["default"].get<std::string>();
  }
  if (v.contains("ports") && !v["ports"].is_null()) {
    if (!v["ports"].is_object()) return std::nullopt;
    for (const auto& [port, name] : v["ports"].items()) {
      if (!name.is_string()) return std::nullopt;
      names.ports[port] = name.get<std::string>();
    }
  }
  if (names.default_name.empty() && names.ports.empty()) {
    why = "it names no BackendConfig (neither \"default\" nor \"ports\"), so ingress-gce applied none";
    return std::nullopt;
  }
  return names;
}

namespace {

// cloud.google.com/backend-config, on a Service (targets/gke_objects.cc
// builds the policies): the value must be one ingress-gce read.
bool gke_backend_config(const TargetActionContext& c) {
  std::string why;
  if (!read_backend_config_names(c.annotation.value, why)) return c.reject(why);
  return true;
}

// networking.gke.io/v1beta1.FrontendConfig: its sslPolicy, for the
// Gateway's GCPGatewayPolicy (gcpgatewaypolicy_types.go SSLPolicy). A
// FrontendConfig missing from the input was reported by the conversion;
// one without an SSL policy leaves nothing for the policy, and its redirect
// is the standard conversion's.
bool gke_ssl_policy(const TargetActionContext& c) {
  if (!c.draft.gke_frontend_configs) return false;
  const std::string name = trim(c.annotation.value);
  for (const GkeFrontendConfig& f : *c.draft.gke_frontend_configs) {
    if (f.ns != c.ingress.ns || f.name != name || !f.ssl_policy) continue;
    if (trim(*f.ssl_policy).empty()) return false;
    c.spec()["sslPolicy"] = *f.ssl_policy;
    return true;
  }
  return false;
}

}  // namespace

const std::vector<TargetAction>& gke_target_actions() {
  static const std::vector<TargetAction> actions = {
      {"gke-backend-config", "checks a Service's BackendConfig names; the Service's GCPBackendPolicy and "
                             "HealthCheckPolicy are built from the BackendConfig they name",
       gke_backend_config},
      {"gke-ssl-policy", "the FrontendConfig's sslPolicy, for the Gateway's GCPGatewayPolicy", gke_ssl_policy},
  };
  return actions;
}

}  // namespace im
