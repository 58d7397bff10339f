#include "convert/gke_frontend_config.h"

#include <fmt/format.h>

#include <utility>

#include "util/text.h"

namespace im {

namespace {

/// HttpsRedirectConfig.ResponseCodeName (ingress-gce pkg/apis/
/// frontendconfig/v1beta1/types.go; the Compute API's
/// HttpRedirectAction.RedirectResponseCode): "" is the default, 301.
std::optional<int> redirect_code(const std::string& name) {
  static const std::pair<const char*, int> codes[] = {{"", 301},
                                                      {"MOVED_PERMANENTLY_DEFAULT", 301},
                                                      {"FOUND", 302},
                                                      {"SEE_OTHER", 303},
                                                      {"TEMPORARY_REDIRECT", 307},
                                                      {"PERMANENT_REDIRECT", 308}};
  for (const auto& [n, code] : codes) {
    if (name == n) return code;
  }
  return std::nullopt;
}

}  // namespace

void apply_gke_frontend_config(const IngressInfo& info, const Inventory& inventory, RouteTemplate& t,
                               Findings& findings) {
  const Setting* s = info.policy.setting("gke-frontend-config");
  if (!s) return;
  const std::string name = trim(s->value);
  const GkeFrontendConfig* config = nullptr;
  for (const GkeFrontendConfig& c : inventory.gke_frontend_configs) {
    if (c.ns == info.ing->ns && c.name == name) config = &c;
  }
  if (!config) {
    findings.error(s->location,
                   fmt::format("FrontendConfig {}/{} is not in the input, so its HTTPS redirect and SSL policy are "
                               "not converted (add it with -f)",
                               info.ing->ns, escape_control(name)),
                   s->rule_id);
    return;
  }
  if (config->ssl_policy) {
    findings.warning(s->location,
                     fmt::format("FrontendConfig {}/{} sets the SSL policy {}, which Gateway API has no field for; "
                                 "the listeners take the implementation's default TLS versions and ciphers (on GKE "
                                 "Gateway a GCPGatewayPolicy with spec.default.sslPolicy sets it)",
                                 config->ns, config->name, escape_control(*config->ssl_policy)),
                     s->rule_id);
  }
  if (!config->redirect_to_https) return;
  const std::optional<int> code = redirect_code(config->response_code_name);
  if (!code) {
    findings.error(s->location,
                   fmt::format("FrontendConfig {}/{}: redirectToHttps.responseCodeName \"{}\" is not "
                               "MOVED_PERMANENTLY_DEFAULT, FOUND, SEE_OTHER, TEMPORARY_REDIRECT or PERMANENT_REDIRECT, "
                               "which GKE does not accept; no redirect is written here",
                               config->ns, config->name, escape_control(config->response_code_name)),
                   s->rule_id);
    return;
  }
  // The HTTP load balancer's URL map redirects every request to HTTPS
  // instead of routing it.
  t.force_redirect = true;
  t.redirect_code = *code;
}

}  // namespace im
