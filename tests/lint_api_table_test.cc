// The removed-API table (rules/lint/removed-apis.yaml) against what users
// already trust: every (group, version, kind) that pluto's own versions
// list covers for Kubernetes must be found by lint, so switching from pluto
// loses nothing. And the releases the migration guide names are all there.

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "lint/tables.h"

using namespace im;

namespace {

// pluto names one row "FlowControl", which is no kind: it stands for the
// flowcontrol v1beta1 group version, whose two kinds the table lists.
const std::map<std::string, std::vector<std::string>> kPlutoNonKinds = {
    {"flowcontrol.apiserver.k8s.io/v1beta1 FlowControl", {"FlowSchema", "PriorityLevelConfiguration"}},
};

std::vector<std::pair<std::string, std::string>> pluto_gvks() {
  std::ifstream in(std::string(IM_SOURCE_DIR) + "/tests/data/pluto-k8s-gvks.txt");
  std::vector<std::pair<std::string, std::string>> out;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string api_version, kind;
    words >> api_version >> kind;
    out.emplace_back(api_version, kind);
  }
  return out;
}

}  // namespace

TEST_CASE("lint knows every Kubernetes (group, version, kind) that pluto knows", "[lint][apis]") {
  auto gvks = pluto_gvks();
  REQUIRE(gvks.size() == 85);
  for (const auto& [api_version, kind] : gvks) {
    INFO(api_version << " " << kind);
    auto other = kPlutoNonKinds.find(api_version + " " + kind);
    if (other != kPlutoNonKinds.end()) {
      for (const std::string& k : other->second) CHECK(find_api_lifecycle(api_version, k));
      continue;
    }
    CHECK(find_api_lifecycle(api_version, kind));
  }
}

TEST_CASE("the removed-API table has each removal release of the migration guide", "[lint][apis]") {
  // Guide sections v1.16, v1.22, v1.25, v1.26, v1.27, v1.29, v1.32, one row
  // each, plus the alpha/beta removals after it.
  const std::map<std::string, std::string> expected = {
      {"apps/v1beta2 Deployment", "1.9 1.16 apps/v1 Deployment"},
      {"extensions/v1beta1 PodSecurityPolicy", "1.11 1.16 policy/v1beta1 PodSecurityPolicy (itself removed in 1.25; use Pod Security Admission)"},
      {"authorization.k8s.io/v1beta1 SelfSubjectRulesReview", "1.19 1.22 authorization.k8s.io/v1 SelfSubjectRulesReview"},
      {"networking.k8s.io/v1beta1 IngressClass", "1.19 1.22 networking.k8s.io/v1 IngressClass"},
      {"batch/v1beta1 CronJob", "1.21 1.25 batch/v1 CronJob"},
      {"policy/v1beta1 PodSecurityPolicy", "1.21 1.25 Pod Security Admission (namespace labels pod-security.kubernetes.io/*) or a third-party admission webhook; there is no API replacement"},
      {"autoscaling/v2beta2 HorizontalPodAutoscaler", "1.23 1.26 autoscaling/v2 HorizontalPodAutoscaler"},
      {"flowcontrol.apiserver.k8s.io/v1beta1 FlowSchema", "1.23 1.26 flowcontrol.apiserver.k8s.io/v1 FlowSchema"},
      {"storage.k8s.io/v1beta1 CSIStorageCapacity", "1.24 1.27 storage.k8s.io/v1 CSIStorageCapacity"},
      {"flowcontrol.apiserver.k8s.io/v1beta2 PriorityLevelConfiguration", "1.26 1.29 flowcontrol.apiserver.k8s.io/v1 PriorityLevelConfiguration"},
      {"flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema", "1.29 1.32 flowcontrol.apiserver.k8s.io/v1 FlowSchema"},
      {"admissionregistration.k8s.io/v1alpha1 ValidatingAdmissionPolicy", "1.28 1.33 admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy"},
      {"resource.k8s.io/v1alpha3 ResourceClaim", "1.32 1.34 resource.k8s.io/v1 ResourceClaim"},
      {"storagemigration.k8s.io/v1alpha1 StorageVersionMigration", "1.35 1.35 storagemigration.k8s.io/v1beta1 StorageVersionMigration"},
      {"storage.k8s.io/v1alpha1 VolumeAttributesClass", "1.31 1.35 storage.k8s.io/v1 VolumeAttributesClass"},
      {"storage.k8s.io/v1beta1 VolumeAttributesClass", "1.34 - storage.k8s.io/v1 VolumeAttributesClass"},
  };
  for (const auto& [gvk, facts] : expected) {
    INFO(gvk);
    std::string api_version = gvk.substr(0, gvk.find(' '));
    const ApiLifecycle* row = find_api_lifecycle(api_version, gvk.substr(gvk.find(' ') + 1));
    REQUIRE(row);
    CHECK(row->deprecated.str() + " " + (row->removed ? row->removed->str() : "-") + " " +
              row->replacement == facts);
  }
  CHECK(api_lifecycles().size() == 78);
}

TEST_CASE("a List kind finds its item kind's row, and nothing else matches loosely", "[lint][apis]") {
  REQUIRE(find_api_lifecycle("rbac.authorization.k8s.io/v1beta1", "RoleBindingList"));
  CHECK(find_api_lifecycle("rbac.authorization.k8s.io/v1beta1", "RoleBindingList")->kind == "RoleBinding");
  CHECK(!find_api_lifecycle("rbac.authorization.k8s.io/v1", "Role"));
  CHECK(!find_api_lifecycle("apps/v1beta2", "List"));
  CHECK(!find_api_lifecycle("apps/v1beta2", "Deploymentlist"));
}

TEST_CASE("every table row is unique, deprecated no later than removed", "[lint][apis]") {
  std::set<std::string> seen;
  for (const ApiLifecycle& a : api_lifecycles()) {
    INFO(a.api_version << " " << a.kind);
    CHECK(seen.insert(a.api_version + " " + a.kind).second);
    if (a.removed) CHECK(a.deprecated <= *a.removed);
    CHECK(!a.replacement.empty());
  }
}

TEST_CASE("Gateway API versions name the release that deprecated them and the replacement",
          "[lint][apis]") {
  const GatewayApiVersion* tls = find_gateway_api_version("gateway.networking.k8s.io/v1alpha3", "TLSRoute");
  REQUIRE(tls);
  CHECK(tls->deprecated_in == "v1.5.0");
  CHECK(tls->replacement == "gateway.networking.k8s.io/v1 TLSRoute");
  const GatewayApiVersion* xls = find_gateway_api_version("gateway.networking.x-k8s.io/v1alpha1", "XListenerSet");
  REQUIRE(xls);
  CHECK(xls->replacement == "gateway.networking.k8s.io/v1 ListenerSet");
  const GatewayApiVersion* mesh = find_gateway_api_version("gateway.networking.x-k8s.io/v1alpha1", "XMesh");
  REQUIRE(mesh);
  CHECK(mesh->deprecated_in.empty());
  CHECK(!find_gateway_api_version("gateway.networking.k8s.io/v1", "TLSRoute"));
  CHECK(!find_gateway_api_version("gateway.networking.k8s.io/v1beta1", "ReferenceGrant"));
}
