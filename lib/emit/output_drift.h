#pragma once
// `convert --output-dir DIR --check`: how DIR differs from what convert
// would write now, as a unified diff, without writing anything.

#include <filesystem>
#include <string>
#include <vector>

#include "emit/output_files.h"

namespace im {

struct Drift {
  std::string diff;                   ///< "" when DIR is up to date
  std::vector<std::string> problems;  ///< "path: error: ..." for files that could not be read
};

/// Compares `files` with DIR: changed files, files convert would add (diffed
/// against /dev/null) and *.yaml/*.yml/*.json files in DIR it would no
/// longer write (diffed to /dev/null). A missing DIR means every file is new.
Drift output_dir_drift(const std::filesystem::path& dir, const std::vector<OutputFile>& files);

}  // namespace im
