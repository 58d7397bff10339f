#pragma once
// The catalog as text: `rules list`, `rules explain` and the generated
// mapping table in docs/, all from the same data so they cannot drift.

#include <string>
#include <vector>

#include "rules/catalog.h"

namespace im {

/// One line per rule: key, verdict, action; sorted by controller then key.
std::string rules_table(const Catalog& catalog, const std::string& controller = "");

/// Everything the catalog knows about one rule.
std::string explain_rule(const Catalog& catalog, const Rule& rule);

/// The Markdown mapping table (docs/annotations.md).
std::string rules_markdown(const Catalog& catalog, const std::string& controller = "");

/// The annotation as users write it: the family's first prefix and the key.
std::string full_key(const Catalog& catalog, const Rule& r);
/// The rules of `controller` ("" = all), by controller and full key.
std::vector<const Rule*> sorted_rules(const Catalog& catalog, const std::string& controller);

}  // namespace im
