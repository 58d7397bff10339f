// The compatibility report: conformance data complete, JSON output valid
// against docs/report.schema.json, feature detection from emitted objects.

#include <catch2/catch.hpp>

#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "golden_support.h"
#include "schema_check.h"
#include "cli.h"
#include "report/compat_report.h"
#include "report/controllers.h"
#include "report/features.h"

using nlohmann::json;


TEST_CASE("all 30 implementations are present with the report they came from", "[report]") {
  const auto& all = im::known_controllers();
  CHECK(all.size() == 30);
  for (const auto& c : all) {
    INFO(c.name);
    CHECK(c.report.rfind("https://github.com/kubernetes-sigs/gateway-api/blob/", 0) == 0);
    CHECK(!c.profiles.empty());
    CHECK(!c.version.empty());
  }
}

TEST_CASE("a profile whose core result is partial gives partial, not full, support", "[report]") {
  const auto* c = im::find_controller("aws-aws-application-networking-k8s");
  REQUIRE(c != nullptr);
  CHECK(im::support_for(*c, "HTTPRoute") == im::Support::Partial);
  CHECK(im::support_for(*c, "GRPCRoute") == im::Support::Unsupported);  // no GATEWAY-GRPC profile
  const auto* envoy = im::find_controller("envoy-gateway");
  REQUIRE(envoy != nullptr);
  CHECK(im::support_for(*envoy, "HTTPRoute") == im::Support::Supported);
  CHECK(im::support_for(*envoy, "HTTPRouteCORS") == im::Support::Supported);
  CHECK(im::support_for(*envoy, "GatewayInfrastructurePropagation") == im::Support::Unsupported);
  CHECK(im::support_for(*envoy, "NoSuchFeature") == im::Support::Unknown);
}

TEST_CASE("features are read from the emitted object itself", "[report]") {
  json route = json::parse(R"({"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute",
    "metadata":{"name":"r"},"spec":{"parentRefs":[{"name":"g","port":80}],"rules":[
      {"matches":[{"path":{"type":"RegularExpression","value":"/a.*"},"method":"GET",
                   "headers":[{"type":"RegularExpression","name":"x","value":"y"}]}],
       "filters":[{"type":"URLRewrite","urlRewrite":{"hostname":"h","path":{"type":"ReplaceFullPath","replaceFullPath":"/"}}},
                  {"type":"ResponseHeaderModifier","responseHeaderModifier":{"set":[{"name":"a","value":"b"}]}},
                  {"type":"RequestMirror","requestMirror":{"backendRef":{"name":"m","port":80},"percent":10}},
                  {"type":"RequestMirror","requestMirror":{"backendRef":{"name":"n","port":80}}},
                  {"type":"CORS","cors":{"allowOrigins":["*"]}}],
       "timeouts":{"request":"10s","backendRequest":"5s"}},
      {"filters":[{"type":"RequestRedirect","requestRedirect":{"scheme":"https","port":443,"path":{"type":"ReplaceFullPath","replaceFullPath":"/x"},"statusCode":307}}]}]}})");
  CHECK(im::detect_features(route) ==
        std::vector<std::string>{"HTTPRoute", "HTTPRoute307RedirectStatusCode", "HTTPRouteBackendTimeout",
                                 "HTTPRouteCORS", "HTTPRouteHostRewrite", "HTTPRouteMethodMatching",
                                 "HTTPRouteParentRefPort", "HTTPRoutePathRedirect", "HTTPRoutePathRewrite",
                                 "HTTPRoutePortRedirect", "HTTPRouteRequestMirror",
                                 "HTTPRouteRequestMultipleMirrors", "HTTPRouteRequestPercentageMirror",
                                 "HTTPRouteRequestTimeout", "HTTPRouteResponseHeaderModification",
                                 "HTTPRouteSchemeRedirect", "HeaderRegularExpression", "PathRegularExpression"});
  json gw = json::parse(R"({"kind":"Gateway","spec":{"addresses":[{"type":"NamedAddress","value":"ip"}],
    "listeners":[{"name":"a","port":8080,"protocol":"HTTP"},{"name":"b","port":443,"protocol":"TLS"}]}})");
  CHECK(im::detect_features(gw) ==
        std::vector<std::string>{"Gateway", "GatewayPort8080", "GatewayStaticAddresses", "TLSRoute"});
}

