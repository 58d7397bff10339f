#pragma once
// Writing planned output files below a directory: each atomically, none
// through a symbolic link out of the directory, none replaced without force.

#include <filesystem>
#include <string>
#include <vector>

#include "emit/output_files.h"

namespace im {

/// Writes every file below dir (created with its parents as needed) and
/// keeps going after a failure. Returns one "path: error: why" line per
/// file that was not written; empty when all were.
std::vector<std::string> write_output_files(const std::filesystem::path& dir,
                                            const std::vector<OutputFile>& files, bool force);

/// --force: removes the manifests (*.yaml, *.yml, *.json) below dir that
/// are not among `files`, so that dir holds exactly this output (what
/// `convert --check` compares). Returns the removed paths; failures are
/// added to errors.
std::vector<std::string> remove_stale_outputs(const std::filesystem::path& dir,
                                              const std::vector<OutputFile>& files,
                                              std::vector<std::string>& errors);

}  // namespace im
