#pragma once
// konghq.com/host-aliases: every Kong route of the Ingress also answers
// these hosts (KIC kongstate/route.go overrideHosts).

#include <optional>
#include <string>
#include <vector>

#include "diag/finding.h"
#include "model/ingress.h"

namespace im {

/// The aliases as KIC reads them (annotations.go ExtractHostAliases: comma
/// list, trimmed, empty items dropped); nullopt when absent or empty, or
/// when one is not a host name by route.go's validHosts, which makes KIC
/// ignore them all (`bad_item` then names it).
std::optional<std::vector<std::string>> read_kong_host_aliases(const Ingress& ing,
                                                               std::string* bad_item = nullptr);

/// The hosts of the Kong route made from a rule with `rule_host`: that host
/// (when not empty) and each alias not yet among them. A rule without a
/// host answers only the aliases.
std::vector<std::string> kong_route_hosts(const std::string& rule_host,
                                          const std::vector<std::string>& aliases);

/// The Ingress as Kong routed it: each rule repeated for every host of its
/// route. nullopt when the aliases change nothing. Aliases Gateway API
/// cannot name (Kong's "example.*") are errors at the annotation, and left
/// out.
std::optional<Ingress> with_kong_host_aliases(const Ingress& ing, Findings& findings);

}  // namespace im
