// `ingress-migrate plan`: convert, then write a phased cutover (observe,
// coexist, converge) as files a team can review and apply.

#include <algorithm>
#include <filesystem>
#include <ostream>
#include <set>

#include "commands.h"
#include "conversion_options.h"
#include "emit/write_output_files.h"
#include "exit_code.h"
#include "plan/cutover_plan.h"
#include "cluster/kubectl.h"
#include "plan/plan_files.h"
#include "util/text.h"
#include "report/compat_report.h"
#include "report/summary.h"
#include "report/target_findings.h"
#include "util/did_you_mean.h"
#include "util/text.h"

namespace im::cli {

namespace {

struct PlanFlags {
  ConversionFlags conv;
  std::string output_dir;
  std::string group_by = "namespace";
  std::string target_controller;
  bool force = false;
};

/// A plan is a set of files that belong together: writing one into a
/// directory that holds something else (an older plan with other groups)
/// would mix them, so a non-empty directory needs --force.
bool output_dir_usable(const PlanFlags& f, Context& ctx) {
  std::error_code ec;
  std::filesystem::path dir(f.output_dir);
  if (!std::filesystem::exists(dir, ec) || f.force) return true;
  if (std::filesystem::is_directory(dir, ec) && std::filesystem::is_empty(dir, ec)) return true;
  ctx.io.err << f.output_dir
             << ": error: exists and is not an empty directory; not written (use --force to "
                "overwrite the plan in it)\n";
  return false;
}

/// With --force, files an earlier plan left behind would be applied with
/// this one (kubectl apply -f DIR/): name each of them.
void warn_stale_files(const std::string& dir, const std::vector<OutputFile>& files, Context& ctx) {
  namespace fs = std::filesystem;
  std::set<std::string> written;
  for (const auto& f : files) written.insert(f.path);
  std::vector<std::string> stale;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    std::string rel = it->path().lexically_relative(dir).generic_string();
    if (it->is_regular_file(ec) && !written.count(rel)) stale.push_back(rel);
  }
  std::sort(stale.begin(), stale.end());
  for (const auto& s : stale) {
    ctx.io.err << (fs::path(dir) / s).string()
               << ": warning: not part of this plan (left from an earlier one?); remove it before applying\n";
  }
}

int run_plan_command(PlanFlags& f, Context& ctx) {
  auto group_by = parse_group_by(f.group_by);
  if (!group_by) {
    std::string best = did_you_mean(f.group_by, group_by_names());
    ctx.io.err << ctx.program << ": unknown --group-by \"" << f.group_by << "\""
               << (best.empty() ? "" : " (did you mean \"" + best + "\"?)")
               << "; known: " << join(group_by_names(), ", ") << "\n";
    return kExitUsageOrInput;
  }
  std::vector<const ControllerSupport*> target;
  if (!f.target_controller.empty() && !resolve_controllers({f.target_controller}, ctx, target)) {
    return kExitUsageOrInput;
  }
  if (!output_dir_usable(f, ctx)) return kExitUsageOrInput;
  std::string context = f.conv.cluster.context;
  if (context.empty()) {
    // Recorded now: the scripts must act on the cluster the plan was made
    // for, not on whatever context is current when they run.
    try {
      context = trim(run_kubectl(f.conv.cluster, {"config", "current-context"}));
    } catch (const ClusterError& e) {
      ctx.io.err << ctx.program << ": no kubectl context to write into the plan's scripts ("
                 << e.what() << "); give --context NAME\n";
      return kExitUsageOrInput;
    }
    if (context.empty()) {
      ctx.io.err << ctx.program
                 << ": kubectl has no current context to write into the plan's scripts; give "
                    "--context NAME\n";
      return kExitUsageOrInput;
    }
  }

  Findings findings;
  int exit_code = kExitOk;
  auto converted = run_conversion(f.conv, ctx, findings, exit_code);
  if (!converted) return exit_code;
  const ConvertOutcome& outcome = *converted;
  if (!target.empty()) add_target_findings(build_compat_report(outcome.conversion.output, target), findings);

  // The catalog only tells partly converted annotations from dropped ones;
  // a --rules file that loaded for the conversion loads again here.
  Catalog catalog = Catalog::builtin();
  for (const auto& dir : f.conv.rules_dirs) catalog.load_directory(dir);
  PlanInput input{&outcome.load.inventory, &outcome.conversion.output, &findings, &catalog,
                  f.conv.request.options.default_class, *group_by,
                  f.conv.request.options.require_class};
  CutoverPlan plan = build_cutover_plan(input);
  plan.context = context;
  findings.append(plan.findings);
  findings.sort_and_dedupe();

  auto files = plan_files(PlanDocsInput{&plan, &outcome.load.inventory, &findings,
                                        target.empty() ? nullptr : target.front()});
  auto errors = write_output_files(f.output_dir, files, f.force);
  for (const auto& e : errors) ctx.io.err << e << "\n";
  if (f.force) warn_stale_files(f.output_dir, files, ctx);

  for (const auto& finding : findings.items()) {
    if (ctx.manners.quiet && finding.severity != Severity::Error) continue;
    ctx.io.err << format_finding(finding, use_color(ctx.manners, ctx.io.err_is_tty)) << "\n";
  }
  ctx.io.err << conversion_summary(outcome.load.inventory, outcome.conversion.output, findings) << "\n";
  ctx.io.err << "plan: " << count_noun(plan.groups.size(), "step", "steps") << ", "
             << count_noun(files.size(), "file", "files") << " in " << f.output_dir << "\n";
  if (!errors.empty() || outcome.load.input_failed) return kExitUsageOrInput;
  return findings.has_errors() ? kExitFindings : kExitOk;
}

}  // namespace

Handler setup_plan(CLI::App& sub, Context& ctx) {
  auto f = std::make_shared<PlanFlags>();
  f->conv.context_names_output = true;
  add_conversion_options(sub, f->conv);
  sub.add_option("--output-dir", f->output_dir, "Write the plan into DIR (new or empty unless --force)")
      ->required()
      ->type_name("DIR")
      ->check(non_empty());
  sub.add_option("--group-by", f->group_by, "Move the routes in groups of one namespace, host or ingress class")
      ->type_name("namespace|host|ingress-class")
      ->capture_default_str();
  sub.add_option("--target-controller", f->target_controller,
                 "Gateway implementation the plan is for: its verdict goes in PLAN.md, its "
                 "unsupported features are blocking errors")
      ->type_name("NAME")
      ->check(non_empty());
  sub.add_flag("--force", f->force, "Write into a non-empty DIR, overwriting the plan files in it");
  return [f, &ctx] { return run_plan_command(*f, ctx); };
}

}  // namespace im::cli