TEST_CASE("report --format json output follows docs/report.schema.json", "[report]") {
  json schema = json::parse(im::testing::read_text(std::string(IM_SOURCE_DIR) + "/docs/report.schema.json"));
  for (const char* name : {"json-selected", "json-conversion-errors"}) {
    json out = json::parse(im::testing::read_text(im::testing::testdata_dir() / "report" / name / "expected.stdout"));
    std::vector<std::string> errors;
    im::testing::check_schema(out, schema, schema, "$", errors);
    CHECK(errors == std::vector<std::string>{});
  }
  // The checker itself catches a wrong document.
  json bad = json{{"schemaVersion", 2}, {"features", json::array()}, {"controllers", json::array({json{{"name", 1}}})}};
  std::vector<std::string> errors;
  im::testing::check_schema(bad, schema, schema, "$", errors);
  CHECK(errors.size() == 14);  // 4 for the missing conversion, slug, prerelease and newerPrerelease
}

namespace {

json report_json(const std::string& input) {
  std::istringstream in;
  std::ostringstream out, err;
  im::cli::Io io{in, out, err, false};
  int code = im::cli::run({"report", "-f", input, "--format", "json"}, io);
  INFO(err.str());
  REQUIRE(code == 0);
  return json::parse(out.str());
}

}  // namespace

TEST_CASE("report on input with conversion errors calls no implementation ready", "[report]") {
  const std::string dir = std::string(IM_SOURCE_DIR) + "/testdata/report/";
  json lossy = report_json(dir + "conversion-errors/input.yaml");
  CHECK(lossy["conversion"]["errors"] == 2);
  CHECK(lossy["conversion"]["ingresses"] == 2);
  CHECK(lossy["conversion"]["ingressesNotConverted"] == 1);
  CHECK(lossy["conversion"]["annotationsNotConverted"] == 1);
  REQUIRE(lossy["controllers"].size() == 30);
  for (const auto& c : lossy["controllers"]) {
    INFO(c["name"]);
    CHECK(c["verdict"] != "ready");
  }
  // The same features without the lossy parts: some implementations are
  // ready, so the verdicts above come from the conversion errors.
  json clean = report_json(dir + "../lint/clean/input.yaml");
  CHECK(clean["conversion"]["errors"] == 0);
  size_t ready = 0;
  for (const auto& c : clean["controllers"]) ready += c["verdict"] == "ready";
  CHECK(ready > 10);
}

TEST_CASE("implementations go by their human name, their conformance slug is an alias", "[report]") {
  const auto* istio = im::find_controller("istio");
  REQUIRE(istio != nullptr);
  CHECK(im::find_controller("istio-istio") == istio);
  CHECK(istio->slug == "istio-istio");
  CHECK(im::find_controller("nginx-gateway-fabric") == im::find_controller("nginx-nginx-gateway-fabric"));
  CHECK(im::find_controller("traefik")->slug == "traefik-traefik");
  CHECK(im::is_prerelease(*im::find_controller("kong-operator")));  // v2.3.0-rc.3
  CHECK(!im::is_prerelease(*im::find_controller("envoy-gateway")));  // v1.9.0
}

TEST_CASE("versions order loosely as semver, a pre-release before its release", "[report]") {
  CHECK(im::compare_versions("v2.3.7", "v2.4.0-rc.1") < 0);
  CHECK(im::compare_versions("v2.4.0-rc.1", "v2.4.0") < 0);
  CHECK(im::compare_versions("v1.10.0", "v1.9.0") > 0);
  CHECK(im::compare_versions("1.6.1", "v1.6.1") == 0);
  CHECK(im::compare_versions("enterprise-2.18", "version-2.18") == 0);
}

namespace {
im::ControllerSupport report_of(const std::string& slug, const std::string& version, const std::string& api) {
  im::ControllerSupport c;
  c.name = c.slug = slug;
  c.version = version;
  c.gateway_api_version = api;
  c.report = "https://example.test/" + slug + "/" + version;
  c.profiles.push_back({"GATEWAY-HTTP", "success", "success", {}, {}});
  return c;
}
}  // namespace

