// `ingress-migrate report`: convert, then say for each Gateway API
// implementation whether it can run the result.

#include <ostream>

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

int run_report_command(ReportFlags& f, Context& ctx) {
  std::vector<const ControllerSupport*> chosen;
  if (!resolve_controllers(f.controllers, ctx, chosen)) return kExitUsageOrInput;
  // One implementation with an output profile: the conversion is the one
  // `convert --target-controller` makes for it, so what its own policies
  // carry is not counted as lost (one story with convert).
  if (chosen.size() == 1 && f.conv.request.target.empty() && find_target_profile(chosen[0]->name))
    f.conv.request.target = chosen[0]->name;
  Findings findings;
  int exit_code = kExitOk;
  auto converted = run_conversion(f.conv, ctx, findings, exit_code);
  if (!converted) return exit_code;
  const ConvertOutcome& outcome = *converted;
  ReportFormat format = f.format == "json"       ? ReportFormat::Json
                        : f.format == "markdown" ? ReportFormat::Markdown
                                                 : ReportFormat::Text;
  bool color = format == ReportFormat::Text && ctx.io.out_is_tty && !std::getenv("NO_COLOR");
  Findings sorted = findings;
  sorted.sort_and_dedupe();
  ConversionLoss loss = conversion_loss(sorted, outcome.conversion.stats.ingresses,
                                        outcome.conversion.stats.converted_ingresses);
  ctx.io.out << render_report(build_compat_report(outcome.conversion.output, chosen, loss), format, color);
  // Conversion findings are not repeated here (convert shows them; the
  // report counts its errors and points at the first); only input that
  // could not be read changes the exit status.
  for (const auto& finding : findings.items()) {
    if (finding.severity == Severity::Error && is_input_failure(finding)) {
      ctx.io.err << format_finding(finding) << "\n";
    }
  }
  return outcome.load.input_failed ? kExitUsageOrInput : kExitOk;
}

}  // namespace

Handler setup_report(CLI::App& sub, Context& ctx) {
  auto f = std::make_shared<ReportFlags>();
  add_conversion_options(sub, f->conv);
  sub.add_option("--format", f->format, "Report format")
      ->check(CLI::IsMember({"text", "markdown", "json"}))
      ->type_name("text|markdown|json")
      ->capture_default_str();
  sub.add_option("--controller", f->controllers, "Only this Gateway API implementation; repeatable")
      ->type_name("NAME");
  return [f, &ctx] { return run_report_command(*f, ctx); };
}

}  // namespace im::cli
