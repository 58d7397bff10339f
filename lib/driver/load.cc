#include "driver/load.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>

#include "driver/repository_files.h"
#include "parse/input.h"
#include "util/threads.h"

namespace im {

bool is_input_failure(const Finding& f) {
  return f.severity == Severity::Error &&
         (f.rule_id == "parse-error" || f.rule_id == kUnreadableInput ||
          f.rule_id == "limit-exceeded" || f.rule_id == "invalid-utf8");
}

void finish_load(LoadResult& result, const Findings& local, Findings& findings) {
  result.inventory.sort();
  for (const auto& f : local.items()) {
    if (is_input_failure(f)) result.input_failed = true;
  }
  findings.append(local);
}

LoadResult load_inputs(const std::vector<std::string>& paths, std::istream& stdin_stream,
                       const ParseLimits& limits, Findings& findings,
                       const DocumentObserver& observe, const std::vector<std::string>& exclude,
                       ObserverNeeds needs) {
  LoadResult result;
  Findings local;
  auto inputs = expand_inputs(paths, local, exclude);
  for (const auto& input : inputs) {
    bool over_limit = false;
    auto text = read_input(input, stdin_stream, local, limits.max_file_bytes, &over_limit);
    if (!text) continue;
    if (over_limit) {
      local.error(Location{input.origin, 0, 0},
                  fmt::format("input is larger than {} bytes (--max-file-bytes); skipped",
                              limits.max_file_bytes),
                  "limit-exceeded");
      continue;
    }
    // A file met in a directory may be no manifest at all (a repository
    // root holds CI workflows, Helm charts, values.yaml): it is read on the
    // side and, if no document is a Kubernetes object, skipped with one
    // info. Files named on the command line are always read as manifests.
    if (input.from_directory && is_helm_template(input, *text, false)) {
      report_helm_template(input, local);
      continue;
    }
    // Each run of documents is read into its own inventory on its own
    // thread; merging them in run order keeps the result deterministic. An
    // observer sees every document whole; one that needs stream order
    // (verify's Gateway reader) gets one run.
    ReadOptions options;
    options.threads = observe && needs == ObserverNeeds::Stream ? 1 : worker_threads();
    if (!observe || needs == ObserverNeeds::Count) options.needs_body = needs_body;
    std::vector<Inventory> runs(options.threads);
    std::atomic<bool> has_objects{false}, kustomize{false};
    // Per run: observed once the file is known to be kept.
    std::vector<std::vector<Document>> held(options.threads);
    Findings file_findings;
    size_t docs = read_documents(*text, input.origin, limits, file_findings, options,
                                 [&](size_t run, Document&& doc, Findings& run_findings) {
                                   if (is_kubernetes_object(doc)) has_objects = true;
                                   if (is_kustomize_file(doc)) kustomize = true;
                                   read_objects(doc, runs[run], run_findings);
                                   if (!observe) return;
                                   if (input.from_directory) {
                                     held[run].push_back(std::move(doc));
                                   } else {
                                     observe(doc, run_findings);
                                   }
                                 });
    if (input.from_directory && !has_objects) {
      bool parse_failed = std::any_of(file_findings.items().begin(), file_findings.items().end(),
                                      is_input_failure);
      if (is_helm_template(input, *text, parse_failed)) {
        report_helm_template(input, local);
        continue;
      }
      if (!parse_failed && docs > 0) {
        report_not_kubernetes(input, kustomize, local);
        continue;
      }
    }
    for (const auto& run : held) {
      for (const Document& doc : run) observe(doc, file_findings);
    }
    local.append(file_findings);
    for (Inventory& run : runs) result.inventory.merge(std::move(run));
    if (docs == 0 && text->find_first_not_of(" \t\r\n") == std::string::npos) {
      local.warning(Location{input.origin, 0, 0}, "input is empty", "empty-input");
    }
  }
  finish_load(result, local, findings);
  return result;
}

}  // namespace im
