#pragma once
// Annotation value formats: parsing as the controllers do, so an invalid
// value gets the same verdict the controller would have given it.

#include <optional>
#include <string>
#include <vector>

namespace im {

/// Go's strconv.ParseBool, which ingress-nginx uses for boolean annotations
/// (internal/ingress/annotations/parser/main.go, GetBoolAnnotation).
std::optional<bool> parse_go_bool(const std::string& s);

/// A decimal integer without sign or spaces, as strconv.Atoi would accept.
std::optional<long long> parse_int(const std::string& s);

/// The known format names for a rule's `value:` field.
const std::vector<std::string>& value_formats();

/// "" when `value` fits `format`, else the reason.
std::string check_value(const std::string& format, const std::string& value);

}  // namespace im
