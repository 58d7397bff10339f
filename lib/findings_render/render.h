#pragma once
// Findings as CI systems read them. One renderer per format, each in its
// own file; the format is chosen here, in one place, for lint and convert.

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diag/finding.h"
#include "lint/object_index.h"

namespace im {

enum class FindingsFormat { Text, Json, Sarif, Junit, Github };

/// "text", "json", "sarif", "junit", "github".
const std::vector<std::string>& findings_format_names();
std::optional<FindingsFormat> parse_findings_format(const std::string& name);

struct FindingsReport {
  std::string command;                ///< "lint" or "convert"
  std::vector<Finding> findings;      ///< sorted
  std::vector<ObjectSpan> objects;    ///< every object read, sorted (JUnit testcases)
  Severity fail_on = Severity::Error; ///< findings at or above it fail (JUnit failures)
  bool color = false;                 ///< text: severities in terminal colours
  bool summary = true;                ///< text: the closing count line
};

/// Whether `s` is at least as severe as `threshold`.
bool at_or_above(Severity s, Severity threshold);

std::string render_text(const FindingsReport& report);
std::string render_json(const FindingsReport& report);
/// render_text and render_json, written as they go (large reports).
void write_text(std::ostream& out, const FindingsReport& report);
void write_json(std::ostream& out, const FindingsReport& report);
std::string render_sarif(const FindingsReport& report);
std::string render_junit(const FindingsReport& report);
std::string render_github(const FindingsReport& report);

/// A finding's properties as one JSON object of strings (JSON and SARIF).
nlohmann::ordered_json properties_json(const std::vector<FindingProperty>& properties);

std::string render_findings(FindingsFormat format, const FindingsReport& report);
/// render_findings onto `out`; text and JSON without building the whole
/// output first.
void write_findings(std::ostream& out, FindingsFormat format, const FindingsReport& report);

/// The object of `objects` (sorted by location) that `where` lies in, or null.
const ObjectSpan* object_at(const std::vector<ObjectSpan>& objects, const Location& where);

}  // namespace im
