#include "emit/output_files.h"

#include <algorithm>
#include <map>

#include "emit/yaml_writer.h"
#include "util/text.h"

namespace im {

namespace {

constexpr const char* kNoNamespace = "_no-namespace";

std::string namespace_of(const nlohmann::ordered_json& obj) {
  const auto& meta = obj.at("metadata");
  auto it = meta.find("namespace");
  return it == meta.end() ? kNoNamespace : it->get<std::string>();
}

}  // namespace

void OutputFilePlanner::add(const nlohmann::ordered_json& obj) {
  const char* ext = format_ == OutputFormat::Yaml ? ".yaml" : ".json";
  std::string ns = namespace_of(obj);
  std::string path = split_ == SplitMode::Namespace
                         ? ns + ext
                         : ns + "/" + to_lower(obj.at("kind").get<std::string>()) + "-" +
                               obj.at("metadata").at("name").get<std::string>() + ext;
  // YAML is kept rendered (compact); JSON Lists need their items together.
  if (format_ == OutputFormat::Yaml) {
    yaml_[path] += "---\n" + to_yaml(obj);
  } else {
    json_[path].push_back(obj);
  }
}

std::vector<OutputFile> OutputFilePlanner::files() const {
  std::vector<OutputFile> out;
  for (const auto& [path, text] : yaml_) out.push_back(OutputFile{path, text});
  for (const auto& [path, items] : json_) out.push_back(OutputFile{path, to_json_list(items)});
  std::sort(out.begin(), out.end(), [](const OutputFile& a, const OutputFile& b) { return a.path < b.path; });
  return out;
}

}  // namespace im
