#pragma once
// What the annotations of one Ingress ask for, after the rule actions have
// read them. The converter turns this into Gateway API filters and matches;
// it never looks at annotation strings itself.

#include <optional>
#include <string>

#include "diag/location.h"

namespace im {

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
  /// force-ssl-redirect: redirect even without TLS on the Ingress.
  bool force_ssl_redirect = false;
  CanaryPolicy canary;
};

}  // namespace im
