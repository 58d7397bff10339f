#pragma once
// The verdicts a target gives: which catalog verdict finding an annotation
// has (the one a target replaces), and the target's own verdict finding.

#include <map>
#include <string>
#include <tuple>

#include "diag/finding.h"
#include "model/ingress.h"
#include "targets/profile.h"

namespace im {

/// The catalog's verdicts by (rule id, file, line, column): looked up once
/// per annotation, so a scan of every finding each time would make the
/// whole step quadratic in the Ingresses.
using VerdictIndex = std::map<std::tuple<std::string, std::string, uint32_t, uint32_t>, const Finding*>;

VerdictIndex index_verdicts(const Findings& findings);

/// The catalog's verdict finding for an annotation whose base verdict is
/// partial or none (rules/apply.cc marks it), or null. It exists exactly
/// when the object's controller is the annotation's family and the value
/// was readable, the cases a target converts.
const Finding* base_verdict(const VerdictIndex& index, const Annotation& a, const std::string& rule_id);

/// The verdict of `r` for the annotation `a`, with the target's verdict as
/// properties (--findings-format json|sarif): which implementation, exact or
/// with a difference, and the object field it became.
Finding target_verdict(const TargetProfile& p, const TargetRule& r, const Annotation& a, const std::string& id);

}  // namespace im