TEST_CASE("report prefers the newest released conformance report and marks the version used", "[report]") {
  // gw-a: a newer rc over an older release -> the release, marked.
  // gw-b: only pre-releases -> the newest of them, marked pre-release.
  // gw-c: two releases -> the newer, unmarked.
  auto chosen = im::choose_reports({report_of("gw-a", "v2.4.0-rc.1", "v1.6.1"), report_of("gw-a", "v2.3.7", "v1.5.1"),
                                    report_of("gw-a", "v2.2.0", "v1.5.1"), report_of("gw-b", "v1.0.0-alpha.1", "v1.6.0"),
                                    report_of("gw-b", "v1.0.0-beta.2", "v1.6.0"), report_of("gw-c", "1.9.0", "v1.6.0"),
                                    report_of("gw-c", "1.10.0", "v1.6.0")});
  REQUIRE(chosen.size() == 3);
  CHECK(chosen[0].version == "v2.3.7");
  CHECK(chosen[0].newer_prerelease == "v2.4.0-rc.1");
  CHECK(chosen[1].version == "v1.0.0-beta.2");
  CHECK(chosen[1].newer_prerelease.empty());
  CHECK(chosen[2].version == "1.10.0");

  im::ConversionOutput out;
  auto report = im::build_compat_report(out, {&chosen[0], &chosen[1], &chosen[2]});
  std::string text = im::render_report(report, im::ReportFormat::Text);
  CHECK(text ==
        "CONTROLLER  VERSION                      GATEWAY API  VERDICT\n"
        "gw-a        v2.3.7 (newest release)      v1.5.1       ready\n"
        "gw-b        v1.0.0-beta.2 (pre-release)  v1.6.0       ready\n"
        "gw-c        1.10.0                       v1.6.0       ready\n"
        "\n"
        "Features used: none\n"
        "Support is read from each implementation's newest released Gateway API conformance report "
        "(`ingress-migrate report --format json` names it; a report of an unreleased build only where "
        "no release was tested); partial = the report passed only part of the profile's core tests, "
        "so some core behaviour fails there; unknown = not in that report.\n");
  json j = json::parse(im::render_report(report, im::ReportFormat::Json));
  CHECK(j["controllers"][0]["version"] == "v2.3.7");
  CHECK(j["controllers"][0]["newerPrerelease"] == "v2.4.0-rc.1");
  CHECK(j["controllers"][0]["prerelease"] == false);
  CHECK(j["controllers"][1]["prerelease"] == true);
  CHECK(j["controllers"][2]["newerPrerelease"] == "");
}

TEST_CASE("kgateway's report is its newest release, v2.3.7, not the newer v2.4.0-rc.1", "[report]") {
  const auto* kgateway = im::find_controller("kgateway");
  REQUIRE(kgateway != nullptr);
  CHECK(kgateway->version == "v2.3.7");
  CHECK(kgateway->gateway_api_version == "v1.5.1");
  CHECK(kgateway->newer_prerelease == "v2.4.0-rc.1");
  CHECK(im::known_controllers().size() == 30);
}

TEST_CASE("a KongPlugin ExtensionRef filter is ready on Kong's implementations only", "[report]") {
  im::ConversionOutput out;
  im::HTTPRouteIR route;
  route.ns = "shop";
  route.name = "api";
  im::RouteRuleIR rule;
  im::FilterSet filters;
  filters.extension_refs.push_back(
      nlohmann::ordered_json{{"group", "configuration.konghq.com"}, {"kind", "KongPlugin"}, {"name", "key-auth"}});
  rule.filters = im::SharedFilters(filters);
  route.rules.push_back(rule);
  out.http_routes.push_back(route);
  const auto* kic = im::find_controller("kong-kubernetes-ingress-controller");
  const auto* eg = im::find_controller("envoy-gateway");
  REQUIRE(kic != nullptr);
  REQUIRE(eg != nullptr);
  auto report = im::build_compat_report(out, {kic, eg});
  REQUIRE(report.controllers.size() == 2);
  CHECK(report.controllers[0].verdict == im::Verdict3::Ready);
  CHECK(report.controllers[1].verdict == im::Verdict3::NotSupported);
  REQUIRE(report.controllers[1].gaps.size() == 1);
  CHECK(report.controllers[1].gaps[0].feature == "KongPluginExtensionRef");
}
