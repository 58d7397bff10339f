// Snippet annotations paste raw proxy configuration into the controller's
// config: ingress-nginx's *-snippet keys, F5 NGINX's nginx.org/*-snippets,
// HAProxy's *-config-snippet. The ingress-nginx retirement announcement
// (kubernetes.io/blog/2025/11/11/ingress-nginx-retirement/) names them as
// the security debt behind the retirement, and ingress-nginx disables them
// by default since v1.9 (allow-snippet-annotations: false). So lint flags
// every one as a security error, whatever the converter says about it.

#include <fmt/format.h>

#include "lint/checks.h"
#include "util/text.h"

namespace im {

namespace {

bool is_snippet_key(const std::string& key) {
  std::string name = key.substr(key.find('/') == std::string::npos ? 0 : key.find('/') + 1);
  return ends_with(name, "-snippet") || ends_with(name, "-snippets") || name == "snippet";
}

}  // namespace

void check_snippets(const LintContext& ctx, Findings& findings) {
  for (const Ingress& ing : ctx.inventory.ingresses) {
    for (const Annotation& a : ing.annotations) {
      if (!is_snippet_key(a.key)) continue;
      findings.error(a.location,
                     fmt::format("{} injects raw proxy configuration: a security risk (it runs with "
                                 "the controller's privileges) with no Gateway API equivalent",
                                 a.key),
                     "snippet-annotation");
    }
  }
}

}  // namespace im
