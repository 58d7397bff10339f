#pragma once
// --target-controller: the compatibility gaps of the chosen implementation
// as findings about the user's manifests.

#include "diag/finding.h"
#include "report/compat_report.h"

namespace im {

/// A feature the implementation does not support is an error (CI can gate
/// on it); one its report does not cover, or passes only partly, is a
/// warning. Findings point at the Ingress the object came from.
void add_target_findings(const CompatReport& report, Findings& findings);

}  // namespace im
