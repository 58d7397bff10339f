#pragma once
// ingress-nginx rewrite-target with capture groups, reduced to a Gateway API
// prefix rewrite where the two provably behave the same.

#include <optional>
#include <string>

namespace im {

struct PrefixRewrite {
  std::string match_prefix;  ///< PathPrefix value to match
  std::string replacement;   ///< ReplacePrefixMatch value
};

/// For `path` (an nginx regex) and `target` (with $N references), the
/// equivalent prefix rewrite, or nullopt with `why` set. Recognised forms,
/// where LIT is a literal path and T a literal target prefix:
///   LIT(/|$)(.*)  ->  T$2     strips LIT: /LIT/x -> T/x, /LIT -> T
///   LIT/(.*)      ->  T$1     strips LIT/
///   LIT(/.*)      ->  T$1     strips LIT, keeps the slash
std::optional<PrefixRewrite> capture_rewrite(const std::string& path, const std::string& target,
                                             std::string& why);

}  // namespace im
