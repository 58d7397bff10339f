#include "driver/load.h"

#include <fmt/format.h>

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
                       const DocumentObserver& observe) {
  LoadResult result;
  Findings local;
  auto inputs = expand_inputs(paths, local);
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
    // Each run of documents is read into its own inventory on its own
    // thread; merging them in run order keeps the result deterministic. An
    // observer (lint's object index, verify's Gateway reader) needs every
    // document whole and in stream order, so it gets one run.
    ReadOptions options;
    options.threads = observe ? 1 : worker_threads();
    if (!observe) options.needs_body = needs_body;
    std::vector<Inventory> runs(options.threads);
    size_t docs = read_documents(*text, input.origin, limits, local, options,
                                 [&](size_t run, Document&& doc, Findings& run_findings) {
                                   read_objects(doc, runs[run], run_findings);
                                   if (observe) observe(doc, run_findings);
                                 });
    for (Inventory& run : runs) result.inventory.merge(std::move(run));
    if (docs == 0 && text->find_first_not_of(" \t\r\n") == std::string::npos) {
      local.warning(Location{input.origin, 0, 0}, "input is empty", "empty-input");
    }
  }
  finish_load(result, local, findings);
  return result;
}

}  // namespace im
