#pragma once
// Laying emitted objects out as files for --output-dir.

#include <map>
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


/// One file per namespace ("<ns>.yaml"; objects without a namespace go to
/// "_no-namespace.yaml"), or one per object ("<ns>/<kind>-<name>.yaml").
/// Objects arrive one at a time through add(); files() is sorted by path.
class OutputFilePlanner {
 public:
  OutputFilePlanner(OutputFormat format, SplitMode split) : format_(format), split_(split) {}
  void add(const nlohmann::ordered_json& obj);
  std::vector<OutputFile> files() const;

 private:
  OutputFormat format_;
  SplitMode split_;
  std::map<std::string, std::string> yaml_;  ///< path -> rendered YAML documents
  std::map<std::string, std::vector<nlohmann::ordered_json>> json_;  ///< path -> items
};

}  // namespace im
