#pragma once
// Reading the ingress-nginx controller ConfigMap (--nginx-config FILE, or
// the cluster's with --from-cluster) into NginxControllerConfig. Every
// fault is a finding at its place; the defaults stand in for what could
// not be read, so the conversion still runs.

#include <string>

#include "cluster/kubectl.h"
#include "diag/finding.h"
#include "model/nginx_controller_config.h"
#include "parse/document.h"

namespace im {

/// Finding ids of the ConfigMap reader.
inline constexpr const char* kNginxConfigNotConfigMap = "nginx-config-not-configmap";
inline constexpr const char* kNginxConfigValue = "nginx-config-invalid-value";
inline constexpr const char* kNginxConfigMissing = "nginx-config-not-found";

/// The settings of the ConfigMap `doc`. A value that is not of its key's
/// type (config.go decodes it with mapstructure, booleans with Go's
/// ParseBool) is an error at the value, and the key keeps its default, as
/// the controller would. Without `positions` findings and settings point
/// at the document's origin only (for kubectl's output).
NginxControllerConfig read_nginx_config_document(const Document& doc, Findings& findings,
                                                 bool positions = true);

/// Reads `path`: "unreadable-input" when it cannot be read, "parse-error"
/// for bad YAML, kNginxConfigNotConfigMap when no document is a ConfigMap.
NginxControllerConfig load_nginx_config_file(const std::string& path, const ParseLimits& limits,
                                             Findings& findings);

/// Reads the ConfigMap `ns_name` ("NAMESPACE/NAME") with `kubectl get`. A
/// ConfigMap the cluster does not have is an info (the defaults apply);
/// other kubectl failures are a warning with kubectl's words.
NginxControllerConfig load_nginx_config_from_cluster(const ClusterQuery& query,
                                                     const std::string& ns_name,
                                                     const ParseLimits& limits, Findings& findings);

}  // namespace im
