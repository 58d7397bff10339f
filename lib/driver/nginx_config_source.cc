#include "driver/nginx_config_source.h"

#include <fmt/format.h>

#include <sstream>

#include "cluster/cluster_reader.h"
#include "parse/input.h"
#include "rules/value_format.h"

namespace im {

namespace {

/// The keys that change a conversion and the value format config.go
/// decodes each into (internal/ingress/controller/config/config.go).
const std::map<std::string, std::string>& modelled_keys() {
  static const std::map<std::string, std::string> keys = {
      {"use-forwarded-headers", "bool"},     {"ssl-redirect", "bool"},
      {"allow-snippet-annotations", "bool"}, {"strict-validate-path-type", "bool"},
      {"proxy-body-size", "size"},           {"proxy-connect-timeout", "int"},
      {"proxy-read-timeout", "int"},         {"proxy-send-timeout", "int"},
      {"custom-http-errors", "string"},      {"hsts", "bool"},
      {"hsts-max-age", "int"},               {"hsts-include-subdomains", "bool"},
      {"hsts-preload", "bool"},              {"proxy-real-ip-cidr", "string"},
      {"forwarded-for-header", "string"},
  };
  return keys;
}

bool is_config_map(const Document& doc) {
  const Node* kind = doc.root.get("kind");
  return kind && kind->is_scalar() && kind->value == "ConfigMap";
}

}  // namespace

NginxControllerConfig read_nginx_config_document(const Document& doc, Findings& findings,
                                                 bool positions) {
  // kubectl's line numbers mean nothing to the user: cluster findings point
  // at the object alone (as cluster_reader.h does).
  auto at = [&](const Node& n) { return positions ? doc.at(n) : Location{doc.origin, 0, 0}; };
  NginxControllerConfig c;
  c.loaded = true;
  c.origin = at(doc.root);
  const Node* data = doc.root.get("data");
  if (!data || data->is_null()) return c;
  if (!data->is_mapping()) {
    findings.error(at(*data),
                   fmt::format("data is {}, not a mapping of setting names to strings; the "
                               "controller's defaults are used",
                               data->describe()),
                   kNginxConfigValue);
    return c;
  }
  for (const auto& [key, value] : data->entries) {
    auto format = modelled_keys().find(key.value);
    if (format == modelled_keys().end()) continue;  // keys that do not change a conversion
    std::string problem = value.is_scalar() ? check_value(format->second, value.value)
                                            : "expected a string";
    if (format->second == "int" && problem.empty() && value.value.empty()) problem = "expected a number";
    if (!problem.empty()) {
      const std::string shown =
          value.is_scalar() ? "\"" + value.value + "\"" : std::string(value.describe());
      findings.error(at(value),
                     fmt::format("{}: {} is not valid ({}); the controller's default is used",
                                 key.value, shown, problem),
                     kNginxConfigValue);
      continue;
    }
    c.settings[key.value] = ControllerSetting{value.value, at(key)};
  }
  auto flag = [&](const char* key, bool& field) {
    if (const ControllerSetting* s = c.setting(key)) field = *parse_go_bool(s->value);
  };
  flag("use-forwarded-headers", c.use_forwarded_headers);
  flag("ssl-redirect", c.ssl_redirect);
  flag("allow-snippet-annotations", c.allow_snippet_annotations);
  return c;
}

NginxControllerConfig load_nginx_config_file(const std::string& path, const ParseLimits& limits,
                                             Findings& findings) {
  InputFile input{path, std::make_shared<const std::string>(path), false};
  std::istringstream no_stdin;
  NginxControllerConfig config;
  auto text = read_input(input, no_stdin, findings, limits.max_file_bytes);
  if (!text) return config;
  bool found = false;
  read_documents(*text, input.origin, limits, findings, [&](Document&& doc) {
    if (!is_config_map(doc)) return true;
    config = read_nginx_config_document(doc, findings);
    found = true;
    return false;  // the first ConfigMap is the controller's
  });
  if (!found) {
    findings.error(Location{input.origin, 0, 0},
                   "--nginx-config: no document is a ConfigMap (kind: ConfigMap with the "
                   "controller's settings under data); the controller's defaults are used",
                   kNginxConfigNotConfigMap);
  }
  return config;
}

NginxControllerConfig load_nginx_config_from_cluster(const ClusterQuery& query,
                                                     const std::string& ns_name,
                                                     const ParseLimits& limits, Findings& findings) {
  const size_t slash = ns_name.find('/');
  const std::string ns = ns_name.substr(0, slash), name = ns_name.substr(slash + 1);
  auto origin = std::make_shared<const std::string>(
      fmt::format("cluster:{}/{}/ConfigMap/{}", context_name(query), ns, name));
  std::string json;
  try {
    json = run_kubectl(query, {"get", "configmap", name, "--namespace=" + ns, "-o", "json"});
  } catch (const ClusterError& e) {
    const std::string what = e.what();
    if (what.find("NotFound") != std::string::npos || what.find("not found") != std::string::npos) {
      findings.info(Location{origin, 0, 0},
                    "the cluster has no ingress-nginx controller ConfigMap here; the controller's "
                    "defaults are used (--nginx-config-map NAMESPACE/NAME names another)",
                    kNginxConfigMissing);
    } else {
      findings.warning(Location{origin, 0, 0},
                       "cannot read the ingress-nginx controller ConfigMap; the controller's "
                       "defaults are used: " + what,
                       kNginxConfigMissing);
    }
    return {};
  }
  NginxControllerConfig config;
  read_documents(json, origin, limits, findings, [&](Document&& doc) {
    if (is_config_map(doc)) config = read_nginx_config_document(doc, findings, false);
    return false;
  });
  return config;
}

}  // namespace im
