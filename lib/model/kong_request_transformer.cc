#include "model/kong_request_transformer.h"

#include <fmt/format.h>

#include "util/text.h"

namespace im {
namespace {

using Json = nlohmann::ordered_json;

// config.<section>.<field>: a list of strings ("" items skipped).
std::vector<std::string> entries(const KongPlugin& p, const char* section, const char* field,
                                 std::vector<std::string>& unmodelled) {
  std::vector<std::string> out;
  if (!p.config.is_object()) return out;
  auto s = p.config.find(section);
  if (s == p.config.end() || !s->is_object()) return out;
  auto f = s->find(field);
  if (f == s->end() || f->is_null()) return out;
  if (!f->is_array()) {
    unmodelled.push_back(fmt::format("{}.{}: not a list", section, field));
    return out;
  }
  for (const Json& item : *f) {
    if (!item.is_string()) {
      unmodelled.push_back(fmt::format("{}.{}: an entry that is not a string", section, field));
      continue;
    }
    if (!item.get<std::string>().empty()) out.push_back(item.get<std::string>());
  }
  return out;
}

// "name:value" as iter() splits it; false for an entry without a name.
bool split_entry(const std::string& entry, std::string& name, std::string& value) {
  const size_t colon = entry.find(':');
  name = entry.substr(0, colon);
  if (name.empty()) return false;
  if (colon == std::string::npos) {
    value.clear();
    return true;
  }
  const size_t start = entry.find_first_not_of(':', colon);
  value = start == std::string::npos ? "" : entry.substr(start);
  return true;
}

// param_value: a value matching "%$%(.*%)" is rendered per request.
bool is_template(const std::string& value) {
  const size_t open = value.find("$(");
  return open != std::string::npos && value.find(')', open) != std::string::npos;
}

}  // namespace

KongRequestTransformer read_kong_request_transformer(const KongPlugin& p) {
  KongRequestTransformer t;
  std::vector<std::string>& un = t.unmodelled;
  if (p.config_from_secret) {
    un.push_back("config: taken from a Secret, which is not read");
    return t;
  }
  if (p.config.is_object() && p.config.contains("http_method") && !p.config.at("http_method").is_null())
    un.push_back("http_method: changes the request's method");
  for (const char* section : {"remove", "rename", "replace", "add", "append"}) {
    for (const char* field : {"querystring", "body"}) {
      if (!entries(p, section, field, un).empty()) un.push_back(fmt::format("{}.{}: changes the request's {}",
                                                                            section, field, field == std::string("body") ? "body" : "query string"));
    }
  }
  if (p.config.is_object() && p.config.contains("replace") && p.config.at("replace").is_object()) {
    const Json& r = p.config.at("replace");
    if (r.contains("uri") && r.at("uri").is_string() && !r.at("uri").get<std::string>().empty())
      un.push_back("replace.uri: changes the upstream path");
  }
  for (const std::string& e : entries(p, "rename", "headers", un)) {
    un.push_back(fmt::format("rename.headers {}: renames a header the client sent", escape_control(e)));
  }
  for (const std::string& e : entries(p, "remove", "headers", un)) {
    std::string name, value;
    if (!split_entry(e, name, value)) {
      un.push_back(fmt::format("remove.headers \"{}\": no header name", escape_control(e)));
      continue;
    }
    t.remove.push_back(name);
  }
  auto pairs = [&](const char* section, std::vector<std::pair<std::string, std::string>>* into) {
    for (const std::string& e : entries(p, section, "headers", un)) {
      std::string name, value;
      if (!split_entry(e, name, value)) {
        un.push_back(fmt::format("{}.headers \"{}\": no header name", section, escape_control(e)));
      } else if (is_template(value)) {
        un.push_back(fmt::format("{}.headers {}: the template {} is rendered per request", section,
                                 escape_control(name), escape_control(value)));
      } else if (to_lower(name) == "host") {
        // replace sets the upstream Host; add never touches it; append
        // would set it too (the client's Host is not among the headers).
        if (std::string(section) == "replace") {
          t.host = value;
        } else if (std::string(section) == "append") {
          un.push_back("append.headers host: sets the upstream Host");
        }
      } else if (into) {
        into->emplace_back(name, value);
      } else {
        un.push_back(fmt::format("replace.headers {}: changes the header only where the client sent it",
                                 escape_control(name)));
      }
    }
  };
  pairs("replace", nullptr);
  pairs("add", &t.add);
  pairs("append", &t.append);
  return t;
}

}  // namespace im
