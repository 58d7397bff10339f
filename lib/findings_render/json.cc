// Findings as JSON, in the shape docs/findings.schema.json documents (a
// test validates the golden outputs against it). Written finding by
// finding, in the layout nlohmann's dump(2) gives the whole document, so
// that a million findings never sit in memory as one JSON tree.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <ostream>
#include <sstream>

#include "findings_render/render.h"
#include "lint/tables.h"

namespace im {

namespace {

/// `j` as dump(2) writes it when it sits `depth` levels deep.
std::string dump_at(const nlohmann::ordered_json& j, size_t depth) {
  std::string text = j.dump(2);
  const std::string indent(depth * 2, ' ');
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    out += c;
    if (c == '\n') out += indent;
  }
  return out;
}

nlohmann::ordered_json finding_json(const Finding& f, const FindingsReport& report) {
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
  // A target's verdict says in its message what to do; the rule's help is
  // about the standard conversion.
  const bool target_verdict = std::any_of(f.properties.begin(), f.properties.end(),
                                          [](const FindingProperty& p) { return p.key == "targetVerdict"; });
  if (auto info = describe_rule(f.rule_id); info && !target_verdict) j["help"] = info->help;
  if (!f.properties.empty()) j["properties"] = properties_json(f.properties);
  return j;
}

}  // namespace

nlohmann::ordered_json properties_json(const std::vector<FindingProperty>& properties) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const FindingProperty& p : properties) out[p.key] = p.value;
  return out;
}

void write_json(std::ostream& out, const FindingsReport& report) {
  size_t counts[3] = {0, 0, 0};
  out << "{\n  \"schemaVersion\": 1,\n  \"tool\": \"ingress-migrate\",\n  \"command\": "
      << nlohmann::ordered_json(report.command).dump() << ",\n  \"findings\": [";
  bool first = true;
  for (const Finding& f : report.findings) {
    ++counts[static_cast<int>(f.severity)];
    out << (first ? "\n    " : ",\n    ") << dump_at(finding_json(f, report), 2);
    first = false;
  }
  out << (first ? "],\n" : "\n  ],\n");
  nlohmann::ordered_json summary = {{"objects", report.objects.size()},
                                    {"errors", counts[0]},
                                    {"warnings", counts[1]},
                                    {"infos", counts[2]}};
  out << "  \"summary\": " << dump_at(summary, 1) << "\n}\n";
}

std::string render_json(const FindingsReport& report) {
  std::ostringstream out;
  write_json(out, report);
  return out.str();
}

}  // namespace im
