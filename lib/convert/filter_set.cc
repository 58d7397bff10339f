#include "convert/filter_set.h"

#include <cctype>
#include <string_view>

namespace im {

using json = nlohmann::ordered_json;

bool is_header_name(const std::string& name) {
  if (name.empty() || name.size() > 256) return false;
  for (unsigned char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

namespace {

bool same_header(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

}  // namespace

bool set_header(std::vector<std::pair<std::string, std::string>>& set, const std::string& name,
                const std::string& value) {
  for (auto& [k, v] : set) {
    if (same_header(k, name)) {
      v = value;
      return true;
    }
  }
  if (set.size() >= kMaxHeaderFilterEntries) return false;
  set.emplace_back(name, value);
  return true;
}

bool add_header(std::vector<std::pair<std::string, std::string>>& add, const std::string& name,
                const std::string& value) {
  for (const auto& [k, v] : add) {
    if (same_header(k, name)) return false;
  }
  if (add.size() >= kMaxHeaderFilterEntries) return false;
  add.emplace_back(name, value);
  return true;
}

bool remove_header(std::vector<std::string>& remove, const std::string& name) {
  for (const std::string& k : remove) {
    if (same_header(k, name)) return true;
  }
  if (remove.size() >= kMaxHeaderFilterEntries) return false;
  remove.push_back(name);
  return true;
}

namespace {

json header_modifier(const std::vector<std::pair<std::string, std::string>>& set,
                     const std::vector<std::pair<std::string, std::string>>& add,
                     const std::vector<std::string>& remove) {
  json m = json::object();
  for (const auto& [field, list] : {std::pair<const char*, const std::vector<std::pair<std::string, std::string>>*>{
                                        "set", &set},
                                    {"add", &add}}) {
    if (list->empty()) continue;
    json items = json::array();
    for (const auto& [name, value] : *list) items.push_back(json{{"name", name}, {"value", value}});
    m[field] = items;
  }
  if (!remove.empty()) m["remove"] = remove;
  return m;
}

json path_modifier(const std::optional<std::string>& full, const std::optional<std::string>& prefix) {
  if (full) return json{{"type", "ReplaceFullPath"}, {"replaceFullPath", *full}};
  return json{{"type", "ReplacePrefixMatch"}, {"replacePrefixMatch", *prefix}};
}

}  // namespace

std::vector<json> FilterSet::to_json() const {
  std::vector<json> out;
  if (!request_set.empty() || !request_add.empty() || !request_remove.empty()) {
    out.push_back(json{{"type", "RequestHeaderModifier"},
                       {"requestHeaderModifier", header_modifier(request_set, request_add, request_remove)}});
  }
  if (redirect) {
    json r = json::object();
    if (!redirect->scheme.empty()) r["scheme"] = redirect->scheme;
    if (!redirect->hostname.empty()) r["hostname"] = redirect->hostname;
    if (redirect->full_path || redirect->prefix) r["path"] = path_modifier(redirect->full_path, redirect->prefix);
    if (redirect->port) r["port"] = *redirect->port;
    r["statusCode"] = redirect->status_code;
    out.push_back(json{{"type", "RequestRedirect"}, {"requestRedirect", r}});
  } else if (rewrite_full_path || rewrite_prefix || rewrite_hostname) {
    json r = json::object();
    if (rewrite_hostname) r["hostname"] = *rewrite_hostname;
    if (rewrite_full_path || rewrite_prefix) r["path"] = path_modifier(rewrite_full_path, rewrite_prefix);
    out.push_back(json{{"type", "URLRewrite"}, {"urlRewrite", r}});
  }
  if (!response_set.empty() || !response_remove.empty()) {
    out.push_back(json{{"type", "ResponseHeaderModifier"},
                       {"responseHeaderModifier", header_modifier(response_set, {}, response_remove)}});
  }
  if (cors) out.push_back(json{{"type", "CORS"}, {"cors", *cors}});
  for (const auto& m : mirrors) out.push_back(json{{"type", "RequestMirror"}, {"requestMirror", m}});
  for (const auto& e : extension_refs) out.push_back(json{{"type", "ExtensionRef"}, {"extensionRef", e}});
  return out;
}

}  // namespace im
