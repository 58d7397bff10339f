#pragma once
// Wording shared by the schema and metadata checks, so every error reads the
// same way: "must be of type string, got integer", "unknown field; did you
// mean \"matches\"?".

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace im::validate {

/// "string", "integer", "number", "boolean", "array", "object" or "null".
std::string_view json_type_name(const nlohmann::ordered_json& v);

/// The value as JSON text ("\"abc\"", 42), cut to about 80 characters so a
/// 4 KiB header value does not flood the report.
std::string quote_value(const nlohmann::ordered_json& v);

/// "unknown field", plus "; did you mean \"x\"?" when one of `known` is
/// close to `key` (util/did_you_mean.h).
std::string unknown_field_message(std::string_view key, const std::vector<std::string>& known);

/// "1 item", "16 items".
std::string count_noun(int64_t n, std::string_view singular, std::string_view plural);

}  // namespace im::validate
