#pragma once
// One annotation rule, as loaded from a rules/<controller>/*.yaml file.

#include <map>
#include <string>
#include <vector>

#include "diag/location.h"

namespace im {

enum class Verdict { Converted, Partial, None };

/// "converted", "partial", "none".
const char* verdict_name(Verdict v);

/// A verdict for one value of an annotation whose values convert
/// differently (backend-protocol: HTTP converts, FCGI does not).
struct ValueVerdict {
  std::string value;  ///< matched without regard to case or surrounding spaces
  Verdict verdict = Verdict::None;
  std::string lost;     ///< partial: what differs
  std::string instead;  ///< none: why, and what to do instead
  bool error = false;   ///< none: an error rather than a warning
};

struct Rule {
  std::string id;          ///< stable id, ties rule, fixture and doc
  std::string controller;  ///< family, e.g. "ingress-nginx"
  std::string key;         ///< full annotation key; may end in "*" for a pattern
  std::string action;      ///< name in the action table
  Verdict verdict = Verdict::None;
  std::string value_format;  ///< e.g. "bool", "path", "int"
  std::vector<std::string> features;  ///< Gateway API conformance features the output needs
  std::string summary;  ///< one line
  std::string lost;     ///< what is lost (partial)
  std::string instead;  ///< what to do instead (none)
  std::string example;  ///< a typical value, used in docs and the rule's fixture
  std::map<std::string, std::string> params;
  /// Per-value verdicts; a value not listed gets the rule's own verdict.
  std::vector<ValueVerdict> value_verdicts;
  Location location;  ///< where the rule was defined

  bool is_pattern() const { return !key.empty() && key.back() == '*'; }
};

/// A controller family: its annotation prefixes and rules.
struct Family {
  std::string name;                   ///< e.g. "ingress-nginx"
  std::vector<std::string> prefixes;  ///< e.g. "nginx.ingress.kubernetes.io/"
  std::string source;                 ///< where the facts came from
  Location location;
};

}  // namespace im
