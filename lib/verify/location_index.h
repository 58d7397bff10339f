#pragma once
// Finds the nginx locations that may take a request without trying every
// location of the server: verify sends several probes per path, so a scan
// per probe made it quadratic in the paths of a host (issue 20).

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace re2 {
class RE2;
}

namespace im::verify {

struct NginxLocation;

/// The lower-case text every request path must start with for
/// `location ~* "^PATTERN"` to match it; "" when nothing is certain (a
/// top-level alternation, unbalanced groups, a pattern that starts with a
/// regex construct). A literal followed by `?`, `*` or `{` is optional and
/// left out.
std::string regex_required_prefix(const std::string& pattern);

class LocationIndex {
 public:
  /// `locations` in nginx's order; in regex mode every pattern is compiled
  /// once here.
  void build(const std::vector<NginxLocation>& locations, bool regex);

  /// Regex mode: the locations whose pattern may match `uri`, in order. The
  /// others certainly do not match it.
  std::vector<size_t> regex_candidates(const std::string& uri) const;
  /// Regex mode: the compiled `^(?:PATH)` of location `i`; nullptr when RE2
  /// does not understand it.
  const re2::RE2* regex(size_t i) const { return regexes_[i].get(); }

  /// Plain mode: the first `location = URI`.
  std::optional<size_t> exact(const std::string& uri) const;
  /// Plain mode: the first prefix location whose path is exactly `path`.
  std::optional<size_t> prefix_named(const std::string& path) const;
  /// Plain mode: the longest prefix location `uri` starts with (the first of
  /// equals).
  std::optional<size_t> longest_prefix(const std::string& uri) const;

 private:
  std::vector<std::shared_ptr<const re2::RE2>> regexes_;
  std::map<std::string, std::vector<size_t>> by_prefix_;  ///< lower-case required prefix
  std::map<std::string, size_t> exact_, prefix_;
};

}  // namespace im::verify
