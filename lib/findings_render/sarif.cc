// SARIF 2.1.0 for GitHub code scanning. What GitHub reads (github/docs,
// "SARIF support for code scanning"): tool.driver.rules with short and full
// descriptions and help, and per result ruleId, level, message.text and a
// physicalLocation whose artifactLocation.uri is relative to the checkout
// root with a 1-based region. Rule ids and URIs must stay stable between
// runs, or GitHub closes the old alert and opens a duplicate. A test
// validates the golden outputs against the OASIS schema.

#include <cctype>
#include <map>

#include <nlohmann/json.hpp>

#include "findings_render/render.h"
#include "lint/tables.h"

namespace im {

namespace {

// SARIF has no "info" level; "note" is its lowest.
const char* sarif_level(Severity s) {
  static const char* const levels[] = {"error", "warning", "note"};  // in Severity order
  return levels[static_cast<int>(s)];
}

// A URI reference: unreserved characters and "/" as they are, everything
// else percent-encoded, so "<stdin>" or a path with spaces stays valid.
// Paths are kept as given (relative ones stay relative to the directory
// the tool ran in, which in CI is the checkout root); "./" is dropped.
std::string artifact_uri(const std::string& file) {
  std::string path = file;
  while (path.rfind("./", 0) == 0) path = path.substr(2);
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      static const char* hex = "0123456789ABCDEF";
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out.empty() ? "stdin" : out;
}

nlohmann::ordered_json rule_descriptor(const std::string& id) {
  RuleInfo info = describe_rule(id).value_or(RuleInfo{id, Severity::Warning, id, ""});
  nlohmann::ordered_json r;
  r["id"] = id;
  r["name"] = id;
  r["shortDescription"] = {{"text", info.summary}};
  r["fullDescription"] = {{"text", info.summary}};
  r["help"] = {{"text", info.help.empty() ? info.summary : info.help}};
  r["defaultConfiguration"] = {{"level", sarif_level(info.severity)}};
  return r;
}

}  // namespace

std::string render_sarif(const FindingsReport& report) {
  std::map<std::string, size_t> rule_index;
  for (const Finding& f : report.findings) rule_index.emplace(f.rule_id, 0);
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  for (auto& [id, index] : rule_index) {
    index = rules.size();
    rules.push_back(rule_descriptor(id));
  }

  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const Finding& f : report.findings) {
    nlohmann::ordered_json physical;
    physical["artifactLocation"] = {{"uri", artifact_uri(f.location.file())}};
    if (f.location.line > 0) {
      physical["region"] = {{"startLine", f.location.line}};
      if (f.location.col > 0) physical["region"]["startColumn"] = f.location.col;
    }
    nlohmann::ordered_json r;
    r["ruleId"] = f.rule_id;
    r["ruleIndex"] = rule_index.at(f.rule_id);
    r["level"] = sarif_level(f.severity);
    r["message"] = {{"text", f.message}};
    r["locations"] = nlohmann::ordered_json::array({{{"physicalLocation", std::move(physical)}}});
    // SARIF's property bag (§3.8) carries the same facts as the JSON output.
    if (!f.properties.empty()) r["properties"] = properties_json(f.properties);
    results.push_back(std::move(r));
  }

  nlohmann::ordered_json driver;
  driver["name"] = "ingress-migrate";
  driver["informationUri"] = "https://gateway-api.sigs.k8s.io/guides/migrating-from-ingress/";
  driver["rules"] = std::move(rules);
  nlohmann::ordered_json run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["automationDetails"] = {{"id", "ingress-migrate/" + report.command + "/"}};
  run["results"] = std::move(results);
  nlohmann::ordered_json log;
  log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  log["version"] = "2.1.0";
  log["runs"] = nlohmann::ordered_json::array({std::move(run)});
  return log.dump(2) + "\n";
}

}  // namespace im
