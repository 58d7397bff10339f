#pragma once
// The lint data compiled from rules/lint/: the lint rules table (id,
// severity, summary, help) and the table of removed apiVersions.

#include <optional>
#include <string>
#include <vector>

#include "diag/finding.h"

namespace im {

/// A Kubernetes minor release, "1.N".
struct KubeVersion {
  int major = 1;
  int minor = 0;
  std::string str() const;
  bool operator<=(const KubeVersion& o) const {
    return major < o.major || (major == o.major && minor <= o.minor);
  }
};

/// "1.30" or "v1.30" (a patch part, "1.30.2", is accepted and ignored).
std::optional<KubeVersion> parse_kube_version(const std::string& text);

/// What a finding id means, for SARIF rule descriptors and help text.
struct RuleInfo {
  std::string id;
  Severity severity = Severity::Warning;
  std::string summary;
  std::string help;
};

/// An apiVersion/kind that Kubernetes deprecated and stopped serving.
struct ApiLifecycle {
  std::string api_version;
  std::string kind;
  KubeVersion deprecated;
  KubeVersion removed;
  std::string replacement;
};

/// rules/lint/rules.yaml, in file order.
const std::vector<RuleInfo>& lint_rules();
/// rules/lint/removed-apis.yaml.
const std::vector<ApiLifecycle>& api_lifecycles();
/// The default --target-version: the newest release the table was checked against.
KubeVersion newest_known_version();

/// The lint table's entry for `id`, else one built from the annotation
/// catalog rule with that id; nullopt for an id neither knows.
std::optional<RuleInfo> describe_rule(const std::string& id);
/// Every id describe_rule knows, sorted (for "did you mean").
std::vector<std::string> known_rule_ids();

}  // namespace im
