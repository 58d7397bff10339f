// The compatibility report: conformance data complete, JSON output valid
// against docs/report.schema.json, feature detection from emitted objects.

#include <catch2/catch.hpp>

#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "golden_support.h"
#include "schema_check.h"
#include "cli.h"
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
  CHECK(errors.size() == 13);  // 3 for the missing conversion, slug and prerelease
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
  CHECK(im::is_prerelease(*im::find_controller("kgateway")));       // v2.4.0-rc.1
  CHECK(!im::is_prerelease(*im::find_controller("envoy-gateway")));  // v1.9.0
}
