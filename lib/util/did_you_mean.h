#pragma once
// "Did you mean" suggestions for mistyped names (actions, rule ids, options).

#include <string>
#include <string_view>
#include <vector>

namespace im {

/// Damerau-Levenshtein distance between a and b over bytes: insertions,
/// deletions, substitutions and transpositions of adjacent characters each
/// cost 1, and a transposed pair may be edited further ("ca" -> "abc" is 2).
size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to input when its distance is at most
/// max(2, input.size() / 3), else "". Ties go to the earliest candidate.
/// An empty input suggests nothing.
std::string did_you_mean(std::string_view input, const std::vector<std::string>& candidates);

}  // namespace im
