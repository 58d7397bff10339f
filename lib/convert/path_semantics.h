#pragma once
// What an Ingress path meant to the controller that served it, expressed as
// a Gateway API HTTPRoute path match.

#include <optional>
#include <string>

#include "convert/gateway_ir.h"
#include "diag/finding.h"
#include "model/ingress.h"

namespace im {

struct PathContext {
  std::string controller;    ///< family of the Ingress's controller
  bool ingress_regex = false;  ///< this Ingress has use-regex (or rewrite-target) on
  bool host_regex = false;     ///< some Ingress of this host puts the host in regex mode
  std::string regex_cause;     ///< "Ingress ns/name uses rewrite-target", for messages
  /// Traefik's router.pathmatcher for ImplementationSpecific paths (Path,
  /// PathPrefix or PathRegexp); "" = the default PathPrefix.
  std::string path_matcher;
  /// Kong: the start that marks an ImplementationSpecific path as a regex
  /// (konghq.com/regex-prefix, default "/~").
  std::string regex_marker = "/~";
};

/// The match for `p`, or nullopt (with an error finding) when Gateway API
/// cannot express the path at all. Warnings name a request that routes
/// differently when the match is close but not the same.
std::optional<PathMatchIR> convert_path(const IngressPath& p, const std::string& host,
                                        const PathContext& ctx, Findings& findings);

/// "" when `value` is a valid Exact/PathPrefix value under the HTTPRoute CEL
/// rules, else the reason.
std::string gateway_path_problem(const std::string& value);

/// True when the path uses regex syntax (so nginx's regex reading differs
/// from a literal prefix).
bool has_regex_syntax(const std::string& path);

/// nginx `location ~* "^PATH"` as an RE2 pattern that means the same under
/// full-match (Envoy) and search (nginx) semantics: "(?i)^PATH.*".
std::string nginx_regex_to_gateway(const std::string& path);

}  // namespace im
