#pragma once
// haproxy.org/path-rewrite (haproxytech/kubernetes-ingress
// pkg/annotations/ingress/reqPathRewrite.go, pkg/haproxy/rules/
// reqPathRewrite.go): `http-request replace-path MATCH FMT`. One word is
// FMT with MATCH "(.*)". HAProxy searches MATCH in the path (unanchored,
// PCRE) and, when it is found, the whole path becomes FMT with \N
// back-references filled in; the query is kept.

#include "convert/route_template.h"
#include "diag/finding.h"
#include "rules/policy.h"

namespace im {

/// A fixed path becomes URLRewrite ReplaceFullPath. A regex rewrite becomes
/// FilterSet::rewrite_regex when the output profile writes those
/// (`regex_rewrites`), else an error at the annotation: the path then goes
/// upstream unchanged.
void read_haproxy_path_rewrite(const IngressPolicy& policy, bool regex_rewrites, RouteTemplate& t,
                               Findings& findings);

}  // namespace im
