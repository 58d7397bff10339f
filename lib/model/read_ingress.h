#pragma once
// Reading one Ingress object (any served or removed apiVersion) into the v1 model.

#include <optional>

#include "model/field_reader.h"
#include "model/ingress.h"

namespace im {

/// Reads the Ingress at `obj`. Returns nullopt (with an error finding) when
/// the object is too broken to convert at all; smaller problems drop only
/// the affected rule, path or TLS entry.
std::optional<Ingress> read_ingress(const Node& obj, const std::string& api_version,
                                    FieldReader& r);

}  // namespace im
