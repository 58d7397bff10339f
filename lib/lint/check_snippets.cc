// Snippet annotations paste raw proxy configuration into the controller's
// config: ingress-nginx's *-snippet keys, F5 NGINX's nginx.org/*-snippets,
// HAProxy's *-config-snippet. The ingress-nginx retirement announcement
// (kubernetes.io/blog/2025/11/11/ingress-nginx-retirement/) names them as
// the security debt behind the retirement, and ingress-nginx disables them
// by default since v1.9 (allow-snippet-annotations: false). So lint flags
// every one as a security error. One finding per fact: where the
// conversion already gave the annotation its verdict as an error at the
// same place (the catalog's not-converted entry, which names the CVEs), that
// finding is the one reported; this check covers only the snippet keys the
// catalog does not know.

#include <fmt/format.h>

#include "lint/checks.h"
#include "util/text.h"

namespace im {

namespace {

bool is_snippet_key(const std::string& key) {
  std::string name = key.substr(key.find('/') == std::string::npos ? 0 : key.find('/') + 1);
  return ends_with(name, "-snippet") || ends_with(name, "-snippets") || name == "snippet";
}

/// True when the conversion already reported an error at `at`: the
/// annotation's own not-converted verdict.
bool has_error_at(const Findings& findings, const Location& at) {
  for (const Finding& f : findings.items()) {
    if (f.severity == Severity::Error && !(f.location < at) && !(at < f.location)) return true;
  }
  return false;
}

}  // namespace

void check_snippets(const LintContext& ctx, Findings& findings) {
  for (const Ingress& ing : ctx.inventory.ingresses) {
    for (const Annotation& a : ing.annotations) {
      if (!is_snippet_key(a.key) || has_error_at(findings, a.location)) continue;
      findings.error(a.location,
                     fmt::format("{} injects raw proxy configuration: a security risk (it runs with "
                                 "the controller's privileges) with no Gateway API equivalent",
                                 a.key),
                     "snippet-annotation");
    }
  }
}

}  // namespace im
