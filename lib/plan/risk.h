#pragma once
// How risky a finding makes moving the routes it is about.

#include "diag/finding.h"
#include "plan/cutover_plan.h"
#include "rules/catalog.h"

namespace im {

/// Errors block; a warning from an annotation rule with verdict none means
/// behaviour is dropped; any other warning means it is approximated; info
/// changes nothing the clients see.
Risk risk_of(const Finding& f, const Catalog& catalog);

/// Whether an error finding with this id means a security control of the
/// Ingress is gone: source-range allow/deny lists, auth-*, snippets, rate
/// and connection limits, client-certificate auth, WAF rules. Such an
/// Ingress must not get a route anywhere (plan's blocked/).
bool removes_security_control(const std::string& rule_id);

}  // namespace im
