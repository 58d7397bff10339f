#include "convert/rewrite_target.h"

#include <re2/re2.h>

#include <utility>

#include "convert/path_semantics.h"

namespace im {

namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

/// nginx prepends "^" to a location regex anyway (template.go buildLocation).
std::string unanchored(const std::string& path) {
  return !path.empty() && path[0] == '^' ? path.substr(1) : path;
}

bool literal_ok(const std::string& literal, bool may_be_empty) {
  if (literal.empty()) return may_be_empty;
  return literal[0] == '/' && !has_regex_syntax(literal) && literal.find('.') == std::string::npos;
}

enum class Rest { AfterSlash, WithSlash, AfterOptionalSlash };

struct Form {
  const char* tail;     ///< regex tail after the literal
  const char* ref;      ///< the capture reference the target must end with
  Rest rest;            ///< what the captured rest holds
  bool slash_in_match;  ///< the match prefix includes the "/" of the tail
  bool non_empty;       ///< the capture needs at least one character
};

// The capture after LIT, in nginx's `rewrite "(?i)PATH" TARGET break;`
// (template.go buildProxyPass), for each tail.
const Form kForms[] = {
    {"(/|$)(.*)", "$2", Rest::AfterSlash, false, false},
    {"/(.*)", "$1", Rest::AfterSlash, true, false},
    {"/(.+)", "$1", Rest::AfterSlash, true, true},
    {"/?(.*)", "$1", Rest::AfterOptionalSlash, false, false},
    {"(/.*)", "$1", Rest::WithSlash, false, false},
};

}  // namespace

std::optional<std::string> constant_target(const std::string& path, const std::string& target) {
  RE2 re(path, RE2::Quiet);
  if (!re.ok()) return std::nullopt;
  int groups = re.NumberOfCapturingGroups();
  std::string out;
  for (size_t i = 0; i < target.size(); ++i) {
    if (target[i] == '$' && i + 1 < target.size() && target[i + 1] >= '0' && target[i + 1] <= '9') {
      // nginx reads $1..$9 as one digit (ngx_http_script_compile).
      if (target[i + 1] - '0' <= groups) return std::nullopt;
      ++i;
      continue;
    }
    out += target[i];
  }
  return out;
}

std::optional<std::string> regex_as_prefix(const std::string& path, std::string& edge) {
  std::string p = unanchored(path);
  if (literal_ok(p, false)) {
    // `~* "^/static"`: a string prefix, not a path-element one.
    if (p != "/") edge = "\"" + p + "x\" (nginx matched it, PathPrefix does not)";
    return p;
  }
  struct Tail {
    const char* text;
    bool slash_in_match;
    bool open_end;  ///< no "/" needed after LIT: "LITx" matched too
  };
  static const Tail kTails[] = {{"(/|$)(.*)", false, false}, {"/(.*)", true, false},
                                {"/?(.*)", false, true},     {"(/.*)", false, false},
                                {"(.*)", false, true},       {".*", false, true}};
  for (const Tail& t : kTails) {
    if (!ends_with(p, t.text)) continue;
    std::string literal = p.substr(0, p.size() - std::string(t.text).size());
    bool root_ok = t.slash_in_match;  // "/(.*)" is every path
    if (!literal_ok(literal, root_ok)) return std::nullopt;
    std::string prefix = t.slash_in_match ? literal + "/" : literal;
    if (prefix.empty()) return std::nullopt;
    if (t.open_end && prefix != "/") edge = "\"" + prefix + "x\" (nginx matched it, PathPrefix does not)";
    return prefix;
  }
  return std::nullopt;
}

