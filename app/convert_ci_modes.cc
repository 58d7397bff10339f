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

bool refuses_input_as_output(const std::vector<std::string>& inputs,
                             const std::vector<std::pair<const char*, std::string>>& outputs,
                             Context& ctx) {
  Findings scratch;  // unreadable inputs are reported by the conversion
  const std::vector<InputFile> files = expand_inputs(inputs, scratch);
  for (const auto& [flag, path] : outputs) {
    if (!path.empty() && is_one_of_inputs(path, files)) {
      ctx.io.err << path << ": error: " << flag
                 << " names an input file; refusing to overwrite it (not even with --force)\n";
      return true;
    }
  }
  return false;
}

bool write_findings(const std::string& text, const std::string& file, bool force, Context& ctx) {
  if (file.empty()) {
    ctx.io.err << text;
    return true;
  }
  std::string error;
  switch (write_file_atomically(file, text, force, error)) {
    case WriteResult::Written:
    case WriteResult::Unchanged:
      return true;
    case WriteResult::Exists:
      // The findings cannot go anywhere else; keep them visible.
      ctx.io.err << text << file << ": error: file exists with other content; not overwritten (use --force)\n";
      return false;
    case WriteResult::Error:
      ctx.io.err << file << ": error: " << error << "\n";
      return false;
  }
  return false;
}

}  // namespace im::cli
