#include "plan/plan_files.h"

#include <algorithm>

#include "emit/objects.h"

namespace im {

namespace {

/// One YAML file per namespace under `dir`, as `convert --output-dir` lays them out.
void add_manifests(const ConversionOutput& objects, const std::string& dir, std::vector<OutputFile>& out) {
  OutputFilePlanner planner(OutputFormat::Yaml, SplitMode::Namespace);
  for_each_object(objects, [&](const nlohmann::ordered_json& obj) { planner.add(obj); });
  for (auto& f : planner.files()) out.push_back(OutputFile{dir + "/" + f.path, std::move(f.content)});
}

}  // namespace

std::vector<OutputFile> plan_files(const PlanDocsInput& in) {
  const CutoverPlan& plan = *in.plan;
  std::vector<OutputFile> out;
  add_manifests(plan.all, "00-observe", out);
  out.push_back({"00-observe/README.md", observe_readme(plan)});
  for (size_t i = 0; i < plan.groups.size(); ++i) {
    std::string dir = "01-coexist/" + plan.groups[i].dir;
    add_manifests(plan.groups[i].routes, dir, out);
    out.push_back({dir + "/README.md", group_readme(plan, i)});
  }
  if (!plan.blocked.empty()) {
    add_manifests(plan.blocked_routes, "blocked", out);
    out.push_back({"blocked/README.md", blocked_readme(plan)});
  }
  out.push_back({"02-converge/delete-ingresses.sh", delete_script(plan)});
  out.push_back({"02-converge/ROLLBACK.md", rollback_notes(plan)});
  out.push_back({"PLAN.md", plan_markdown(in)});
  std::sort(out.begin(), out.end(), [](const OutputFile& a, const OutputFile& b) { return a.path < b.path; });
  return out;
}

}  // namespace im
