#include "driver/load.h"

#include <fmt/format.h>

#include "parse/input.h"

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
    auto text = read_input(input, stdin_stream, local, limits.max_file_bytes);
    if (!text) continue;
    if (text->size() > limits.max_file_bytes) {
      local.error(Location{input.origin, 0, 0},
                  fmt::format("input is larger than {} bytes (--max-file-bytes); skipped",
                              limits.max_file_bytes),
                  "limit-exceeded");
      continue;
    }
    size_t docs = read_documents(*text, input.origin, limits, local, [&](Document&& doc) {
      read_objects(doc, result.inventory, local);
      if (observe) observe(doc, local);
      return true;
    });
    if (docs == 0 && text->find_first_not_of(" \t\r\n") == std::string::npos) {
      local.warning(Location{input.origin, 0, 0}, "input is empty", "empty-input");
    }
  }
  finish_load(result, local, findings);
  return result;
}

}  // namespace im
