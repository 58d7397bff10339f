#pragma once
// The CRD constraint dumps write every value as a Python literal ('a\\-b',
// [301, 302], {'from': 'Same'}, True). This reads one such literal.

#include <nlohmann/json.hpp>
#include <string_view>

namespace im::validate {

/// Parses the Python literal that starts at `text[pos]` (str, int, float,
/// bool, None, list, dict) and advances `pos` past it. Throws
/// std::invalid_argument with a short reason on malformed input.
nlohmann::ordered_json parse_python_literal(std::string_view text, size_t& pos);

}  // namespace im::validate
