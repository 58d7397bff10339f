#pragma once
// The conversion: Ingresses (with their classes and Services) in, Gateway
// API objects out, plus findings about everything that did not carry over
// exactly.

#include <string>
#include <vector>

#include "convert/gateway_ir.h"
#include "convert/options.h"
#include "diag/finding.h"
#include "model/inventory.h"
#include "rules/catalog.h"

namespace im {

struct ConversionStats {
  size_t ingresses = 0;  ///< Ingress objects read
  size_t converted_ingresses = 0;
};

struct ConversionResult {
  ConversionOutput output;
  ConversionStats stats;
};

/// Converts `inventory` (sorted with Inventory::sort()). Deterministic: the
/// same inventory gives the same output, whatever order it was read in.
ConversionResult convert(const Inventory& inventory, const ConvertOptions& options,
                         const Catalog& catalog, Findings& findings);

}  // namespace im
