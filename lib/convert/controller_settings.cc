#include "convert/controller_settings.h"

#include <fmt/format.h>

#include <cctype>
#include <set>

#include "model/inventory.h"
#include "rules/value_format.h"

namespace im {

namespace {

/// The annotations controller.go dropSnippetDirectives clears when
/// allow-snippet-annotations is false.
bool is_dropped_snippet(const std::string& rule_id) {
  static const std::set<std::string> ids = {"nginx-configuration-snippet", "nginx-server-snippet",
                                            "nginx-modsecurity-snippet", "nginx-auth-snippet",
                                            "nginx-stream-snippet"};
  return ids.count(rule_id) > 0;
}

bool any_tls_ingress(const Plan& plan) {
  for (const IngressInfo& info : plan.ingresses) {
    if (info.is_nginx() && !info.ing->tls.empty()) return true;
  }
  return false;
}

void report_timeouts(const NginxControllerConfig& config, Findings& findings) {
  if (const ControllerSetting* read = config.setting("proxy-read-timeout")) {
    findings.warning(read->key,
                     fmt::format("proxy-read-timeout \"{}\" is only partly converted: it becomes "
                                 "timeouts.backendRequest on the HTTPRoutes of every ingress-nginx "
                                 "Ingress without its own proxy-read-timeout, but nginx limited the "
                                 "idle time between two reads, and the HTTPRoute timeout bounds the "
                                 "whole response (long streams such as websockets or SSE are cut)",
                                 read->value),
                     kNginxConfigTimeout);
  }
  for (const char* key : {"proxy-connect-timeout", "proxy-send-timeout"}) {
    if (const ControllerSetting* s = config.setting(key)) {
      findings.warning(s->key,
                       fmt::format("{} \"{}\" is not converted: Gateway API has no {} timeout; "
                                   "set it with the implementation's backend policy (Envoy Gateway "
                                   "BackendTrafficPolicy timeout, for example)",
                                   key, s->value,
                                   std::string(key) == "proxy-connect-timeout" ? "connect" : "idle write"),
                       kNginxConfigTimeout);
    }
  }
}

void report_hsts(const Plan& plan, const NginxControllerConfig& config, Findings& findings) {
  // config.go: hsts true, max-age 31536000, includeSubDomains true, preload
  // false; template.go writes the header on HTTPS servers only.
  const ControllerSetting* hsts = config.setting("hsts");
  if ((hsts && !*parse_go_bool(hsts->value)) || !any_tls_ingress(plan)) return;
  auto value_of = [&](const char* key, const char* fallback) {
    const ControllerSetting* s = config.setting(key);
    return s ? s->value : std::string(fallback);
  };
  std::string header = "max-age=" + value_of("hsts-max-age", "31536000");
  if (*parse_go_bool(value_of("hsts-include-subdomains", "true"))) header += "; includeSubDomains";
  if (*parse_go_bool(value_of("hsts-preload", "false"))) header += "; preload";
  findings.warning(hsts ? hsts->key : config.origin,
                   fmt::format("hsts: ingress-nginx added \"Strict-Transport-Security: {}\" to every "
                               "HTTPS response; the HTTPRoutes do not (not converted): add it with a "
                               "ResponseHeaderModifier filter on the HTTPS routes or the "
                               "implementation's policy, or browsers stop pinning HTTPS",
                               header),
                   kNginxConfigHsts);
}

/// inspector/rules.go validPathType: (?i)^/[[:alnum:]._\-/]*$.
bool strict_path_ok(const std::string& path) {
  if (path.empty() || path[0] != '/') return false;
  for (unsigned char ch : path) {
    if (!std::isalnum(ch) && ch != '.' && ch != '_' && ch != '-' && ch != '/') return false;
  }
  return true;
}

/// strict-validate-path-type (default true): controller.go CheckIngress,
/// the admission webhook, rejects Exact/Prefix (or missing) pathTypes whose
/// path is not plain (inspector.go ValidatePathType). Ingresses already
/// stored are still served, so they are converted as written.
void report_strict_path_types(const Plan& plan, const NginxControllerConfig& config,
                              Findings& findings) {
  const ControllerSetting* strict = config.setting("strict-validate-path-type");
  if (strict && !*parse_go_bool(strict->value)) return;
  for (const IngressInfo& info : plan.ingresses) {
    if (!info.is_nginx()) continue;
    for (const auto& rule : info.ing->rules) {
      for (const auto& p : rule.paths) {
        if (p.path.empty() || (p.type_given && p.type == PathType::ImplementationSpecific) ||
            strict_path_ok(p.path)) {
          continue;
        }
        findings.warning(p.path_location,
                         fmt::format("path \"{}\" cannot be used with pathType {}: the controller's "
                                     "admission webhook rejects this Ingress (strict-validate-path-type, "
                                     "on by default); it is converted as written, which only matches "
                                     "what nginx served if the Ingress was stored without the webhook",
                                     p.path, p.type_given ? path_type_name(p.type) : "<nil>"),
                         kNginxConfigStrictPathType);
      }
    }
  }
}

}  // namespace

void apply_controller_defaults(IngressInfo& info, const NginxControllerConfig& config) {
  if (!info.is_nginx()) return;
  // config.go: the ConfigMap's ssl-redirect is the annotation's default.
  if (!info.policy.ssl_redirect_given) info.policy.ssl_redirect = config.ssl_redirect;
  // The ConfigMap's proxy-read-timeout is every location's unless the
  // Ingress sets its own (annotations/proxy/main.go falls back to it).
  if (const ControllerSetting* read = config.setting("proxy-read-timeout");
      read && !info.policy.setting("proxy-read-timeout")) {
    info.policy.settings.push_back(
        {"proxy-read-timeout", Setting{read->value, read->key, kNginxConfigTimeout, {}}});
  }
}

void report_controller_settings(const Plan& plan, const NginxControllerConfig& config,
                                Findings& findings) {
  if (!config.loaded) return;
  if (const ControllerSetting* body = config.setting("proxy-body-size")) {
    findings.error(body->key,
                   fmt::format("proxy-body-size \"{}\" is not converted: ingress-nginx answered 413 "
                               "to request bodies over it on every Ingress without its own "
                               "proxy-body-size, and Gateway API has no body limit; use NGINX "
                               "Gateway Fabric ClientSettingsPolicy body.maxSize or Envoy Gateway's "
                               "buffer limits, and check the new default",
                               body->value),
                   kNginxConfigBodySize);
  }
  report_timeouts(config, findings);
  if (const ControllerSetting* errors = config.setting("custom-http-errors")) {
    findings.warning(errors->key,
                     fmt::format("custom-http-errors \"{}\" is not converted: ingress-nginx sent "
                                 "these backend statuses to its default backend for an error page; "
                                 "Gateway API has no error interception, so clients now get the "
                                 "backends' own responses",
                                 errors->value),
                     kNginxConfigErrorPages);
  }
  report_hsts(plan, config, findings);
  report_strict_path_types(plan, config, findings);
  if (config.allow_snippet_annotations) return;
  // controller.go dropSnippetDirectives: with allow-snippet-annotations
  // false (the default since 1.9) the controller ignored these annotations,
  // so nothing of them is lost by the conversion.
  const ControllerSetting* allow = config.setting("allow-snippet-annotations");
  const Location& where = allow ? allow->key : config.origin;
  Findings rewritten;
  for (Finding f : findings.items()) {
    if (is_dropped_snippet(f.rule_id)) {
      f.severity = Severity::Info;
      f.message = fmt::format("{} had no effect: the controller's allow-snippet-annotations is "
                              "false ({}), so ingress-nginx dropped it; nothing to convert",
                              f.rule_id.substr(6), where.str());
    }
    rewritten.add(std::move(f));
  }
  findings = std::move(rewritten);
}

}  // namespace im
