// `ingress-migrate convert`: flags to a ConvertRequest, then print.

#include <algorithm>
#include <filesystem>
#include <ostream>

#include <fmt/format.h>

#include "commands.h"
#include "conversion_options.h"
#include "driver/convert_job.h"
#include "emit/object_writer.h"
#include "emit/objects.h"
#include "emit/output_files.h"
#include "exit_code.h"
#include "report/compat_report.h"
#include "report/summary.h"
#include "util/atomic_write.h"

namespace im::cli {

namespace {

struct ConvertFlags {
  ConversionFlags conv;
  std::string format = "yaml";
  std::string output_dir;
  std::string split = "namespace";
  bool force = false;
  bool quiet = false;
  std::string report_file;
  std::string target_controller;
};

int write_output_dir(const ConvertFlags& f, const ConversionOutput& output, Context& ctx) {
  namespace fs = std::filesystem;
  std::string error;
  fs::path dir(f.output_dir);
  if (!ensure_directory(dir, error)) {
    ctx.io.err << f.output_dir << ": error: " << error << "\n";
    return kExitUsageOrInput;
  }
  OutputFilePlanner planner(f.format == "json" ? OutputFormat::Json : OutputFormat::Yaml,
                            f.split == "object" ? SplitMode::Object : SplitMode::Namespace);
  for_each_object(output, [&](const nlohmann::ordered_json& obj) { planner.add(obj); });
  auto files = planner.files();
  int status = kExitOk;
  for (const auto& file : files) {
    fs::path path = dir / file.path;
    if (!is_inside(dir, path)) {
      ctx.io.err << path.string() << ": error: would be written outside " << f.output_dir
                 << " through a symbolic link; not written\n";
      status = kExitUsageOrInput;
      continue;
    }
    if (!ensure_directory(path.parent_path(), error)) {
      ctx.io.err << path.parent_path().string() << ": error: " << error << "\n";
      status = kExitUsageOrInput;
      continue;
    }
    switch (write_file_atomically(path, file.content, f.force, error)) {
      case WriteResult::Written:
      case WriteResult::Unchanged:
        break;
      case WriteResult::Exists:
        ctx.io.err << path.string()
                   << ": error: file exists with other content; not overwritten (use --force)\n";
        status = kExitUsageOrInput;
        break;
      case WriteResult::Error:
        ctx.io.err << path.string() << ": error: " << error << "\n";
        status = kExitUsageOrInput;
        break;
    }
  }
  return status;
}

/// --target-controller: a feature the implementation does not support is an
/// error (CI can gate on it); one its report does not cover is a warning.
void add_target_findings(const CompatReport& report, Findings& findings) {
  for (const auto& c : report.controllers) {
    for (const auto& gap : c.gaps) {
      bool sourced = std::any_of(gap.objects->begin(), gap.objects->end(),
                                 [](const ObjectRef& o) { return !o.source_ingress.empty(); });
      for (const auto& obj : *gap.objects) {
        // A Gateway serves many Ingresses; report it only when no route
        // carries the same feature back to its Ingress.
        Location where = obj.source;
        if (obj.source_ingress.empty()) {
          if (sourced) continue;
          where.origin = std::make_shared<const std::string>(
              fmt::format("{} {}{}", obj.kind, obj.ns.empty() ? "" : obj.ns + "/", obj.name));
        }
        std::string what = fmt::format("{} {}{} uses {}", obj.kind, obj.ns.empty() ? "" : obj.ns + "/",
                                       obj.name, gap.feature);
        std::string by = fmt::format("{} {} (conformance report for Gateway API {})", c.controller->name,
                                     c.controller->version, c.controller->gateway_api_version);
        if (gap.support == Support::Unsupported) {
          findings.error(where, fmt::format("{}, which {} does not support", what, by),
                         "unsupported-feature");
        } else {
          findings.warning(where,
                           fmt::format("{}, which {} {}", what, by,
                                       gap.support == Support::Partial ? "passes only partly"
                                                                       : "does not report on"),
                           "unverified-feature");
        }
      }
    }
  }
  findings.sort_and_dedupe();
}

int write_report_file(const ConvertFlags& f, const ConversionOutput& output, Context& ctx) {
  auto ends = [&](const char* ext) {
    std::string e(ext);
    return f.report_file.size() >= e.size() &&
           f.report_file.compare(f.report_file.size() - e.size(), e.size(), e) == 0;
  };
  ReportFormat format = ends(".json") ? ReportFormat::Json : ends(".md") ? ReportFormat::Markdown
                                                                         : ReportFormat::Text;
  std::string error;
  switch (write_file_atomically(f.report_file, render_report(build_compat_report(output, {}), format),
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
  Findings findings;
  int exit_code = kExitOk;
  auto converted = run_conversion(f.conv, ctx, findings, exit_code);
  if (!converted) return exit_code;
  ConvertOutcome& outcome = *converted;
  std::vector<const ControllerSupport*> target;
  if (!f.target_controller.empty()) {
    if (!resolve_controllers({f.target_controller}, ctx, target)) return kExitUsageOrInput;
    add_target_findings(build_compat_report(outcome.conversion.output, target), findings);
  }

  int status = kExitOk;
  if (!f.report_file.empty()) status = write_report_file(f, outcome.conversion.output, ctx);
  if (f.output_dir.empty()) {
    auto writer = make_object_writer(f.format == "json" ? OutputFormat::Json : OutputFormat::Yaml,
                                     ctx.io.out);
    write_all(outcome.conversion.output, *writer);
    writer->finish();
  } else {
    int dir_status = write_output_dir(f, outcome.conversion.output, ctx);
    if (dir_status != kExitOk) status = dir_status;
  }

  for (const auto& finding : findings.items()) {
    if (f.quiet && finding.severity != Severity::Error) continue;
    ctx.io.err << format_finding(finding) << "\n";
  }
  if (!f.quiet) {
    ctx.io.err << conversion_summary(outcome.load.inventory, outcome.conversion.output, findings) << "\n";
  }
  if (status != kExitOk || outcome.load.input_failed) return kExitUsageOrInput;
  return findings.has_errors() ? kExitFindings : kExitOk;
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
      ->type_name("DIR");
  sub.add_option("--split", f->split, "With --output-dir: one file per namespace or per object")
      ->check(CLI::IsMember({"namespace", "object"}))
      ->type_name("namespace|object")
      ->capture_default_str();
  sub.add_flag("--force", f->force, "Overwrite existing files in --output-dir");
  sub.add_flag("-q,--quiet", f->quiet, "Print only error findings, no summary");
  sub.add_option("--report", f->report_file,
                 "Also write the compatibility report to FILE (.json, .md, else text)")
      ->type_name("FILE");
  sub.add_option("--target-controller", f->target_controller,
                 "Gateway implementation the output must run on: its unsupported features are errors")
      ->type_name("NAME");
  return [f, &ctx] { return run_convert_command(*f, ctx); };
}

}  // namespace im::cli
