// `ingress-migrate lint`: the conversion's findings plus lint's own checks,
// rendered in one of the CI formats on standard output.

#include <ostream>

#include <fmt/format.h>

#include "cluster/server_version.h"
#include "commands.h"
#include "conversion_options.h"
#include "exit_code.h"
#include "findings_render/render.h"
#include "lint/linter.h"
#include "util/did_you_mean.h"
#include "util/text.h"

namespace im::cli {

namespace {

struct LintFlags {
  ConversionFlags conv;
  std::string target_version;
  std::string fail_on = "error";
  std::vector<std::string> ignore;
  std::string format = "text";
};

Severity severity_named(const std::string& name) {
  return name == "info" ? Severity::Info : name == "warning" ? Severity::Warning : Severity::Error;
}

/// Checks --target-version and --ignore; false after saying why on stderr.
bool lint_options(const LintFlags& f, Context& ctx, LintOptions& out) {
  out.target = newest_known_version();
  if (!f.target_version.empty()) {
    auto v = parse_kube_version(f.target_version);
    if (!v) {
      ctx.io.err << ctx.program << ": --target-version expects a Kubernetes release such as 1.30, got \""
                 << f.target_version << "\"\n";
      return false;
    }
    out.target = *v;
  }
  for (const auto& id : f.ignore) {
    if (describe_rule(id)) {
      out.ignore.insert(id);
      continue;
    }
    std::string best = did_you_mean(id, known_rule_ids());
    ctx.io.err << ctx.program << ": --ignore: unknown rule id \"" << id << "\""
               << (best.empty() ? "" : " (did you mean \"" + best + "\"?)")
               << "; see `ingress-migrate rules list` and the lint rules in the README\n";
    return false;
  }
  return true;
}

/// lint --from-cluster: the upgrade window starts at the version the cluster
/// runs; false (after saying why) when kubectl cannot tell it or the target
/// is older.
bool cluster_window(const LintFlags& f, const ClusterQuery& query, Context& ctx, LintOptions& options) {
  try {
    ServerVersion server = read_server_version(query);
    options.current = KubeVersion{server.major, server.minor};
  } catch (const ClusterError& e) {
    ctx.io.err << ctx.program << ": cannot read the cluster's version: " << e.what() << "\n";
    return false;
  }
  if (!f.target_version.empty() && !(*options.current <= options.target)) {
    ctx.io.err << ctx.program << ": --target-version " << options.target.str()
               << " is older than the cluster's Kubernetes " << options.current->str() << "\n";
    return false;
  }
  if (options.target <= *options.current) options.target = *options.current;
  return true;
}

int run_lint_command(LintFlags& f, Context& ctx) {
  LintOptions options;
  if (!lint_options(f, ctx, options)) return kExitUsageOrInput;
  options.default_class = f.conv.request.options.default_class;
  ObjectIndex index;
  f.conv.request.on_document = [&index](const Document& doc, Findings&) { index.add(doc); };
  f.conv.request.on_document_needs = ObserverNeeds::Whole;
  Findings conversion_findings;
  int exit_code = kExitOk;
  auto converted = run_conversion(f.conv, ctx, conversion_findings, exit_code);
  if (!converted) return exit_code;
  if (f.conv.request.cluster && !cluster_window(f, *f.conv.request.cluster, ctx, options)) {
    return kExitUsageOrInput;
  }

  FindingsReport report;
  report.command = "lint";
  report.objects = index.take_sorted();
  report.fail_on = severity_named(f.fail_on);
  report.findings =
      lint(*converted, report.objects, options, std::move(conversion_findings)).take_items();
  report.color = use_color(ctx.manners, ctx.io.out_is_tty);
  if (ctx.manners.quiet) {
    // -q: only what fails the run, without the count line.
    report.summary = false;
    std::vector<Finding> failing;
    for (Finding& finding : report.findings) {
      if (at_or_above(finding.severity, report.fail_on)) failing.push_back(std::move(finding));
    }
    report.findings = std::move(failing);
  }
  write_findings(ctx.io.out, *parse_findings_format(f.format), report);

  if (converted->load.input_failed) return kExitUsageOrInput;
  for (const Finding& finding : report.findings) {
    if (at_or_above(finding.severity, report.fail_on)) return kExitFindings;
  }
  return kExitOk;
}

}  // namespace

Handler setup_lint(CLI::App& sub, Context& ctx) {
  auto f = std::make_shared<LintFlags>();
  add_conversion_options(sub, f->conv);
  sub.add_option("--target-version", f->target_version,
                 fmt::format("Kubernetes release to check for removed apiVersions (default {})",
                             newest_known_version().str()))
      ->type_name("1.N");
  sub.add_option("--fail-on", f->fail_on, "Exit 1 when a finding is at least this severe")
      ->check(CLI::IsMember({"error", "warning", "info"}))
      ->type_name("error|warning|info")
      ->capture_default_str();
  sub.add_option("--ignore", f->ignore,
                 "Do not report RULE-ID; repeatable. On one object: annotation "
                 "ingress-migrate.io/ignore: \"ID,ID\"")
      ->type_name("RULE-ID");
  sub.add_option("-o,--output,--format", f->format, "Findings format on standard output")
      ->check(CLI::IsMember(findings_format_names()))
      ->type_name(join(findings_format_names(), "|"))
      ->capture_default_str();
  return [f, &ctx] { return run_lint_command(*f, ctx); };
}

}  // namespace im::cli
