#include "convert/rewrite_target.h"

#include "convert/path_semantics.h"

namespace im {

namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

struct Form {
  const char* tail;    ///< regex tail after the literal
  const char* ref;     ///< the capture reference the target must end with
  bool keep_slash;     ///< the captured rest starts with "/"
  bool slash_in_match; ///< the match prefix includes the "/" of the tail
};

const Form kForms[] = {
    {"(/|$)(.*)", "$2", false, false},
    {"/(.*)", "$1", false, true},
    {"(/.*)", "$1", true, false},
};

}  // namespace

std::optional<PrefixRewrite> capture_rewrite(const std::string& path, const std::string& target,
                                             std::string& why) {
  std::string p = path;
  if (!p.empty() && p[0] == '^') p = p.substr(1);  // nginx adds the start anchor anyway
  for (const Form& f : kForms) {
    if (!ends_with(p, f.tail) || !ends_with(target, f.ref)) continue;
    std::string literal = p.substr(0, p.size() - std::string(f.tail).size());
    std::string prefix = target.substr(0, target.size() - std::string(f.ref).size());
    if (literal.empty() || literal[0] != '/' || has_regex_syntax(literal) || literal.find('.') != std::string::npos ||
        prefix.find('$') != std::string::npos) {
      break;
    }
    PrefixRewrite r;
    r.match_prefix = f.slash_in_match ? literal + "/" : literal;
    // The captured rest either starts with "/" (kept) or follows the slash
    // that the match consumed; the replacement must supply that slash.
    if (f.keep_slash) {
      if (!prefix.empty() && prefix.back() == '/') {
        why = "the target \"" + target + "\" would put \"//\" before the captured rest";
        return std::nullopt;
      }
      r.replacement = prefix.empty() ? "/" : prefix;
    } else {
      r.replacement = prefix.empty() ? "/" : prefix;
      if (r.replacement.back() != '/') {
        why = "the target \"" + target + "\" would join the captured rest without a \"/\"";
        return std::nullopt;
      }
    }
    return r;
  }
  why = "only the prefix-strip forms LIT(/|$)(.*) -> T$2, LIT/(.*) -> T$1 and LIT(/.*) -> T$1 "
        "have a Gateway API equivalent";
  return std::nullopt;
}

}  // namespace im
