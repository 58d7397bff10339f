// `ingress-migrate convert`: flags to a ConvertRequest, then print.

#include <ostream>
#include <sstream>

#include "commands.h"
#include "conversion_options.h"
#include "convert_ci_modes.h"
#include "driver/convert_job.h"
#include "emit/objects.h"
#include "emit/output_files.h"
#include "emit/write_output_files.h"
#include "exit_code.h"
#include "report/compat_report.h"
#include "report/summary.h"
#include "report/target_findings.h"
#include "util/atomic_write.h"
#include "util/text.h"
#include "verify/verify.h"

namespace im::cli {

namespace {

struct ConvertFlags {
  ConversionFlags conv;
  std::string format = "yaml";
  std::string output_dir;
  std::string split = "namespace";
  bool force = false;
  std::string report_file;
  std::string target_controller;
  bool allow_snippets = false;
  bool check = false;
  bool in_place_stream = false;
  std::string findings_format = "text";
  std::string findings_file;
  bool verify = false;
};

/// Combinations CLI11 cannot express; false after saying why on stderr.
bool check_mode_flags(const ConvertFlags& f, Context& ctx) {
  const char* bad = nullptr;
  if (f.check && f.output_dir.empty()) bad = "--check needs --output-dir";
  if (f.check && !f.report_file.empty()) bad = "--check writes nothing; drop --report";
  if (f.in_place_stream && !f.output_dir.empty()) bad = "--in-place-stream writes to standard output; drop --output-dir";
  if (f.in_place_stream && f.format != "yaml") bad = "--in-place-stream writes YAML; drop -o json";
  if (bad) ctx.io.err << ctx.program << ": " << bad << "\n";
  return bad == nullptr;
}

std::vector<OutputFile> planned_files(const ConvertFlags& f, const ConversionOutput& output) {
  OutputFilePlanner planner(f.format == "json" ? OutputFormat::Json : OutputFormat::Yaml,
                            f.split == "object" ? SplitMode::Object : SplitMode::Namespace);
  for_each_object(output, [&](const nlohmann::ordered_json& obj) { planner.add(obj); });
  return planner.files();
}

int write_output_dir(const ConvertFlags& f, const ConversionOutput& output, Context& ctx) {
  const std::vector<OutputFile> files = planned_files(f, output);
  auto errors = write_output_files(f.output_dir, files, f.force);
  // Files of an earlier run that this output no longer has would make
  // `--check` fail forever; --force makes the directory this output.
  if (f.force && errors.empty()) {
    for (const auto& removed : remove_stale_outputs(f.output_dir, files, errors)) {
      ctx.io.err << removed << ": info: removed: not part of this output (--force)\n";
    }
  }
  for (const auto& e : errors) ctx.io.err << e << "\n";
  return errors.empty() ? kExitOk : kExitUsageOrInput;
}

// The report counts what the conversion lost, so that no implementation is
// called ready while convert reports errors (as `report` does).
int write_report_file(const ConvertFlags& f, const ConvertOutcome& outcome, const Findings& findings,
                      Context& ctx) {
  Findings sorted = findings;
  sorted.sort_and_dedupe();
  const ConversionLoss loss = conversion_loss(sorted, outcome.conversion.stats.ingresses,
                                              outcome.conversion.stats.converted_ingresses);
  auto ends = [&](const char* ext) {
    std::string e(ext);
    return f.report_file.size() >= e.size() &&
           f.report_file.compare(f.report_file.size() - e.size(), e.size(), e) == 0;
  };
  ReportFormat format = ends(".json") ? ReportFormat::Json : ends(".md") ? ReportFormat::Markdown
                                                                         : ReportFormat::Text;
  std::string error;
  switch (write_file_atomically(f.report_file, render_report(build_compat_report(outcome.conversion.output, {}, loss), format),
                                f.force, error)) {
    case WriteResult::Written:
    case WriteResult::Unchanged:
      return kExitOk;
    case WriteResult::Exists:
      ctx.io.err << f.report_file << ": error: file exists with other content; not overwritten (use --force)\n";
      return kExitUsageOrInput;
    case WriteResult::Error:
      ctx.io.err << f.report_file << ": error: " << error << "\n";
      return kExitUsageOrInput;
  }
  return kExitUsageOrInput;
}

int run_convert_command(ConvertFlags& f, Context& ctx) {
  if (!check_mode_flags(f, ctx)) return kExitUsageOrInput;
  if (refuses_input_as_output(f.conv.inputs, {{"--findings-file", f.findings_file}, {"--report", f.report_file}},
                              ctx)) {
    return kExitUsageOrInput;
  }
  // Where each object is: --in-place-stream replaces objects by position,
  // and the findings formats other than text name the object a finding is
  // in. Text findings need none of it, so a large input is not indexed.
  ObjectIndex index;
  if (f.in_place_stream || f.findings_format != "text") {
    f.conv.request.on_document = [&index](const Document& doc, Findings&) { index.add(doc); };
    f.conv.request.on_document_needs = ObserverNeeds::Whole;
  }
  // --in-place-stream copies documents byte for byte, so it reads the raw
  // inputs first; the conversion then reads standard input from `replay`.
  std::istringstream replay;
  std::vector<StreamText> streams;
  if (f.in_place_stream) streams = read_streams(f.conv.inputs, ctx, replay);
  Io run_io{f.in_place_stream ? replay : ctx.io.in, ctx.io.out, ctx.io.err, ctx.io.err_is_tty,
            ctx.io.out_is_tty};
  Context run_ctx{run_io, ctx.program, ctx.manners};

  Findings findings;
  int exit_code = kExitOk;
  if (f.allow_snippets && f.target_controller.empty()) {
    ctx.io.err << ctx.program << ": --allow-snippets needs --target-controller\n";
    return kExitUsageOrInput;
  }
  f.conv.request.target = f.target_controller;
  f.conv.request.target_options.allow_snippets = f.allow_snippets;
  // The progress line lasts until the objects are written.
  ProgressLine progress(ctx.io, ctx.manners, ctx.program);
  // Printed to standard output: rendered while checked, printed after.
  const bool to_stdout = f.output_dir.empty() && !f.in_place_stream && !f.check;
  if (to_stdout) {
    f.conv.request.render_as = f.format == "json" ? OutputFormat::Json : OutputFormat::Yaml;
    f.conv.request.on_object_rendered = [&progress] { progress.object_written(); };
  }
  auto converted = run_conversion(f.conv, run_ctx, findings, exit_code, &progress);
  if (!converted) return exit_code;
  ConvertOutcome& outcome = *converted;
  // The line goes on only while objects stream to standard output; every
  // other step may print to standard error itself.
  const bool streaming = f.output_dir.empty() && !f.in_place_stream && !f.check && f.report_file.empty() &&
                         f.target_controller.empty() && !ctx.io.out_is_tty;
  if (!streaming) progress.finish();
  std::vector<const ControllerSupport*> target;
  if (!f.target_controller.empty()) {
    if (!resolve_controllers({f.target_controller}, ctx, target)) return kExitUsageOrInput;
    add_target_findings(build_compat_report(outcome.conversion.output, target), findings);
  }

  if (f.verify) {
    // Verify what is about to be printed: the findings point at the
    // Ingress paths whose requests now go elsewhere.
    verify::VerifyOptions options;
    options.annotation_prefix = f.conv.request.options.nginx_annotations_prefix;
    options.default_class = f.conv.request.options.default_class;
    options.nginx_config = outcome.nginx_config;
    Findings conversion_findings = findings;  // verify's own are added below
    options.conversion_findings = &conversion_findings;
    options.gateway_dialect = gateway_dialect_of(f.target_controller);
    verify::add_verify_findings(verify::run_verify(outcome.load.inventory, outcome.conversion.output, options),
                                findings);
    findings.sort_and_dedupe();
  }

  int status = kExitOk;
  bool drift = false;
  if (!f.report_file.empty()) status = write_report_file(f, outcome, findings, ctx);
  if (f.in_place_stream) {
    ctx.io.out << rewrite_streams(streams, index.sorted(), outcome.conversion.output, findings);
    findings.sort_and_dedupe();
  } else if (f.check) {
    int check_status = check_output_dir(f.output_dir, planned_files(f, outcome.conversion.output), ctx);
    drift = check_status == kExitFindings;
    if (check_status == kExitUsageOrInput) status = check_status;
  } else if (to_stdout) {
    const std::string error = outcome.printed->copy_to(ctx.io.out);
    if (!error.empty()) {
      ctx.io.err << ctx.program << ": " << error << "\n";
      status = kExitUsageOrInput;
    }
  } else {
    int dir_status = write_output_dir(f, outcome.conversion.output, ctx);
    if (dir_status != kExitOk) status = dir_status;
  }

  progress.finish();
  // The summary counts what was converted; if standard output did not take
  // it all, say so instead and claim nothing.
  const bool printed = !(f.in_place_stream || (f.output_dir.empty() && !f.check)) ||
                       output_written(ctx.io, ctx.program);
  if (!printed) status = kExitUsageOrInput;

  auto shown = [&ctx](const Finding& finding) {
    return !ctx.manners.quiet || finding.severity == Severity::Error;
  };
  std::string rendered;
  if (f.findings_format == "text") {
    // Formatted straight from the findings: a copy of them all would be
    // held beside the conversion on a large input.
    const bool color = use_color(ctx.manners, f.findings_file.empty() && ctx.io.err_is_tty);
    for (const auto& finding : findings.items()) {
      if (shown(finding)) rendered += format_finding(finding, color) + "\n";
    }
    if (!ctx.manners.quiet && printed) {
      rendered += conversion_summary(outcome.load.inventory, outcome.conversion.output, findings) + "\n";
    }
  } else {
    FindingsReport report;
    report.command = "convert";
    report.objects = index.take_sorted();
    for (const auto& finding : findings.items()) {
      if (shown(finding)) report.findings.push_back(finding);
    }
    rendered = render_findings(*parse_findings_format(f.findings_format), report);
  }
  if (!write_findings(rendered, f.findings_file, f.force, ctx)) status = kExitUsageOrInput;
  if (status != kExitOk || outcome.load.input_failed) return kExitUsageOrInput;
  return findings.has_errors() || drift ? kExitFindings : kExitOk;
}

}  // namespace

Handler setup_convert(CLI::App& sub, Context& ctx) {
  auto f = std::make_shared<ConvertFlags>();
  add_conversion_options(sub, f->conv);
  sub.add_option("-o,--output", f->format, "Output format")
      ->check(CLI::IsMember({"yaml", "json"}))
      ->type_name("yaml|json")
      ->capture_default_str();
  sub.add_option("--output-dir", f->output_dir, "Write files into DIR instead of stdout")
      ->type_name("DIR")
      ->check(non_empty());
  sub.add_option("--split", f->split, "With --output-dir: one file per namespace or per object")
      ->check(CLI::IsMember({"namespace", "object"}))
      ->type_name("BY")
      ->capture_default_str();
  sub.add_flag("--force", f->force,
               "Overwrite existing files (--output-dir, --report, --findings-file) and remove stale ones "
               "from --output-dir");
  sub.add_option("--report", f->report_file,
                 "Also write the compatibility report to FILE (.json, .md, else text)")
      ->type_name("FILE")
      ->check(non_empty());
  sub.add_option("--target-controller", f->target_controller,
                 "Gateway implementation the output must run on: its unsupported features are errors, and its own "
                 "objects carry what standard Gateway API cannot (aws-load-balancer-controller, envoy-gateway, gke, istio, kgateway, nginx-gateway-fabric, traefik)")
      ->type_name("NAME")
      ->check(non_empty());
  sub.add_flag("--allow-snippets", f->allow_snippets,
               "With --target-controller nginx-gateway-fabric: write snippet annotations as SnippetsFilters "
               "(raw nginx; a security risk, see CVE-2025-1974)");
  sub.add_flag("--check", f->check,
               "With --output-dir: write nothing; print a unified diff and exit 1 when DIR differs "
               "from the output");
  sub.add_flag("--in-place-stream", f->in_place_stream,
               "Write the input stream back with each Ingress replaced by its Gateway API objects and "
               "every other document unchanged");
  sub.add_option("--findings-format", f->findings_format, "Format of the findings (stdout holds the objects)")
      ->check(CLI::IsMember(findings_format_names()))
      ->type_name(join(findings_format_names(), "|"))
      ->capture_default_str();
  sub.add_option("--findings-file", f->findings_file, "Write the findings to FILE instead of standard error")
      ->type_name("FILE")
      ->check(non_empty());
  sub.add_flag("--verify", f->verify,
               "Also run `verify`: an error finding for each request the output routes differently");
  return [f, &ctx] { return run_convert_command(*f, ctx); };
}

}  // namespace im::cli
