#pragma once
// The whole `convert` pipeline: read, convert, validate, render.

#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "convert/converter.h"
#include "driver/load.h"

namespace im {

struct ConvertRequest {
  std::vector<std::string> inputs;      ///< -f values
  std::vector<std::string> rules_dirs;  ///< --rules
  ParseLimits limits;
  ConvertOptions options;
};

struct ConvertOutcome {
  LoadResult load;
  ConversionResult conversion;
  /// Emitted objects the API server would reject: a bug in the tool.
  std::vector<std::string> invalid_objects;
};

/// The built-in catalog, or (in `storage`) it plus the --rules
/// directories. Throws RuleLoadError for a broken rule file.
const Catalog& catalog_for(const std::vector<std::string>& rules_dirs, Catalog& storage);

/// Runs the pipeline. Throws RuleLoadError for a broken --rules file.
ConvertOutcome run_convert(const ConvertRequest& request, std::istream& stdin_stream,
                           Findings& findings);

}  // namespace im
