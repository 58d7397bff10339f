// ingress-nginx writes a wildcard host `*.foo.com` as the regex server_name
// `~^(?<subdomain>[\w-]+)\.foo\.com$` (buildServerName in
// internal/ingress/controller/template/template.go): exactly ONE label
// stands for the `*`, so `a.b.foo.com` falls to the default server (the
// default backend, usually 404). A Gateway API hostname `*.foo.com` matches
// one or more labels (HTTPRoute spec.hostnames), so after conversion the
// deeper names reach this route's backends: a change in who serves them.

#include "convert/wildcard_hosts.h"

#include <set>

#include <fmt/format.h>

namespace im {

void check_wildcard_hosts(const Ingress& ing, Findings& findings) {
  std::set<std::string> warned;
  for (const auto& rule : ing.rules) {
    if (rule.host.rfind("*.", 0) != 0 || !warned.insert(rule.host).second) continue;
    const std::string parent = rule.host.substr(2);
    findings.warning(rule.location,
                     fmt::format("host {} matches exactly one label in ingress-nginx, but one or more "
                                 "in Gateway API: deeper names such as a.b.{} are now served by this "
                                 "Ingress's routes, where ingress-nginx answered them with its default "
                                 "backend (404); list the deeper hosts you do not want served on "
                                 "other routes or filter them in front of the Gateway",
                                 rule.host, parent),
                     "wildcard-host-depth");
  }
}

}  // namespace im
