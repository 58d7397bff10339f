#include "convert_ci_modes.h"

#include <ostream>

#include "emit/output_drift.h"
#include "exit_code.h"
#include "parse/input.h"
#include "util/atomic_write.h"

namespace im::cli {

int check_output_dir(const std::string& dir, const std::vector<OutputFile>& files, Context& ctx) {
  Drift drift = output_dir_drift(dir, files);
  ctx.io.out << drift.diff;
  for (const auto& p : drift.problems) ctx.io.err << p << "\n";
  if (!drift.problems.empty()) return kExitUsageOrInput;
  if (drift.diff.empty()) return kExitOk;
  ctx.io.err << dir << ": differs from the converted output (--check); nothing was written\n";
  return kExitFindings;
}

std::vector<StreamText> read_streams(const std::vector<std::string>& inputs, Context& ctx,
                                     std::istringstream& replay) {
  Findings scratch;  // the conversion reads the inputs again and reports these
  std::vector<StreamText> streams;
  for (const InputFile& input : expand_inputs(inputs, scratch)) {
    auto text = read_input(input, ctx.io.in, scratch);
    if (!text) continue;
    if (input.is_stdin()) replay.str(*text);
    streams.push_back({input.origin, std::move(*text)});
  }
  return streams;
}

bool write_findings(const std::string& text, const std::string& file, Context& ctx) {
  if (file.empty()) {
    ctx.io.err << text;
    return true;
  }
  // A findings file is a report of this run: always replaced.
  std::string error;
  if (write_file_atomically(file, text, /*force=*/true, error) == WriteResult::Error) {
    ctx.io.err << file << ": error: " << error << "\n";
    return false;
  }
  return true;
}

}  // namespace im::cli
