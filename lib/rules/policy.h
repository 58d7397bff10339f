#pragma once
// What the annotations of one Ingress ask for, after the rule actions have
// read them. The converter turns this into Gateway API filters and matches;
// it never looks at annotation strings itself.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diag/location.h"

namespace im {

/// An annotation value with the place it came from, for findings.
struct Setting {
  std::string value;
  Location location;
  std::string rule_id;
  std::map<std::string, std::string> params;  ///< the rule's params (e.g. a redirect status)
};

struct CanaryPolicy {
  bool enabled = false;
  std::optional<int> weight;  ///< canary-weight
  int weight_total = 100;     ///< canary-weight-total
  std::string by_header;      ///< canary-by-header
  std::string header_value;   ///< canary-by-header-value
  std::string header_pattern; ///< canary-by-header-pattern
  std::string by_cookie;      ///< canary-by-cookie
  Location location;
};

struct IngressPolicy {
  /// rewrite-target value, as written.
  std::optional<std::string> rewrite_target;
  Location rewrite_location;
  /// use-regex: paths are regular expressions.
  bool use_regex = false;
  Location regex_location;
  /// ssl-redirect (ingress-nginx default true for hosts with TLS).
  bool ssl_redirect = true;
  bool ssl_redirect_given = false;  ///< the annotation was set (else the ConfigMap's default applies)
  /// force-ssl-redirect: redirect even without TLS on the Ingress.
  bool force_ssl_redirect = false;
  CanaryPolicy canary;

  /// Every other setting with the action that read it (for example
  /// "permanent-redirect", "cors-allow-origin", "proxy-read-timeout"), in
  /// annotation order. Several rules may share an action (nginx.org
  /// ssl-services and grpc-services both set the backend protocol).
  std::vector<std::pair<std::string, Setting>> settings;

  /// The first setting recorded by `action`, or nullptr.
  const Setting* setting(const std::string& action) const {
    for (const auto& [a, s] : settings) {
      if (a == action) return &s;
    }
    return nullptr;
  }
};

}  // namespace im
