#pragma once
// The rule string Traefik's Ingress provider writes for a router, whose
// length is the router's priority unless router.priority sets one
// (pkg/provider/kubernetes/ingress/kubernetes.go loadRouter;
// pkg/server/router/router.go GetRulePriority). Shared by the conversion,
// which warns where that priority chose another rule than Gateway API
// would, and verify, which routes by it.

#include <optional>
#include <string>

namespace im {

/// Go's %q of an ASCII string: the quoting Traefik's rule strings use.
std::string go_quote(const std::string& s);

/// `Host("h") && PathPrefix("/p")`: the host part only for a host, the
/// path part only for a path; `matcher` is Path, PathPrefix or PathRegexp.
std::string traefik_rule(const std::string& host, const std::string& matcher, const std::string& path);

/// The router's priority: router.priority when set and not 0, else the
/// rule's length.
long long traefik_priority(const std::string& rule, const std::optional<long long>& explicit_priority);

}  // namespace im
