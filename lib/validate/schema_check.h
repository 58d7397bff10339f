#pragma once
// The generic OpenAPI checks of a constraint table (type, required, unknown
// fields, lengths, patterns, enums, bounds, item counts, list uniqueness),
// plus the node's CEL rules, applied to a value and everything below it.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "validate/constraint_table.h"
#include "validate/validator.h"

namespace im::validate {

/// Appends every violation in `value` to `errors`. CEL rules see `value`
/// with schema defaults applied (cel_support.h); the other checks see it as
/// written, since defaults are valid by construction.
/// `path` is the path of `value`, e.g. "spec"; it is used as scratch space
/// while descending and holds the same text again on return.
void check_node(const nlohmann::ordered_json& value, const SchemaNode& node, std::string& path,
                std::vector<ValidationError>& errors);

}  // namespace im::validate
