// Findings as JSON, in the shape docs/findings.schema.json documents (a
// test validates the golden outputs against it).

#include <nlohmann/json.hpp>

#include "findings_render/render.h"
#include "lint/tables.h"

namespace im {

nlohmann::ordered_json properties_json(const std::vector<FindingProperty>& properties) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const FindingProperty& p : properties) out[p.key] = p.value;
  return out;
}

std::string render_json(const FindingsReport& report) {
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  size_t counts[3] = {0, 0, 0};
  for (const Finding& f : report.findings) {
    ++counts[static_cast<int>(f.severity)];
    nlohmann::ordered_json j;
    j["ruleId"] = f.rule_id;
    j["severity"] = severity_name(f.severity);
    j["file"] = f.location.file();
    j["line"] = f.location.line;
    j["column"] = f.location.col;
    j["message"] = f.message;
    if (const ObjectSpan* o = object_at(report.objects, f.location)) {
      j["object"] = {{"apiVersion", o->api_version}, {"kind", o->kind}, {"namespace", o->ns},
                     {"name", o->name}};
    }
    if (auto info = describe_rule(f.rule_id)) j["help"] = info->help;
    if (!f.properties.empty()) j["properties"] = properties_json(f.properties);
    findings.push_back(std::move(j));
  }
  nlohmann::ordered_json doc;
  doc["schemaVersion"] = 1;
  doc["tool"] = "ingress-migrate";
  doc["command"] = report.command;
  doc["findings"] = std::move(findings);
  doc["summary"] = {{"objects", report.objects.size()},
                    {"errors", counts[0]},
                    {"warnings", counts[1]},
                    {"infos", counts[2]}};
  return doc.dump(2) + "\n";
}

}  // namespace im
