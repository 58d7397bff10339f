#pragma once
// Findings are what the tool tells the user about their manifests. They are
// values: collected, sorted and all reported, never thrown.

#include <algorithm>
#include <string>
#include <vector>

#include "diag/location.h"

namespace im {

enum class Severity { Error, Warning, Info };

/// "error", "warning", "info".
const char* severity_name(Severity s);

/// A fact a finding carries as data besides its message, for machine
/// readers (JSON and SARIF): e.g. removedIn "1.25" on a removed apiVersion.
struct FindingProperty {
  std::string key;
  std::string value;
  bool operator==(const FindingProperty& o) const { return key == o.key && value == o.value; }
};

struct Finding {
  Severity severity = Severity::Info;
  Location location;
  std::string message;
  std::string rule_id;  ///< stable id, e.g. "nginx-configuration-snippet"
  std::vector<FindingProperty> properties;  ///< in the order they are rendered
  /// The catalog's verdict for an annotation ("not converted" / "only partly
  /// converted", rules/apply.cc): what a target's own verdict replaces
  /// (lib/targets). Not rendered.
  bool catalog_verdict = false;
};

/// "path:line:col: severity: message [rule-id]"; with `color`, the severity
/// in a terminal colour.
std::string format_finding(const Finding& f, bool color = false);

class Findings {
 public:
  void add(Severity s, Location loc, std::string message, std::string rule_id);
  void error(Location loc, std::string message, std::string rule_id) {
    add(Severity::Error, std::move(loc), std::move(message), std::move(rule_id));
  }
  void warning(Location loc, std::string message, std::string rule_id) {
    add(Severity::Warning, std::move(loc), std::move(message), std::move(rule_id));
  }
  void info(Location loc, std::string message, std::string rule_id) {
    add(Severity::Info, std::move(loc), std::move(message), std::move(rule_id));
  }
  /// Adds a finding that carries structured facts besides its message.
  void add(Finding finding) { items_.push_back(std::move(finding)); }
  void append(const Findings& other);

  const std::vector<Finding>& items() const { return items_; }
  /// The findings, moved out; this is empty afterwards.
  std::vector<Finding> take_items() { return std::move(items_); }
  /// Keeps only the findings `keep` says yes to, in place.
  template <typename Keep>
  void keep_if(Keep keep) {
    items_.erase(std::remove_if(items_.begin(), items_.end(),
                                [&](const Finding& f) { return !keep(f); }),
                 items_.end());
  }
  size_t count(Severity s) const;
  bool has_errors() const { return count(Severity::Error) > 0; }

  /// Sorts by location, then severity, then message, and drops exact
  /// duplicates, so output does not depend on the order work was done in.
  void sort_and_dedupe();

 private:
  std::vector<Finding> items_;
};

}  // namespace im
