#pragma once
// The ingress-nginx annotations of one Ingress that decide where a request
// goes, read the way the controller's annotation parsers read them.

#include <optional>
#include <string>
#include <vector>

#include "model/ingress.h"

namespace im::verify {

struct NginxCanary {
  bool enabled = false;
  std::string header;          ///< canary-by-header (lower case)
  std::string header_value;    ///< canary-by-header-value
  std::string header_pattern;  ///< canary-by-header-pattern
  std::string cookie;          ///< canary-by-cookie
  int weight = 0;
  int weight_total = 100;
};

struct NginxSettings {
  bool use_regex = false;
  std::string rewrite_target;
  std::string x_forwarded_prefix;
  bool ssl_redirect = true;  ///< config.go NewDefault: SSLRedirect true
  bool force_ssl_redirect = false;
  bool preserve_trailing_slash = false;
  std::string redirect_url;  ///< permanent-redirect or temporal-redirect
  int redirect_code = 0;
  std::string app_root;
  std::string upstream_vhost;
  bool ssl_passthrough = false;
  NginxCanary canary;
  /// Annotations that may change where a request goes and that the model
  /// does not follow: every probe they touch is uncertain.
  std::vector<std::string> unmodelled;
};

/// Reads the annotations under `prefix` ("nginx.ingress.kubernetes.io").
/// `ssl_redirect` is the ConfigMap's ssl-redirect, the annotation's default.
NginxSettings read_nginx_settings(const Ingress& ing, const std::string& prefix, bool ssl_redirect = true);

}  // namespace im::verify
