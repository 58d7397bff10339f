// `ingress-migrate verify`: where requests go before and after the move.

#include <fstream>
#include <ostream>

#include "cluster/kubectl.h"
#include "commands.h"
#include "conversion_options.h"
#include "exit_code.h"
#include "verify/render.h"
#include "verify/verify_job.h"

namespace im::cli {

namespace {

struct VerifyFlags {
  ConversionFlags conv;
  std::vector<std::string> probes;
  std::string probes_file;
  std::string format = "text";
  bool only_given = false;
  bool strict = false;
  std::string target_controller;
};

/// --probe values and --probes lines (blank lines and # comments skipped).
bool read_probes(const VerifyFlags& f, Context& ctx, std::vector<verify::Probe>& out) {
  auto add = [&](const std::string& where, const std::string& line) {
    verify::Probe p;
    std::string error;
    if (verify::parse_probe(line, p, error)) {
      out.push_back(std::move(p));
      return true;
    }
    ctx.io.err << where << ": error: " << error << " [bad-probe]\n";
    return false;
  };
  bool ok = true;
  for (const auto& p : f.probes) ok = add(ctx.program + ": --probe", p) && ok;
  if (f.probes_file.empty()) return ok;
  std::ifstream in(f.probes_file);
  if (!in) {
    ctx.io.err << f.probes_file << ": error: cannot read the probes file [unreadable-input]\n";
    return false;
  }
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    size_t start = line.find_first_not_of(" \t\r");
    if (start == std::string::npos || line[start] == '#') continue;
    ok = add(f.probes_file + ":" + std::to_string(n) + ":" + std::to_string(start + 1), line) && ok;
  }
  return ok;
}

int run_verify_command(VerifyFlags& f, Context& ctx) {
  if (!finish_conversion_flags(f.conv, ctx)) return kExitUsageOrInput;
  verify::VerifyOptions options;
  options.annotation_prefix = f.conv.request.options.nginx_annotations_prefix;
  options.default_class = f.conv.request.options.default_class;
  options.generate = !f.only_given;
  if (!f.target_controller.empty()) {
    std::vector<const ControllerSupport*> known;
    if (!resolve_controllers({f.target_controller}, ctx, known)) return kExitUsageOrInput;
    f.conv.request.target = f.target_controller;
    options.gateway_dialect = gateway_dialect_of(f.target_controller);
  }
  if (!read_probes(f, ctx, options.extra_probes)) return kExitUsageOrInput;
  Findings findings;
  verify::VerifyJob job;
  ProgressLine progress(ctx.io, ctx.manners, ctx.program);
  report_progress(f.conv.request, progress);
  try {
    job = verify::run_verify_job(f.conv.request, options, ctx.io.in, findings);
    progress.finish();
  } catch (const RuleLoadError& e) {
    progress.finish();
    ctx.io.err << e.what() << "\n";
    return kExitUsageOrInput;
  } catch (const ClusterError& e) {
    progress.finish();
    ctx.io.err << ctx.program << ": cannot read the cluster: " << e.what() << "\n";
    return kExitUsageOrInput;
  }
  findings.sort_and_dedupe();
  for (const auto& finding : findings.items()) {
    if (ctx.manners.quiet && finding.severity != Severity::Error) continue;
    ctx.io.err << format_finding(finding, use_color(ctx.manners, ctx.io.err_is_tty)) << "\n";
  }
  ctx.io.out << (f.format == "json" ? verify::render_json(job.result)
                                    : verify::render_text(job.result));
  if (job.load.input_failed) return kExitUsageOrInput;
  size_t failing = job.result.unexpected + (f.strict ? job.result.explained : 0);
  return failing > 0 ? kExitFindings : kExitOk;
}

}  // namespace

Handler setup_verify(CLI::App& sub, Context& ctx) {
  auto f = std::make_shared<VerifyFlags>();
  add_conversion_options(sub, f->conv);
  sub.add_option("--probe", f->probes,
                 "Also send this request (URL, then optional NAME: VALUE headers); repeatable")
      ->type_name("URL");
  sub.add_option("--probes", f->probes_file, "Also send the requests listed in FILE, one per line")
      ->type_name("FILE");
  sub.add_flag("--only-given", f->only_given, "Send only the --probe/--probes requests");
  sub.add_option("--target-controller", f->target_controller,
                 "Gateway implementation the objects run on: convert with its profile (its own objects too) and "
                 "model what is known of it, such as Envoy Gateway's RE2 regular expressions")
      ->type_name("NAME")
      ->check(non_empty());
  sub.add_flag("--strict", f->strict,
               "Also exit 1 for differences a finding of the conversion explains");
  sub.add_option("-o,--output,--format", f->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("text|json")
      ->capture_default_str();
  return [f, &ctx] { return run_verify_command(*f, ctx); };
}

}  // namespace im::cli
