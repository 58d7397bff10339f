#include "cluster/server_version.h"

#include <cctype>

#include <nlohmann/json.hpp>

namespace im {

namespace {

/// The leading decimal digits of a version field ("32+" gives 32); -1 if none.
int leading_number(const nlohmann::json& field) {
  if (!field.is_string()) return -1;
  const std::string& s = field.get_ref<const std::string&>();
  int value = 0;
  size_t i = 0;
  for (; i < s.size() && i < 6 && std::isdigit(static_cast<unsigned char>(s[i])); ++i) value = value * 10 + (s[i] - '0');
  return i == 0 ? -1 : value;
}

}  // namespace

ServerVersion parse_server_version(const std::string& kubectl_version_json) {
  nlohmann::json doc = nlohmann::json::parse(kubectl_version_json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    throw ClusterError("kubectl version printed something that is not JSON");
  }
  auto server = doc.find("serverVersion");
  if (server == doc.end() || !server->is_object()) {
    throw ClusterError("kubectl version printed no serverVersion");
  }
  ServerVersion v;
  v.major = leading_number(server->value("major", nlohmann::json()));
  v.minor = leading_number(server->value("minor", nlohmann::json()));
  auto git = server->find("gitVersion");
  if (git != server->end() && git->is_string()) v.git_version = git->get<std::string>();
  if (v.major < 0 || v.minor < 0) {
    throw ClusterError("kubectl version printed a serverVersion without a numeric major and minor");
  }
  return v;
}

ServerVersion read_server_version(const ClusterQuery& query) {
  return parse_server_version(run_kubectl(query, {"version", "-o", "json"}));
}

}  // namespace im
