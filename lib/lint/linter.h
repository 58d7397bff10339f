#pragma once
// `lint` over a finished conversion: the conversion's findings are lint
// findings too; lint adds its own checks and drops suppressed findings.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "driver/convert_job.h"
#include "lint/object_index.h"
#include "lint/tables.h"

namespace im {

struct LintOptions {
  KubeVersion target;            ///< --target-version
  /// The version the cluster runs (lint --from-cluster): only what the
  /// upgrade from it to `target` removes is reported as removed.
  std::optional<KubeVersion> current;
  std::set<std::string> ignore;  ///< --ignore ids (already checked to exist)
  std::string default_class;     ///< --default-class, to tell which Ingresses ingress-nginx serves
};

/// The conversion's findings plus lint's own, without the suppressed ones,
/// sorted. `objects` are every object of the input (ObjectIndex fed from
/// ConvertRequest::on_document during the conversion).
/// The conversion's findings are moved in, not copied: lint runs over
/// millions of documents.
Findings lint(const ConvertOutcome& converted, const std::vector<ObjectSpan>& objects,
              const LintOptions& options, Findings conversion_findings);

/// `findings` without those named by `ignore` or by the ingress-migrate.io/ignore
/// annotation of the object they point into.
Findings without_suppressed(Findings findings, const std::vector<ObjectSpan>& objects,
                            const std::set<std::string>& ignore);

}  // namespace im
