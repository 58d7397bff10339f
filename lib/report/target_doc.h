#pragma once
// What each annotation (mostly ingress-nginx's) becomes for one target implementation
// (rules/targets/<name>.yaml over the standard verdicts): `rules list` and
// `rules explain` with --target-controller, and docs/targets.md.

#include <string>

#include "rules/catalog.h"
#include "targets/profile.h"

namespace im {

/// The verdict of `rule` for `profile`: the profile's own where it converts
/// the key, else the standard one.
Verdict target_verdict(const Rule& rule, const TargetProfile& profile);

/// One line per key of `family`: annotation, verdict, what it becomes;
/// then the counts.
std::string target_table(const Catalog& catalog, const TargetProfile& profile,
                         const std::string& family = "ingress-nginx");

/// The same as a Markdown section (docs/targets.md).
std::string target_markdown(const Catalog& catalog, const TargetProfile& profile);

/// docs/targets.md: every profile's section, under one heading.
std::string targets_markdown(const Catalog& catalog);

/// The "For <project> <version>" paragraph `rules explain KEY
/// --target-controller NAME` adds.
std::string explain_for_target(const Rule& rule, const TargetProfile& profile);

}  // namespace im