std::optional<PrefixRewrite> capture_rewrite(const std::string& path, const std::string& target,
                                             std::string& why) {
  std::string p = unanchored(path);
  for (const Form& f : kForms) {
    if (!ends_with(p, f.tail) || !ends_with(target, f.ref)) continue;
    std::string literal = p.substr(0, p.size() - std::string(f.tail).size());
    std::string prefix = target.substr(0, target.size() - std::string(f.ref).size());
    // "/(.*)" with an empty literal is every path.
    if (!literal_ok(literal, f.slash_in_match && !f.non_empty) || prefix.find('$') != std::string::npos) {
      break;
    }
    PrefixRewrite r;
    r.match_prefix = f.slash_in_match ? literal + "/" : literal;
    r.replacement = prefix.empty() ? "/" : prefix;
    switch (f.rest) {
      case Rest::WithSlash:
        // The captured rest starts with "/": the target must not add one.
        if (!prefix.empty() && prefix.back() == '/') {
          why = "the target \"" + target + "\" would put \"//\" before the captured rest";
          return std::nullopt;
        }
        break;
      case Rest::AfterSlash:
      case Rest::AfterOptionalSlash:
        // The rest follows a slash the match consumed; the target supplies it.
        if (r.replacement.back() != '/') {
          why = "the target \"" + target + "\" would join the captured rest without a \"/\"";
          return std::nullopt;
        }
        break;
    }
    if (f.non_empty) {
      r.edge = "\"" + r.match_prefix + "\" itself (the regex needs a character after it; it is now "
               "sent upstream as \"" + r.replacement + "\")";
    }
    if (f.rest == Rest::AfterOptionalSlash) {
      // "/?" also lets nginx match LITx (rewritten to Tx) and sends the bare
      // LIT upstream as T; PathPrefix LIT takes neither form.
      r.edge = "\"" + literal + "x\" (nginx rewrote it to \"" + r.replacement +
               "x\"; PathPrefix does not match it)";
      if (r.replacement == literal + "/") r.kind = PrefixRewrite::Kind::Identity;
      r.bare_full_path = r.replacement;
    }
    if (r.kind == PrefixRewrite::Kind::Prefix && r.replacement == r.match_prefix) {
      r.kind = PrefixRewrite::Kind::Identity;
    }
    return r;
  }
  if (auto constant = constant_target(p, target)) {
    std::string edge;
    if (auto prefix = regex_as_prefix(p, edge)) {
      PrefixRewrite r;
      r.match_prefix = *prefix;
      r.replacement = constant->empty() ? "/" : *constant;
      r.kind = PrefixRewrite::Kind::FullPath;
      r.edge = edge;
      return r;
    }
    why = "the path regex is not a literal prefix followed by an open tail";
    return std::nullopt;
  }
  why = "only the prefix-strip forms LIT(/|$)(.*) -> T$2, LIT/(.*) -> T$1, LIT/(.+) -> T$1, "
        "LIT/?(.*) -> T$1 and LIT(/.*) -> T$1, and targets naming only groups the regex lacks, "
        "have a Gateway API equivalent";
  return std::nullopt;
}

std::optional<RegexRewrite> regex_rewrite_for(const std::string& path, const std::string& target,
                                              std::string& why) {
  // template.go buildProxyPass writes `rewrite "(?i)PATH" TARGET break;`:
  // PCRE searches PATH in $uri, and the location (`~* "^PATH"`) already
  // matched it at the start, so the match begins there; the whole URI is
  // replaced by TARGET. Anchoring both ends makes Envoy's replace-all do the
  // same in one replacement.
  const std::string pattern = "(?i)^(?:" + unanchored(path) + ").*$";
  RE2 re(pattern, RE2::Quiet);
  if (!re.ok()) {
    why = "the path regex cannot be compiled by RE2 (" + re.error() + ")";
    return std::nullopt;
  }
  const int groups = re.NumberOfCapturingGroups();
  std::string substitution;
  for (size_t i = 0; i < target.size(); ++i) {
    const char c = target[i];
    if (c == '$') {
      const char d = i + 1 < target.size() ? target[i + 1] : '\0';
      if (d < '1' || d > '9') {
        why = "the target uses an nginx variable other than $1..$9, which a regex substitution cannot fill";
        return std::nullopt;
      }
      // ngx_http_script_compile reads one digit; a group the regex lacks is "".
      if (d - '0' <= groups) substitution += std::string("\\") + d;
      ++i;
    } else if (c == '?') {
      why = "the target sets a query string, and a regex rewrite changes only the path";
      return std::nullopt;
    } else if (c == '\\') {
      substitution += "\\\\";
    } else {
      substitution += c;
    }
  }
  if (substitution.empty() || substitution[0] != '/') {
    why = "the rewritten path would not start with \"/\"";
    return std::nullopt;
  }
  RegexRewrite rewrite;
  rewrite.pattern = pattern;
  rewrite.substitution = std::move(substitution);
  return rewrite;
}

}  // namespace im
