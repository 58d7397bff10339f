#pragma once
// What each Gateway API implementation supports, from its newest
// conformance report (rules/controllers/*.yaml, compiled in).

#include <set>
#include <string>
#include <vector>

namespace im {

struct ProfileSupport {
  std::string name;      ///< GATEWAY-HTTP, GATEWAY-GRPC, GATEWAY-TLS, ...
  std::string core;      ///< success, partial, failure
  std::string extended;  ///< success, partial, failure
  std::set<std::string> supported;
  std::set<std::string> unsupported;
};

struct ControllerSupport {
  std::string name;  ///< human name, e.g. "istio", "nginx-gateway-fabric"
  std::string slug;  ///< the conformance report's folder, e.g. "istio-istio"; an alias of name
  std::string organization, project, version, gateway_api_version, channel, mode, report;
  std::vector<ProfileSupport> profiles;
  /// The version of a newer report that tested a pre-release build and was
  /// passed over for this released one; empty when this is the newest.
  std::string newer_prerelease;
};

/// Orders implementation versions loosely as semver: a leading "v" and any
/// text before the first digit are ignored, numeric parts compare as
/// numbers, and a pre-release sorts before its release. <0, 0 or >0.
int compare_versions(const std::string& a, const std::string& b);

/// One report per implementation (by slug) out of all reports known for it:
/// the newest released one (by Gateway API version, then implementation
/// version); a pre-release only when the implementation has no released
/// report. A newer pre-release passed over is named in newer_prerelease.
/// The result is sorted by name.
std::vector<ControllerSupport> choose_reports(std::vector<ControllerSupport> reports);

/// Every known implementation, sorted by name.
const std::vector<ControllerSupport>& known_controllers();
/// By human name or conformance slug.
const ControllerSupport* find_controller(const std::string& name);
/// Every name find_controller accepts (human names and slugs), sorted.
std::vector<std::string> controller_names();
/// Whether the report tested a pre-release build (rc, alpha, beta, pre-release).
bool is_prerelease(const ControllerSupport& c);

/// How well one implementation supports one feature.
enum class Support { Supported, Partial, Unknown, Unsupported };
const char* support_name(Support s);

/// Core features ("Gateway", "HTTPRoute", "GRPCRoute", "TLSRoute",
/// "ReferenceGrant") follow the core result of the profile that has them;
/// extended features are looked up in every profile's lists.
Support support_for(const ControllerSupport& c, const std::string& feature);

}  // namespace im
