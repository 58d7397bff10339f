#pragma once
// Builders for HTTPRoute filter objects.

#include <string>

#include <nlohmann/json.hpp>

namespace im {

/// URLRewrite replacing the whole path.
nlohmann::ordered_json rewrite_full_path(const std::string& path);
/// URLRewrite replacing the matched prefix.
nlohmann::ordered_json rewrite_prefix(const std::string& prefix);
/// RequestRedirect to the https scheme.
nlohmann::ordered_json redirect_to_https(int status_code);

}  // namespace im
