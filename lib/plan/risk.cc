#include "plan/risk.h"

namespace im {

const char* risk_name(Risk r) {
  switch (r) {
    case Risk::Converted: return "converted";
    case Risk::Partial: return "partial";
    case Risk::None: return "none";
    case Risk::Blocking: return "blocking";
  }
  return "?";
}

Risk risk_of(const Finding& f, const Catalog& catalog) {
  switch (f.severity) {
    case Severity::Error:
      return Risk::Blocking;
    case Severity::Info:
      return Risk::Converted;
    case Severity::Warning:
      break;
  }
  // Annotation findings carry their rule's id (rules/apply.cc report_verdict).
  const Rule* rule = catalog.find(f.rule_id);
  return rule && rule->verdict == Verdict::None ? Risk::None : Risk::Partial;
}

}  // namespace im
