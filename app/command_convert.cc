// `ingress-migrate convert`: flags to a ConvertRequest, then print.

#include <filesystem>
#include <ostream>

#include <fmt/format.h>

#include "commands.h"
#include "driver/convert_job.h"
#include "emit/object_writer.h"
#include "emit/objects.h"
#include "emit/output_files.h"
#include "exit_code.h"
#include "report/summary.h"
#include "rules/catalog.h"
#include "util/atomic_write.h"

namespace im::cli {

namespace {

struct ConvertFlags {
  std::vector<std::string> inputs;
  std::string format = "yaml";
  std::string output_dir;
  std::string split = "namespace";
  bool force = false;
  bool quiet = false;
  std::vector<std::string> gateway_classes;
  std::string gateway;
  std::vector<std::string> rules_dirs;
  ConvertRequest request;
};

/// "FROM=TO" pairs; returns false (and says why) on a malformed one.
bool parse_class_map(const std::vector<std::string>& pairs, std::map<std::string, std::string>& out,
                     std::ostream& err, const std::string& program) {
  for (const auto& p : pairs) {
    auto eq = p.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == p.size()) {
      err << program << ": --gateway-class expects FROM=TO, got \"" << p << "\"\n";
      return false;
    }
    out[p.substr(0, eq)] = p.substr(eq + 1);
  }
  return true;
}

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

int run_convert_command(ConvertFlags& f, Context& ctx) {
  if (!parse_class_map(f.gateway_classes, f.request.options.gateway_classes, ctx.io.err, ctx.program)) {
    return kExitUsageOrInput;
  }
  if (!f.gateway.empty()) {
    auto slash = f.gateway.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == f.gateway.size()) {
      ctx.io.err << ctx.program << ": --gateway expects NAMESPACE/NAME, got \"" << f.gateway << "\"\n";
      return kExitUsageOrInput;
    }
    f.request.options.shared_gateway = GatewayRef{f.gateway.substr(0, slash), f.gateway.substr(slash + 1)};
  }
  f.request.inputs = f.inputs;
  f.request.rules_dirs = f.rules_dirs;

  Findings findings;
  ConvertOutcome outcome;
  try {
    outcome = run_convert(f.request, ctx.io.in, findings);
  } catch (const RuleLoadError& e) {
    ctx.io.err << e.what() << "\n";
    return kExitUsageOrInput;
  }
  if (!outcome.invalid_objects.empty()) {
    for (const auto& msg : outcome.invalid_objects) {
      ctx.io.err << "internal error: emitted object is not valid Gateway API: " << msg << "\n";
    }
    ctx.io.err << "nothing was written; please report this with the input that caused it\n";
    return kExitInternal;
  }

  int status = kExitOk;
  if (f.output_dir.empty()) {
    auto writer = make_object_writer(f.format == "json" ? OutputFormat::Json : OutputFormat::Yaml,
                                     ctx.io.out);
    for_each_object(outcome.conversion.output,
                    [&](const nlohmann::ordered_json& obj) { writer->write(obj); });
    writer->finish();
  } else {
    status = write_output_dir(f, outcome.conversion.output, ctx);
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
  sub.add_option("-f,--filename", f->inputs,
                 "Input file, directory (recursive: *.yaml, *.yml, *.json) or - for stdin; repeatable")
      ->required()
      ->type_name("PATH");
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
  sub.add_option("--default-class", f->request.options.default_class,
                 "Ingress class for Ingresses that have none")
      ->type_name("NAME");
  sub.add_option("--gateway-class", f->gateway_classes,
                 "Map an ingress class to a GatewayClass (FROM=TO); repeatable")
      ->type_name("FROM=TO");
  sub.add_option("--gateway", f->gateway,
                 "Attach every route to this shared Gateway instead of one per namespace and class")
      ->type_name("NS/NAME");
  sub.add_option("--annotations-prefix", f->request.options.nginx_annotations_prefix,
                 "ingress-nginx annotation prefix (its --annotations-prefix)")
      ->type_name("PREFIX")
      ->capture_default_str();
  sub.add_flag("--experimental", f->request.options.experimental,
               "Use experimental-channel Gateway API fields (sessionPersistence for affinity)");
  sub.add_option("--rules", f->rules_dirs, "Load extra rule files (*.yaml) from DIR; repeatable")
      ->type_name("DIR");
  sub.add_option("--max-depth", f->request.limits.max_depth, "Deepest nesting accepted in a document")
      ->type_name("N")
      ->capture_default_str();
  sub.add_option("--max-document-bytes", f->request.limits.max_document_bytes,
                 "Largest document accepted")
      ->type_name("BYTES")
      ->capture_default_str();
  sub.add_option("--max-file-bytes", f->request.limits.max_file_bytes, "Largest input accepted")
      ->type_name("BYTES")
      ->capture_default_str();
  sub.add_option("--max-documents", f->request.limits.max_documents, "Most documents read from one input")
      ->type_name("N")
      ->capture_default_str();
  sub.add_option("--max-alias-nodes", f->request.limits.max_alias_nodes,
                 "Most nodes YAML aliases may expand to in one document")
      ->type_name("N")
      ->capture_default_str();
  sub.add_option("--max-scalar-bytes", f->request.limits.max_scalar_bytes, "Longest string accepted")
      ->type_name("BYTES")
      ->capture_default_str();
  return [f, &ctx] { return run_convert_command(*f, ctx); };
}

}  // namespace im::cli
