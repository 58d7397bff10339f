// `ingress-migrate report`: convert, then say for each Gateway API
// implementation whether it can run the result.

#include <optional>
#include <ostream>
#include <utility>

#include "commands.h"
#include "conversion_options.h"
#include "exit_code.h"
#include "report/compat_report.h"
#include "targets/profile.h"

namespace im::cli {

namespace {

struct ReportFlags {
  ConversionFlags conv;
  std::string format = "text";
  std::vector<std::string> controllers;
};

/// An implementation with an output profile is judged on the conversion
/// `convert --target-controller` makes for it: what its own objects carry is
/// not lost there, and what they replace is not used (one story with
/// convert). The inputs are read once; the profiles convert them again,
/// sharing one conversion where they would make the same.
/// `standard`, when given, is the standard conversion with its findings,
/// which the profiles that convert alike start from.
void add_profiled_verdicts(const ReportFlags& f, const ConvertOutcome& outcome,
                           const std::vector<const ControllerSupport*>& chosen, CompatReport& report,
                           std::optional<std::pair<ConversionResult, Findings>> standard) {
  std::vector<const ControllerSupport*> all = chosen;
  if (all.empty()) {
    for (const auto& c : known_controllers()) all.push_back(&c);
  }
  Catalog storage;
  const Catalog& catalog = catalog_for(f.conv.request.rules_dirs, storage);
  ConvertOptions options = f.conv.request.options;
  options.nginx_config = outcome.nginx_config;
  std::vector<const ControllerSupport*> profiled;
  std::vector<std::string> profiles;
  for (const ControllerSupport* c : all) {
    if (const TargetProfile* profile = find_target_profile(c->name)) {
      profiled.push_back(c);
      profiles.push_back(profile->name);
    }
  }
  // Each verdict replaces the controller's standard one in place, so the
  // order they come in does not matter.
  convert_for_targets(outcome.load.inventory, options, catalog, profiles, f.conv.request.target_options,
                      outcome.load_findings, [&](size_t i, ConversionResult& result, Findings& findings) {
                        findings.sort_and_dedupe();
                        add_profiled_verdict(report, profiled[i], profiles[i], result.output,
                                             conversion_loss(findings, result.stats.ingresses,
                                                             result.stats.converted_ingresses));
                      },
                      std::move(standard));
}

int run_report_command(ReportFlags& f, Context& ctx) {
  std::vector<const ControllerSupport*> chosen;
  if (!resolve_controllers(f.controllers, ctx, chosen)) return kExitUsageOrInput;
  Findings findings;
  int exit_code = kExitOk;
  auto converted = run_conversion(f.conv, ctx, findings, exit_code);
  if (!converted) return exit_code;
  const ConvertOutcome& outcome = *converted;
  ReportFormat format = f.format == "json"       ? ReportFormat::Json
                        : f.format == "markdown" ? ReportFormat::Markdown
                                                 : ReportFormat::Text;
  bool color = format == ReportFormat::Text && use_color(ctx.manners, ctx.io.out_is_tty);
  // run_convert leaves the findings sorted and without duplicates.
  ConversionLoss loss = conversion_loss(findings, outcome.conversion.stats.ingresses,
                                        outcome.conversion.stats.converted_ingresses);
  CompatReport report = build_compat_report(outcome.conversion.output, chosen, loss);
  // Conversion findings are not repeated here (convert shows them; the
  // report counts its errors and points at the first); only input that
  // could not be read changes the exit status, and is said after the report.
  std::vector<Finding> input_failures;
  for (const auto& finding : findings.items()) {
    if (finding.severity == Severity::Error && is_input_failure(finding)) input_failures.push_back(finding);
  }
  // The standard conversion is judged; the profiles that convert alike
  // start from it (with its findings, moved: a large input has one or more
  // per Ingress), unless setting aside an invalid existing Gateway changed
  // it after the conversion (convert_job.cc).
  std::optional<std::pair<ConversionResult, Findings>> standard;
  if (!outcome.changed_after_conversion) standard.emplace(std::move(converted->conversion), std::move(findings));
  converted->conversion = ConversionResult();
  add_profiled_verdicts(f, outcome, chosen, report, std::move(standard));
  ctx.io.out << render_report(report, format, color);
  for (const auto& finding : input_failures) {
    ctx.io.err << format_finding(finding, use_color(ctx.manners, ctx.io.err_is_tty)) << "\n";
  }
  return outcome.load.input_failed ? kExitUsageOrInput : kExitOk;
}

}  // namespace

Handler setup_report(CLI::App& sub, Context& ctx) {
  auto f = std::make_shared<ReportFlags>();
  add_conversion_options(sub, f->conv);
  sub.add_option("-o,--output,--format", f->format, "Report format")
      ->check(CLI::IsMember({"text", "markdown", "json"}))
      ->type_name("text|markdown|json")
      ->capture_default_str();
  sub.add_option("--controller", f->controllers, "Only this Gateway API implementation; repeatable")
      ->type_name("NAME");
  return [f, &ctx] { return run_report_command(*f, ctx); };
}

}  // namespace im::cli
