#pragma once
// The one-line summary printed after the findings.

#include <string>

#include "convert/gateway_ir.h"
#include "diag/finding.h"
#include "model/inventory.h"

namespace im {

/// "12 Ingresses → 3 Gateways, 14 HTTPRoutes; 2 errors, 5 warnings", with
/// other kinds that were skipped and info counts when there are any.
std::string conversion_summary(const Inventory& inventory, const ConversionOutput& out,
                               const Findings& findings);

/// "1 Ingress", "2 Ingresses", "0 errors" ...
std::string count_noun(size_t n, const std::string& singular, const std::string& plural);

}  // namespace im
