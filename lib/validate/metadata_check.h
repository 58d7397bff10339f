#pragma once
// Checks of the parts of an object the CRD dumps do not cover: the object
// itself, apiVersion, kind and metadata (ObjectMeta validation of the API
// server for a namespaced object).

#include <nlohmann/json.hpp>
#include <vector>

#include "validate/validator.h"

namespace im::validate {

/// Appends errors in `metadata` (name: DNS-1123 subdomain; namespace:
/// DNS-1123 label; labels and annotations: string maps; no unknown fields).
void check_metadata(const nlohmann::ordered_json* metadata, std::vector<ValidationError>& errors);

}  // namespace im::validate
