#pragma once
// The plan as files: manifests for each phase, the README of each step,
// the converge script, the rollback notes and PLAN.md.

#include <set>
#include <string>
#include <vector>

#include "diag/finding.h"
#include "emit/output_files.h"
#include "model/inventory.h"
#include "plan/cutover_plan.h"
#include "report/controllers.h"

namespace im {

struct PlanDocsInput {
  const CutoverPlan* plan = nullptr;
  const Inventory* inventory = nullptr;
  const Findings* findings = nullptr;         ///< conversion, --target-controller and plan findings
  const ControllerSupport* target = nullptr;  ///< --target-controller; null when not given
};

/// Every file of the plan, relative to the output directory, sorted by path.
std::vector<OutputFile> plan_files(const PlanDocsInput& in);

/// The documents of the plan (plan_docs_*.cc).
std::string observe_readme(const CutoverPlan& plan);
std::string group_readme(const CutoverPlan& plan, size_t group);
std::string delete_script(const CutoverPlan& plan);
std::string rollback_notes(const CutoverPlan& plan);
std::string plan_markdown(const PlanDocsInput& in);
std::string blocked_readme(const CutoverPlan& plan);
/// PLAN.md's first section: the blocked Ingresses ("" when none).
std::string blocked_summary(const CutoverPlan& plan);

/// Markdown shared by the documents.
std::string checks_markdown(const CutoverPlan& plan, const ConversionOutput& routes,
                            const std::set<std::string>& hosts);
std::string ingress_item(const Ingress& ing);
std::string host_label(const std::string& host);
/// "kubectl --context NAME": how the plan's documents spell kubectl, so
/// that a command copied from them acts on the cluster the plan is for.
std::string kubectl_for(const CutoverPlan& plan);

}  // namespace im
