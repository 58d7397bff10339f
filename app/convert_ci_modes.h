#pragma once
// The CI modes of `convert`: --check (drift of --output-dir),
// --in-place-stream (rewrite the input stream) and --findings-format /
// --findings-file (findings for CI systems instead of text on stderr).

#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "commands.h"
#include "emit/in_place_stream.h"
#include "emit/output_files.h"
#include "findings_render/render.h"

namespace im::cli {

/// --check: prints the unified diff between DIR and `files` on stdout.
/// kExitOk when DIR is up to date, kExitFindings when it differs,
/// kExitUsageOrInput when a file in it cannot be read.
int check_output_dir(const std::string& dir, const std::vector<OutputFile>& files, Context& ctx);

/// The raw text of every input, read before the conversion so that
/// --in-place-stream can copy documents byte for byte. Standard input is
/// kept in `replay` for the conversion to read again. Read problems are
/// left for the conversion to report.
std::vector<StreamText> read_streams(const std::vector<std::string>& inputs, Context& ctx,
                                     std::istringstream& replay);

/// Whether one of `outputs` ({flag, path}) is one of the files `inputs`
/// reads; true after saying which on stderr.
bool refuses_input_as_output(const std::vector<std::string>& inputs,
                             const std::vector<std::pair<const char*, std::string>>& outputs,
                             Context& ctx);

/// Writes `text` (rendered findings) to `file`, or to stderr when `file`
/// is empty. An existing file with other content is replaced only with
/// `force`; false after saying why on stderr.
bool write_findings(const std::string& text, const std::string& file, bool force, Context& ctx);

}  // namespace im::cli
