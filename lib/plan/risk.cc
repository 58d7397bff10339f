#include "plan/risk.h"

namespace im {

const char* risk_name(Risk r) {
  switch (r) {
    // Names that cannot be read as "no risk": None means an annotation's
    // behaviour is dropped (it has no equivalent).
    case Risk::Converted: return "converted";
    case Risk::Partial: return "partial";
    case Risk::None: return "dropped (no equivalent)";
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

bool removes_security_control(const std::string& rule_id) {
  // By id, across controller families: nginx-whitelist-source-range,
  // nginx-auth-tls-secret, nginx-limit-rps, snippet-annotation, ...
  for (const char* part : {"source-range", "auth", "snippet", "limit-", "rate-limit", "allowlist",
                           "whitelist", "denylist", "blacklist", "client-cert", "modsecurity", "waf"}) {
    if (rule_id.find(part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace im
