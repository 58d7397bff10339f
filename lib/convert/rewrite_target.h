#pragma once
// ingress-nginx rewrite-target with capture groups, reduced to a Gateway API
// path match and URLRewrite where the two provably behave the same (or
// differ only at a named edge).

#include <optional>
#include <string>

#include "convert/filter_set.h"

namespace im {

struct PrefixRewrite {
  enum class Kind {
    Prefix,    ///< ReplacePrefixMatch `replacement`
    FullPath,  ///< ReplaceFullPath `replacement` (the target needs no capture)
    Identity,  ///< the upstream path is the request path: no filter
  };
  std::string match_prefix;  ///< PathPrefix value to match
  std::string replacement;
  Kind kind = Kind::Prefix;
  /// Requests the PathPrefix takes that the nginx regex did not match, or
  /// that reach the upstream with another path ("" when there are none
  /// besides the bare prefix without its "/", which the caller reports).
  std::string edge;
  /// The bare prefix as its own Exact match with ReplaceFullPath this value
  /// ("" = none): "LIT/?(.*)" sends "LIT" upstream as T, which
  /// ReplacePrefixMatch would not.
  std::string bare_full_path;
};

/// For `path` (an nginx regex) and `target` (with $N references), the
/// equivalent rewrite, or nullopt with `why` set. Recognised forms, where
/// LIT is a literal path and T a literal target prefix:
///   LIT(/|$)(.*)  ->  T$2     strips LIT: /LIT/x -> T/x, /LIT -> T
///   LIT/(.*)      ->  T$1     strips LIT/
///   LIT/(.+)      ->  T$1     strips LIT/ (LIT/ itself was not matched)
///   LIT/?(.*)     ->  T$1     strips LIT and an optional "/" (T ends in "/")
///   LIT(/.*)      ->  T$1     strips LIT, keeps the slash
/// and any path whose target only names groups the regex lacks (nginx
/// expands them to ""), which is a constant ReplaceFullPath.
std::optional<PrefixRewrite> capture_rewrite(const std::string& path, const std::string& target,
                                             std::string& why);

/// The target with every $N whose group `path` lacks removed (nginx expands
/// a missing capture to ""); nullopt when the target still names a group
/// the regex has, or the regex does not compile.
std::optional<std::string> constant_target(const std::string& path, const std::string& target);

/// The literal PathPrefix a regex path reduces to when it is LIT followed
/// by one of the open tails ((/|$)(.*), /(.*), /?(.*), (/.*), (.*), .*), or
/// nullopt. `edge` names what the PathPrefix matches differently.
std::optional<std::string> regex_as_prefix(const std::string& path, std::string& edge);

/// nginx's `rewrite "(?i)PATH" TARGET break;` as one regex rewrite of the
/// whole path, or nullopt with `why` set: the pattern is anchored at both
/// ends so that, like nginx, the whole path is replaced; $1..$9 become
/// \1..\9 (a group the regex lacks expands to "", as in nginx). A TARGET
/// with other nginx variables or a query ("?") has no such equivalent.
std::optional<RegexRewrite> regex_rewrite_for(const std::string& path, const std::string& target,
                                              std::string& why);

}  // namespace im
