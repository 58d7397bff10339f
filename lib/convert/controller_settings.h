#pragma once
// The ingress-nginx controller ConfigMap's part in a conversion: the global
// settings every Ingress without its own annotation inherits, and a verdict
// at each ConfigMap key whose effect Gateway API cannot carry.

#include "convert/plan.h"
#include "diag/finding.h"
#include "model/nginx_controller_config.h"

namespace im {

/// Finding ids for ConfigMap keys (one per fact, at the key).
inline constexpr const char* kNginxConfigBodySize = "nginx-config-proxy-body-size";
inline constexpr const char* kNginxConfigTimeout = "nginx-config-timeout";
inline constexpr const char* kNginxConfigErrorPages = "nginx-config-custom-http-errors";
inline constexpr const char* kNginxConfigHsts = "nginx-config-hsts";
inline constexpr const char* kNginxConfigStrictPathType = "nginx-config-strict-path-type";

/// Gives an ingress-nginx Ingress the ConfigMap's defaults where it has no
/// annotation of its own (ssl-redirect, proxy-read-timeout).
void apply_controller_defaults(IngressInfo& info, const NginxControllerConfig& config);

/// The findings at the ConfigMap's keys, and, when the ConfigMap disables
/// snippet annotations, the snippet findings turned into "had no effect".
void report_controller_settings(const Plan& plan, const NginxControllerConfig& config,
                                Findings& findings);

}  // namespace im
