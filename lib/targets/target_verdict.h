#pragma once
// The verdicts a target gives: which catalog verdict finding an annotation
// has (the one a target replaces), and the target's own verdict finding.

#include <map>
#include <set>
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

/// An annotation's verdict by position and rule id.
using VerdictKey = std::tuple<std::string, uint32_t, uint32_t, std::string>;
VerdictKey verdict_key(const Location& at, const std::string& rule_id);

/// Takes the target's own verdicts at these annotations back out of
/// `findings`: where an annotation's value lost to another Ingress's, a
/// "converted" verdict would say the value is in force. The warning that
/// says it is not used stays.
void withdraw_target_verdicts(Findings& findings, const std::set<VerdictKey>& keys);

}  // namespace im
