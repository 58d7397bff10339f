#pragma once
// konghq.com/methods as HTTPRouteMatch.method: the Kong route only takes
// requests with one of the listed methods.

#include <optional>
#include <string>
#include <vector>

#include "diag/finding.h"
#include "rules/policy.h"

namespace im {

/// The annotation as the Kong Ingress Controller reads it (annotations.go
/// ExtractMethods: comma list, trimmed, upper-cased, empty items dropped;
/// kongstate/route.go overrideMethods: one item that is not [A-Z]+ makes it
/// ignore the whole annotation). nullopt = ignored; the first bad item is
/// put in `bad_item` when given.
std::optional<std::vector<std::string>> read_kong_methods(const std::string& value, std::string* bad_item = nullptr);

/// The methods each rule of the Ingress is split into (one rule per method);
/// empty = any method (no annotation, or one Kong ignores); nullopt = none
/// of the listed methods exists in Gateway API, so no rule can stand for
/// the paths. Bad values are findings at the annotation.
std::optional<std::vector<std::string>> kong_methods(const IngressPolicy& policy, Findings& findings);

}  // namespace im
