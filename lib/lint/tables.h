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

/// An apiVersion/kind that Kubernetes deprecated, and stopped serving or will.
struct ApiLifecycle {
  std::string api_version;
  std::string kind;
  KubeVersion deprecated;
  std::optional<KubeVersion> removed;  ///< nullopt while no removal is announced
  std::string replacement;
  bool field_changes = false;  ///< the replacement needs more than a new apiVersion
};

/// A Gateway API CRD version that a release deprecated or that only the
/// experimental channel installs.
struct GatewayApiVersion {
  std::string api_version;
  std::string kind;          ///< "" for every kind of the apiVersion
  std::string deprecated_in; ///< Gateway API release, "v1.5.0"; "" for experimental kinds
  std::string replacement;   ///< "" when none
  std::string status;        ///< what a current install does with it, for the message
};

/// rules/lint/rules.yaml, in file order.
const std::vector<RuleInfo>& lint_rules();
/// rules/lint/removed-apis.yaml.
const std::vector<ApiLifecycle>& api_lifecycles();
/// The row for an object's apiVersion and kind; a "<Kind>List" finds its
/// kind's row. Null when the table has none.
const ApiLifecycle* find_api_lifecycle(const std::string& api_version, const std::string& kind);
/// rules/lint/gateway-api-versions.yaml.
const std::vector<GatewayApiVersion>& gateway_api_versions();
/// The Gateway API row for an object, null when none (exact kind first).
const GatewayApiVersion* find_gateway_api_version(const std::string& api_version,
                                                  const std::string& kind);
/// The default --target-version: the newest release the table was checked against.
KubeVersion newest_known_version();

/// The lint table's entry for `id`, else one built from the annotation
/// catalog rule with that id; nullopt for an id neither knows.
std::optional<RuleInfo> describe_rule(const std::string& id);
/// Every id describe_rule knows, sorted (for "did you mean").
std::vector<std::string> known_rule_ids();

}  // namespace im
