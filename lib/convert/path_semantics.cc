#include "convert/path_semantics.h"

#include <fmt/format.h>
#include <re2/re2.h>

namespace im {

namespace {

std::string host_label(const std::string& host) { return host.empty() ? "(any host)" : host; }

/// ingress-nginx: Exact is `location = /p`; Prefix, ImplementationSpecific
/// and a missing pathType are all Prefix (internal/k8s/main.go,
/// SetDefaultNGINXPathType), which nginx serves element-wise like PathPrefix.
std::optional<PathMatchIR> nginx_match(const IngressPath& p, const std::string& host,
                                       const PathContext& ctx, Findings& findings) {
  std::string value = p.path.empty() ? "/" : p.path;
  if (ctx.ingress_regex && has_regex_syntax(value)) {
    std::string pattern = nginx_regex_to_gateway(value);
    RE2 re(pattern, RE2::Quiet);
    if (!re.ok()) {
      findings.error(p.path_location,
                     fmt::format("regex path \"{}\" cannot be compiled by RE2 ({}); path not "
                                 "converted",
                                 value, re.error()),
                     "regex-unsupported");
      return std::nullopt;
    }
    findings.warning(p.path_location,
                     fmt::format("regex path \"{}\" becomes RegularExpression \"{}\"; regular "
                                 "expression matching is implementation-specific in Gateway API",
                                 value, pattern),
                     "regex-path");
    return PathMatchIR{"RegularExpression", pattern};
  }
  PathMatchIR m{p.type == PathType::Exact ? "Exact" : "PathPrefix", value};
  // A regex "^/" matches every path, exactly like PathPrefix "/".
  if (ctx.host_regex && !(m.type == "PathPrefix" && value == "/")) {
    // location.go/template.go: once a server needs regex, every location of
    // it is written as `~* "^path"`: case-insensitive, anchored only at the
    // start, so it also matches longer paths that share the characters.
    std::string examples =
        m.type == "Exact"
            ? fmt::format("\"{}/x\"", value == "/" ? "" : value)
            : fmt::format("\"{}x\"", value);
    findings.warning(
        p.path_location,
        fmt::format("on host {} ingress-nginx matched \"{}\" as the case-insensitive regex "
                    "\"^{}\" ({}), so it also served {} and upper-case spellings; the {} match "
                    "here does not",
                    host_label(host), value, value, ctx.regex_cause, examples, m.type),
        "nginx-regex-host");
  }
  return m;
}

/// A controller's regex path as a RegularExpression match: an error (and
/// nullopt) when RE2 cannot read `pattern`, else the warning `written`.
std::optional<PathMatchIR> regex_path(const IngressPath& p, const std::string& pattern, const std::string& invalid,
                                      const std::string& written, Findings& findings) {
  if (!RE2(pattern, RE2::Quiet).ok()) {
    findings.error(p.path_location, invalid, "implementation-specific-path");
    return std::nullopt;
  }
  findings.warning(p.path_location, written, "implementation-specific-path");
  return PathMatchIR{"RegularExpression", pattern};
}

/// Traefik, pkg/provider/kubernetes/ingress/kubernetes.go loadRouter and
/// pkg/muxer/http/matcher.go: Exact is Path (equality); Prefix, and
/// ImplementationSpecific unless router.pathmatcher says otherwise, is
/// PathPrefix, a string prefix (strings.HasPrefix), so "/foo" also matched
/// "/foobar" and "/foo/" did not match "/foo"; PathRegexp is Go's regexp
/// searched anywhere in the path. Any other pathmatcher drops the path.
std::optional<PathMatchIR> traefik_match(const IngressPath& p, const std::string& value, const std::string& host,
                                         const PathContext& ctx, Findings& findings) {
  if (p.type == PathType::Exact) return PathMatchIR{"Exact", value};
  const std::string matcher =
      p.type == PathType::Prefix || ctx.path_matcher.empty() ? "PathPrefix" : ctx.path_matcher;
  if (matcher == "Path") return PathMatchIR{"Exact", value};
  if (matcher == "PathRegexp") {
    const std::string pattern = ".*(?:" + value + ").*";
    return regex_path(
        p, pattern,
        fmt::format("path \"{}\" on host {} is Traefik's PathRegexp (router.pathmatcher) but not a regular "
                    "expression RE2 reads; not converted",
                    value, host_label(host)),
        fmt::format("path \"{}\" on host {}: Traefik searched the whole path for the regular expression "
                    "(router.pathmatcher PathRegexp, Go regexp, unanchored); written as the RegularExpression "
                    "\"{}\", whose syntax and precedence each Gateway implementation defines",
                    value, host_label(host), pattern),
        findings);
  }
  if (matcher != "PathPrefix") {
    findings.error(p.path_location,
                   fmt::format("path \"{}\" on host {}: router.pathmatcher \"{}\" is not Path, PathPrefix or "
                               "PathRegexp, so Traefik skipped the path; not converted",
                               value, host_label(host), matcher),
                   "implementation-specific-path");
    return std::nullopt;
  }
  const bool prefix = p.type == PathType::Prefix;
  const char* id = prefix ? "string-prefix-path" : "implementation-specific-path";
  const char* type = prefix ? "Prefix" : "ImplementationSpecific";
  if (value.size() > 1 && value.back() == '/') {
    const std::string bare = value.substr(0, value.size() - 1);
    findings.warning(p.path_location,
                     fmt::format("{} path \"{}\" on host {}: Traefik matched it as a string prefix, so not "
                                 "\"{}\" itself (nor \"{}x\"); PathPrefix \"{}\" also matches \"{}\", which now "
                                 "comes here",
                                 type, value, host_label(host), bare, bare, value, bare),
                     id);
  } else if (value != "/") {
    findings.warning(p.path_location,
                     fmt::format("{} path \"{}\" on host {}: Traefik matched it as a string prefix, so also "
                                 "\"{}x\"; PathPrefix matches whole path segments only, so such requests now "
                                 "go to another route or get 404",
                                 type, value, host_label(host), value),
                     id);
  }
  return PathMatchIR{"PathPrefix", value};
}

std::optional<PathMatchIR> other_match(const IngressPath& p, const std::string& host,
                                       const PathContext& ctx, Findings& findings) {
  std::string value = p.path.empty() ? "/" : p.path;
  if (ctx.controller == "traefik") return traefik_match(p, value, host, ctx, findings);
  if (p.type == PathType::Exact) return PathMatchIR{"Exact", value};
  if (p.type == PathType::Prefix) return PathMatchIR{"PathPrefix", value};
  // ImplementationSpecific: each controller reads it its own way.
  if (ctx.controller == "gke") {
    // ingress-gce: "/foo/*" is a prefix glob; anything else is exact.
    if (value.size() >= 2 && value.compare(value.size() - 2, 2, "/*") == 0) {
      std::string base = value.size() == 2 ? "/" : value.substr(0, value.size() - 2);
      if (base != "/") {
        findings.warning(p.path_location,
                         fmt::format("GCE path \"{}\" matched \"{}/...\" but not \"{}\" itself; "
                                     "PathPrefix \"{}\" also matches \"{}\"",
                                     value, base, base, base, base),
                         "implementation-specific-path");
      }
      return PathMatchIR{"PathPrefix", base};
    }
    return PathMatchIR{"Exact", value};
  }
  if (ctx.controller == "contour" && value.find_first_of("^+*[]%") != std::string::npos) {
    // Contour, internal/dag/ingress_processor.go: an ImplementationSpecific
    // path holding any of ^ + * [ ] % is a regular expression (checked
    // with Go's regexp, RE2), which Envoy matches as safe_regex "^"+path
    // against the whole path; the other paths are string prefixes.
    const std::string pattern = "^" + value;
    return regex_path(
        p, pattern,
        fmt::format("ImplementationSpecific path \"{}\" on host {} is not a valid regular expression: Contour "
                    "served neither it nor the paths after it in this rule; not converted (the later paths are, "
                    "so they now serve requests Contour did not)",
                    value, host_label(host)),
        fmt::format("ImplementationSpecific path \"{}\" on host {}: Contour matched the whole path against the "
                    "regular expression \"{}\" and tried it before every prefix path; written as a "
                    "RegularExpression match, whose syntax and precedence each Gateway implementation defines",
                    value, host_label(host), pattern),
        findings);
  }
  if (ctx.controller == "kong" && !ctx.regex_marker.empty() && value.rfind(ctx.regex_marker, 0) == 0) {
    // Kong Ingress Controller (subtranslator MaybePrependRegexPrefix): the
    // marker becomes Kong's "~", a regex anchored only at the start
    // (router/traditional.lua, router/transform.lua).
    const std::string re = value.substr(ctx.regex_marker.size());
    const std::string pattern = "^(?:" + re + ").*";
    return regex_path(
        p, pattern,
        fmt::format("ImplementationSpecific path \"{}\" on host {} is a Kong regex path, but \"{}\" is not a "
                    "regular expression RE2 reads; not converted",
                    value, host_label(host), re),
        fmt::format("ImplementationSpecific path \"{}\" on host {}: Kong matched the regular expression \"{}\" "
                    "from the start of the path; written as the RegularExpression \"{}\", whose syntax and "
                    "precedence each Gateway implementation defines",
                    value, host_label(host), re, pattern),
        findings);
  }
  // F5 NGINX, HAProxy, Kong and others match a plain string prefix.
  findings.warning(p.path_location,
                   fmt::format("ImplementationSpecific path \"{}\" on host {}: {} matched it as a "
                               "string prefix (also \"{}x\"); PathPrefix matches whole path "
                               "segments only",
                               value, host_label(host), ctx.controller, value == "/" ? "" : value),
                   "implementation-specific-path");
  return PathMatchIR{"PathPrefix", value};
}

}  // namespace

bool has_regex_syntax(const std::string& path) {
  return path.find_first_of("^$()[]{}*+?|\\") != std::string::npos;
}

std::string nginx_regex_to_gateway(const std::string& path) {
  bool alternation = path.find('|') != std::string::npos;
  std::string body = alternation ? "(?:" + path + ")" : path;
  bool anchored_end = !path.empty() && path.back() == '$' &&
                      (path.size() < 2 || path[path.size() - 2] != '\\');
  bool open_end = path.size() >= 2 && path.compare(path.size() - 2, 2, ".*") == 0;
  return "(?i)^" + body + (anchored_end || open_end ? "" : ".*");
}

std::string gateway_path_problem(const std::string& value) {
  if (value.empty() || value[0] != '/') return "must start with \"/\"";
  if (value.size() > 1024) return "is longer than 1024 characters";
  for (const char* bad : {"//", "/./", "/../", "%2f", "%2F", "#"}) {
    if (value.find(bad) != std::string::npos) return fmt::format("must not contain \"{}\"", bad);
  }
  auto ends = [&](const char* s) {
    std::string t(s);
    return value.size() >= t.size() && value.compare(value.size() - t.size(), t.size(), t) == 0;
  };
  if (ends("/..") || ends("/.")) return "must not end with \"/.\" or \"/..\"";
  static const RE2 allowed("^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$");
  if (!RE2::FullMatch(value, allowed)) return "contains characters a URL path may not hold unescaped";
  return "";
}

std::optional<PathMatchIR> convert_path(const IngressPath& p, const std::string& host,
                                        const PathContext& ctx, Findings& findings) {
  if (!p.type_given) {
    findings.info(p.location,
                  fmt::format("path \"{}\" has no pathType; read as ImplementationSpecific{}",
                              p.path,
                              ctx.controller == "ingress-nginx" ? ", which ingress-nginx serves as Prefix" : ""),
                  "missing-path-type");
  }
  auto m = ctx.controller == "ingress-nginx" ? nginx_match(p, host, ctx, findings)
                                             : other_match(p, host, ctx, findings);
  if (!m || m->type == "RegularExpression") return m;
  if (std::string why = gateway_path_problem(m->value); !why.empty()) {
    findings.error(p.path_location,
                   fmt::format("path \"{}\" cannot be a Gateway API {} match: it {}; path not "
                               "converted",
                               m->value, m->type, why),
                   "invalid-gateway-path");
    return std::nullopt;
  }
  return m;
}

}  // namespace im
