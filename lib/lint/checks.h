#pragma once
// Lint's own checks, one file per family (check_<family>.cc). Everything
// the converter reports is reported too (linter.cc runs it); these add what
// matters before an upgrade but is no conversion problem.

#include <optional>
#include <vector>

#include "diag/finding.h"
#include "lint/object_index.h"
#include "lint/tables.h"
#include "model/inventory.h"

namespace im {

struct LintContext {
  const std::vector<ObjectSpan>& objects;  ///< every object of the input
  const Inventory& inventory;              ///< the objects the converter models
  KubeVersion target;                      ///< --target-version
  std::optional<KubeVersion> current;      ///< the cluster's version, if read from one
  std::string default_class;               ///< --default-class
};

/// apiVersions the target release no longer serves (error) or deprecates (warning).
void check_api_versions(const LintContext& ctx, Findings& findings);
/// Gateway API CRD versions a release deprecated, and experimental-only kinds.
void check_gateway_api_versions(const LintContext& ctx, Findings& findings);
/// Ingresses served by the retired ingress-nginx; the kubernetes.io/ingress.class annotation.
void check_ingress_nginx(const LintContext& ctx, Findings& findings);
/// Annotations that inject raw proxy configuration.
void check_snippets(const LintContext& ctx, Findings& findings);
/// spec.tls hosts that no rule of the same Ingress serves.
void check_tls_hosts(const LintContext& ctx, Findings& findings);
/// ingress-migrate.io/ignore values that name no known rule.
void check_ignore_annotations(const LintContext& ctx, Findings& findings);

}  // namespace im
