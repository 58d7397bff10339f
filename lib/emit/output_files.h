#pragma once
// Laying emitted objects out as files for --output-dir.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace im {

enum class OutputFormat { Yaml, Json };
enum class SplitMode { Namespace, Object };

struct OutputFile {
  std::string path;  ///< relative to the output directory
  std::string content;
};

/// The whole stream as one text (YAML documents or a JSON List).
std::string render(const std::vector<nlohmann::ordered_json>& objects, OutputFormat format);

/// One file per namespace ("<ns>.yaml"; objects without a namespace go to
/// "_no-namespace.yaml"), or one per object ("<ns>/<kind>-<name>.yaml").
/// Sorted by path.
std::vector<OutputFile> plan_output_files(const std::vector<nlohmann::ordered_json>& objects,
                                          OutputFormat format, SplitMode split);

}  // namespace im
