#include "targets/profile.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "rules/catalog.h"
#include "targets/target_actions.h"
#include "util/embedded.h"

namespace im {
namespace {

[[noreturn]] void fail(const std::string& origin, const YAML::Node& at, const std::string& why) {
  const auto mark = at.Mark();
  throw RuleLoadError(fmt::format("{}:{}:{}: error: {}", origin, mark.line + 1, mark.column + 1, why));
}

std::string text(const std::string& origin, const YAML::Node& node, const char* key, bool required = true) {
  const YAML::Node v = node[key];
  if (!v) {
    if (required) fail(origin, node, fmt::format("missing \"{}\"", key));
    return {};
  }
  if (!v.IsScalar()) fail(origin, v, fmt::format("\"{}\" must be a string", key));
  return v.as<std::string>();
}

std::map<std::string, std::string> string_map(const std::string& origin, const YAML::Node& node, const char* key) {
  std::map<std::string, std::string> out;
  const YAML::Node v = node[key];
  if (!v) return out;
  if (!v.IsMap()) fail(origin, v, fmt::format("\"{}\" must be a map", key));
  for (const auto& kv : v) out[kv.first.as<std::string>()] = kv.second.as<std::string>();
  return out;
}

}  // namespace

const std::string& TargetProfile::api_version_of(const std::string& kind) const {
  auto it = api_versions.find(kind);
  return it == api_versions.end() ? api_version : it->second;
}

const TargetRule* TargetProfile::rule_for(const std::string& family, const std::string& key) const {
  for (const auto& r : rules) {
    if (r.key == key && r.family == family) return &r;
  }
  return nullptr;
}

std::vector<std::string> TargetProfile::families() const {
  std::vector<std::string> out = {"ingress-nginx"};
  for (const auto& r : rules) {
    if (std::find(out.begin(), out.end(), r.family) == out.end()) out.push_back(r.family);
  }
  return out;
}

TargetProfile load_target_profile(const std::string& content, const std::string& origin) {
  YAML::Node root;
  try {
    root = YAML::Load(content);
  } catch (const YAML::Exception& e) {
    throw RuleLoadError(fmt::format("{}:{}:{}: error: {}", origin, e.mark.line + 1, e.mark.column + 1, e.msg));
  }
  TargetProfile p;
  p.name = text(origin, root, "target");
  p.controller = text(origin, root, "controller");
  p.project = text(origin, root, "project");
  p.version = text(origin, root, "version");
  p.api_version = text(origin, root, "api_version");
  p.api_versions = string_map(origin, root, "api_versions");
  p.regex_rewrite = text(origin, root, "regex_rewrite", false);
  p.regex_dialect = text(origin, root, "regex_dialect", false);
  p.client_ip_detection = text(origin, root, "client_ip_detection", false);
  p.external_backend = text(origin, root, "external_backend", false);
  if (const std::string max = text(origin, root, "max_target_refs", false); !max.empty()) {
    if (max.size() > 4 || max.find_first_not_of("0123456789") != std::string::npos || max == "0")
      fail(origin, root["max_target_refs"], "max_target_refs must be a positive number");
    p.max_target_refs = std::stoul(max);
  }
  if (!p.regex_dialect.empty() && p.regex_dialect != "re2") fail(origin, root["regex_dialect"], "regex_dialect must be re2");
  const YAML::Node rules = root["rules"];
  if (!rules || !rules.IsSequence()) fail(origin, root, "missing \"rules\" list");
  for (const auto& node : rules) {
    TargetRule r;
    if (const std::string family = text(origin, node, "family", false); !family.empty()) r.family = family;
    r.key = text(origin, node, "key");
    r.action = text(origin, node, "action");
    r.kind = text(origin, node, "kind");
    r.field = text(origin, node, "field");
    const std::string verdict = text(origin, node, "verdict");
    if (verdict == "converted") {
      r.verdict = Verdict::Converted;
    } else if (verdict == "partial") {
      r.verdict = Verdict::Partial;
    } else {
      fail(origin, node["verdict"], "verdict must be converted or partial (unlisted keys keep their own)");
    }
    r.lost = text(origin, node, "lost", r.verdict == Verdict::Partial);
    r.transform = text(origin, node, "transform", r.action == "set");
    r.values = string_map(origin, node, "values");
    r.also = string_map(origin, node, "also");
    r.params = string_map(origin, node, "params");
    r.with = string_map(origin, node, "with");
    r.example = text(origin, node, "example", false);
    r.example_path = text(origin, node, "example_path", false);
    r.example_objects = text(origin, node, "example_objects", false);
    r.replaces = text(origin, node, "replaces", false);
    if (!r.replaces.empty() && r.replaces != "route-backend-timeout")
      fail(origin, node["replaces"], "replaces must be route-backend-timeout");
    const auto mark = node.Mark();
    r.location = Location{std::make_shared<const std::string>(origin), static_cast<uint32_t>(mark.line + 1),
                          static_cast<uint32_t>(mark.column + 1)};
    if (!find_target_action(r.action)) fail(origin, node, fmt::format("unknown action \"{}\"", r.action));
    if (r.action == "accept" && !r.params.count("accept"))
      fail(origin, node, "action accept needs params.accept (the values that need nothing written)");
    if (p.rule_for(r.family, r.key)) fail(origin, node, fmt::format("key \"{}\" listed twice", r.key));
    p.rules.push_back(std::move(r));
  }
  return p;
}

const std::vector<TargetProfile>& target_profiles() {
  static const std::vector<TargetProfile> profiles = [] {
    std::vector<TargetProfile> out;
    for (const auto& f : embedded_files()) {
      const std::string path(f.path);
      if (path.rfind("rules/targets/", 0) == 0) out.push_back(load_target_profile(std::string(f.content), path));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return out;
  }();
  return profiles;
}

const TargetProfile* find_target_profile(const std::string& name) {
  for (const auto& p : target_profiles()) {
    if (p.name == name || p.controller == name) return &p;
  }
  return nullptr;
}

}  // namespace im
