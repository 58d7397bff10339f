#pragma once
// --target-controller: the implementation objects for what standard Gateway
// API cannot express. Fed by the same model and conversion output as the
// standard objects; the conversion itself knows nothing of implementations.

#include "convert/gateway_ir.h"
#include "diag/finding.h"
#include "model/inventory.h"
#include "rules/catalog.h"
#include "targets/profile.h"
#include "targets/target_actions.h"

namespace im {

/// Runs `profile`'s actions on the ingress-nginx annotations of every
/// converted Ingress, appends the objects to output.vendor_objects (and their
/// ExtensionRef filters to the Ingress's HTTPRoute rules), and replaces the
/// conversion's "not converted"/"partly converted" findings of the annotations
/// it converts with the verdict for this implementation.
void apply_target(const Inventory& inventory, const Catalog& catalog, const TargetProfile& profile,
                  const TargetOptions& options, ConversionOutput& output, Findings& findings);

}  // namespace im
