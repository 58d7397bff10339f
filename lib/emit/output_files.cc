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

std::string render(const std::vector<nlohmann::ordered_json>& objects, OutputFormat format) {
  return format == OutputFormat::Yaml ? to_yaml_stream(objects) : to_json_list(objects);
}

std::vector<OutputFile> plan_output_files(const std::vector<nlohmann::ordered_json>& objects,
                                          OutputFormat format, SplitMode split) {
  const char* ext = format == OutputFormat::Yaml ? ".yaml" : ".json";
  // Objects keep their print order inside a file; std::map sorts the files.
  std::map<std::string, std::vector<nlohmann::ordered_json>> files;
  for (const auto& obj : objects) {
    std::string ns = namespace_of(obj);
    std::string path;
    if (split == SplitMode::Namespace) {
      path = ns + ext;
    } else {
      path = ns + "/" + to_lower(obj.at("kind").get<std::string>()) + "-" +
             obj.at("metadata").at("name").get<std::string>() + ext;
    }
    files[path].push_back(obj);
  }
  std::vector<OutputFile> out;
  for (auto& [path, objs] : files) out.push_back(OutputFile{path, render(objs, format)});
  return out;
}

}  // namespace im
