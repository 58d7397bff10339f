#pragma once
// Output profiles (rules/targets/<target>.yaml): for one Gateway
// implementation, which ingress-nginx annotation becomes which field of which
// implementation object, and the verdict for that implementation. Data only;
// what an action does is C++ in target_actions.cc.

#include <map>
#include <string>
#include <vector>

#include "diag/location.h"
#include "rules/rule.h"

namespace im {

struct TargetRule {
  /// The controller family whose annotation this is (rules/<family>/):
  /// mostly ingress-nginx, whose users move most; other families' keys
  /// (haproxy.org/allow-list) convert for a target the same way.
  std::string family = "ingress-nginx";
  std::string key;     ///< key without the family's prefix, e.g. "limit-rps"
  std::string action;  ///< name in the target action table
  std::string kind;    ///< object kind written, e.g. "BackendTrafficPolicy"
  std::string field;   ///< path in the object's spec, for docs and `set`
  Verdict verdict = Verdict::Converted;
  std::string lost;  ///< what differs (partial)
  std::string transform;                     ///< `set`: how the value is written
  std::map<std::string, std::string> values;  ///< `set` with transform map
  std::map<std::string, std::string> also;    ///< `set`: constant fields written next to it
  std::map<std::string, std::string> params;
  /// Companion annotations (key without prefix -> value) the key needs to
  /// mean anything, e.g. auth-secret needs auth-type: basic. Used with the
  /// catalog example of the key by the example test and in docs.
  std::map<std::string, std::string> with;
  /// The value the example test uses when the catalog's example is one this
  /// target cannot convert ("" = the catalog's).
  std::string example;
  /// The path of the example's Ingress when the key needs a particular one
  /// (a regex for rewrite-target capture groups); "" = "/app".
  std::string example_path;
  /// Other objects the example needs in the input (YAML documents, e.g. the
  /// ConfigMap auth-proxy-set-headers names), "" = none.
  std::string example_objects;
  /// A standard field the object replaces where this rule converts
  /// ("route-backend-timeout": the routes' timeouts.backendRequest), "" = none.
  std::string replaces;
  Location location;

  bool needs_snippets() const { return action == "snippet"; }
};

struct TargetProfile {
  std::string name;     ///< --target-controller value, e.g. "envoy-gateway"
  std::string controller;  ///< its name in rules/controllers/ (conformance data)
  std::string project;  ///< e.g. "Envoy Gateway"
  std::string version;  ///< pinned release whose CRDs are vendored
  std::string api_version;
  /// Kinds of another API group than api_version's (Istio:
  /// DestinationRule is networking.istio.io/v1), kind -> apiVersion.
  std::map<std::string, std::string> api_versions;
  /// The kind of the implementation filter that carries regex path
  /// rewrites (Envoy Gateway: HTTPRouteFilter), "" = none: then
  /// rewrite-target capture groups no standard URLRewrite expresses stay
  /// unconverted.
  std::string regex_rewrite;
  /// How the implementation matches RegularExpression paths and headers:
  /// "re2" (RE2 full match, ranked between Exact and PathPrefix, as Envoy
  /// Gateway does), "" = not known; verify models "re2" exactly.
  std::string regex_dialect;
  /// The kind that carries the client address detection ingress-nginx's
  /// use-forwarded-headers asked for (Envoy Gateway: ClientTrafficPolicy
  /// clientIPDetection), "" = none.
  std::string client_ip_detection;
  /// The most targetRefs a policy of this implementation may list
  /// (kgateway: 16); an Ingress with more routes or Services gets several
  /// policies. 0 = no limit.
  size_t max_target_refs = 0;
  /// What reaches a service outside the cluster there, for messages
  /// ("a ServiceEntry"); "" = "a PROJECT Backend".
  std::string external_backend;
  std::vector<TargetRule> rules;

  /// The apiVersion of `kind`: its api_versions entry, else api_version.
  const std::string& api_version_of(const std::string& kind) const;
  /// The rule for an ingress-nginx key (without prefix), or null.
  const TargetRule* rule_for(const std::string& key) const { return rule_for("ingress-nginx", key); }
  /// The rule for a key (without prefix) of `family`, or null.
  const TargetRule* rule_for(const std::string& family, const std::string& key) const;
  /// The rule for a catalog rule's key, or null.
  const TargetRule* rule_for(const Rule& rule) const { return rule_for(rule.controller, rule.key); }
  /// The families with rules here, ingress-nginx first.
  std::vector<std::string> families() const;
};

/// The profiles compiled into the binary, sorted by name. Throws
/// RuleLoadError (rules/catalog.h) for a broken profile: a bug in rules/.
const std::vector<TargetProfile>& target_profiles();
/// The profile named `name` (or whose controller is `name`), or null.
const TargetProfile* find_target_profile(const std::string& name);

/// Loads one profile file's text. Throws RuleLoadError.
TargetProfile load_target_profile(const std::string& text, const std::string& origin);

}  // namespace im
