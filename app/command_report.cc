// `ingress-migrate report`: convert, then say for each Gateway API
// implementation whether it can run the result.

#include <algorithm>
#include <atomic>
#include <ostream>
#include <thread>

#include "commands.h"
#include "conversion_options.h"
#include "exit_code.h"
#include "report/compat_report.h"
#include "targets/profile.h"
#include "util/threads.h"

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
/// convert). The inputs are read once; each profile converts them again.
/// The conversions only read the inventory, so they run side by side on
/// worker threads; the verdicts are added in the order of `chosen`.
void add_profiled_verdicts(const ReportFlags& f, const ConvertOutcome& outcome,
                           const std::vector<const ControllerSupport*>& chosen, CompatReport& report) {
  std::vector<const ControllerSupport*> all = chosen;
  if (all.empty()) {
    for (const auto& c : known_controllers()) all.push_back(&c);
  }
  Catalog storage;
  const Catalog& catalog = catalog_for(f.conv.request.rules_dirs, storage);
  ConvertOptions options = f.conv.request.options;
  options.nginx_config = outcome.nginx_config;
  struct Profiled {
    const ControllerSupport* controller;
    const TargetProfile* profile;
    ConversionOutput output;
    ConversionLoss loss;
  };
  std::vector<Profiled> profiled;
  for (const ControllerSupport* c : all) {
    if (const TargetProfile* profile = find_target_profile(c->name)) profiled.push_back({c, profile, {}, {}});
  }
  auto convert_profile = [&](Profiled& p) {
    Findings findings = outcome.load_findings;
    ConversionResult result = convert_for_target(outcome.load.inventory, options, catalog, p.profile->name,
                                                 f.conv.request.target_options, findings);
    findings.sort_and_dedupe();
    p.loss = conversion_loss(findings, result.stats.ingresses, result.stats.converted_ingresses);
    p.output = std::move(result.output);
  };
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < profiled.size(); i = next++) convert_profile(profiled[i]);
  };
  std::vector<std::thread> workers;
  for (size_t t = 1; t < std::min(worker_threads(), profiled.size()); ++t) workers.emplace_back(work);
  work();
  for (auto& w : workers) w.join();
  for (const Profiled& p : profiled) add_profiled_verdict(report, p.controller, p.profile->name, p.output, p.loss);
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
  Findings sorted = findings;
  sorted.sort_and_dedupe();
  ConversionLoss loss = conversion_loss(sorted, outcome.conversion.stats.ingresses,
                                        outcome.conversion.stats.converted_ingresses);
  CompatReport report = build_compat_report(outcome.conversion.output, chosen, loss);
  // The standard objects are judged; their memory serves the profiles.
  converted->conversion.output = ConversionOutput();
  add_profiled_verdicts(f, outcome, chosen, report);
  ctx.io.out << render_report(report, format, color);
  // Conversion findings are not repeated here (convert shows them; the
  // report counts its errors and points at the first); only input that
  // could not be read changes the exit status.
  for (const auto& finding : findings.items()) {
    if (finding.severity == Severity::Error && is_input_failure(finding)) {
      ctx.io.err << format_finding(finding, use_color(ctx.manners, ctx.io.err_is_tty)) << "\n";
    }
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
