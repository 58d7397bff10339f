#pragma once
// Schema defaults, applied the way the API server applies them before it
// evaluates CEL rules. Several rules only make sense on defaulted objects:
// "Must have port for Service reference" relies on kind defaulting to
// Service, and a listener's `tls: {}` is checked as mode Terminate.

#include <nlohmann/json.hpp>

#include "validate/constraint_table.h"

namespace im::validate {

/// Sets every absent property that has a default, top-down, also inside
/// defaults just set (apiextensions-apiserver structural defaulting).
/// Values of the wrong type are left alone; the schema check reports them.
void apply_defaults(nlohmann::ordered_json& value, const SchemaNode& node);

}  // namespace im::validate
