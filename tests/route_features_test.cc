// `report` reads the features of Gateways, ListenerSets and HTTPRoutes as
// planned (gateway_features, http_route_features...) instead of building
// each object; the two readings must agree on every object the tool makes.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "driver/convert_job.h"
#include "driver/load.h"
#include "emit/objects.h"
#include "golden_support.h"
#include "report/features.h"

namespace {

namespace fs = std::filesystem;

/// Every input of the convert, target and report goldens and the
/// real-world corpus.
std::vector<fs::path> corpus_inputs() {
  std::vector<fs::path> inputs;
  const fs::path data = im::testing::testdata_dir();
  for (const char* dir : {"convert", "targets", "report", "verify"}) {
    for (const auto& entry : fs::recursive_directory_iterator(data / dir)) {
      if (entry.is_regular_file() && entry.path().filename() == "input.yaml") inputs.push_back(entry.path());
    }
  }
  for (const auto& entry : fs::directory_iterator(data / "realworld")) {
    if (entry.path().extension() == ".yaml") inputs.push_back(entry.path());
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

}  // namespace

TEST_CASE("HTTPRoute features read from the plan equal those read from the built route, on every corpus input",
          "[report]") {
  const std::vector<fs::path> inputs = corpus_inputs();
  REQUIRE(inputs.size() > 100);
  size_t routes = 0;
  std::set<std::string> seen;
  for (const fs::path& input : inputs) {
    std::istringstream no_stdin;
    im::Findings findings;
    im::LoadResult load = im::load_inputs({input.string()}, no_stdin, im::ParseLimits{}, findings);
    load.inventory.assign_namespace("default");
    for (const char* target : {"", "envoy-gateway", "istio", "kgateway", "nginx-gateway-fabric", "traefik"}) {
      for (int variant = 0; variant < 3; ++variant) {
        // Plain; experimental fields (sessionPersistence); ListenerSets on
        // a shared Gateway.
        im::ConvertOptions options;
        options.experimental = variant == 1;
        if (variant == 2) {
          options.shared_gateway = im::GatewayRef{"infra", "shared"};
          options.listener_sets = true;
        }
        im::Findings conversion_findings;
        im::ConversionResult result = im::convert_for_target(load.inventory, options, im::Catalog::builtin(), target,
                                                             im::TargetOptions{}, conversion_findings);
        for (const auto& route : result.output.http_routes) {
          INFO(input.string() << " target \"" << target << "\" route " << route.ns << "/" << route.name);
          const std::vector<std::string> planned = im::http_route_features(route);
          CHECK(planned == im::detect_features(im::http_route_object(route)));
          seen.insert(planned.begin(), planned.end());
          ++routes;
        }
        for (const auto& g : result.output.gateways) {
          if (!g.existing.is_null()) continue;
          INFO(input.string() << " target \"" << target << "\" Gateway " << g.ns << "/" << g.name);
          const std::vector<std::string> planned = im::gateway_features(g);
          CHECK(planned == im::detect_features(im::gateway_object(g)));
          seen.insert(planned.begin(), planned.end());
        }
        for (const auto& set : result.output.listener_sets) {
          INFO(input.string() << " target \"" << target << "\" ListenerSet " << set.ns << "/" << set.name);
          const std::vector<std::string> planned = im::listener_set_features(set);
          CHECK(planned == im::detect_features(im::listener_set_object(set)));
          seen.insert(planned.begin(), planned.end());
        }
      }
    }
  }
  CHECK(routes > 1000);
  // The corpus reaches the features routes are made with, so the equality
  // above covers their branches (the listener ones it does not reach are
  // in the next test).
  for (const char* feature : {"HTTPRouteSchemeRedirect", "HTTPRoutePathRewrite", "HTTPRouteBackendTimeout",
                              "PathRegularExpression", "HTTPRouteRequestMirror", "HTTPRouteCORS",
                              "HTTPRouteResponseHeaderModification", "SessionPersistence", "ListenerSet", "HTTPRouteRetry",
                              "HTTPRouteRetryConnectionError", "HTTPRouteRetryBackendTimeout"}) {
    INFO(feature);
    CHECK(seen.count(feature) == 1);
  }
}

TEST_CASE("HTTPRoute features read from the plan cover every construct a route rule can hold", "[report]") {
  im::HTTPRouteIR route;
  route.ns = "shop";
  route.name = "web";
  route.parents.emplace_back("", "gw", "");
  route.parents.back().port = 443;

  im::RouteRuleIR rewrite;
  rewrite.path = im::PathMatchIR{"RegularExpression", "/a/.*"};
  rewrite.headers.push_back(im::HeaderMatchIR{"RegularExpression", "X-Team", "a.*"});
  im::FilterSet& f = rewrite.filters.edit();
  f.rewrite_prefix = "/b";
  f.rewrite_hostname = "b.example.com";
  f.response_remove.push_back("Server");
  f.cors = nlohmann::ordered_json{{"allowOrigins", {"*"}}};
  f.mirrors.push_back(nlohmann::ordered_json{{"backendRef", {{"name", "m1"}, {"port", 80}}}, {"percent", 10}});
  f.mirrors.push_back(nlohmann::ordered_json{{"backendRef", {{"name", "m2"}, {"port", 80}}}});
  rewrite.request_timeout = "10s";
  rewrite.backend_timeout = "5s";
  rewrite.session_persistence = nlohmann::ordered_json{{"type", "Cookie"}};
  rewrite.retry = std::make_shared<im::RetryIR>(im::RetryIR{2, {}});
  route.rules.push_back(rewrite);

  im::RouteRuleIR redirect;
  redirect.path = im::PathMatchIR{"PathPrefix", "/"};
  im::RedirectSpec to;
  to.scheme = "https";
  to.port = 8443;
  to.full_path = "/x";
  to.status_code = 307;
  redirect.filters.edit().redirect = to;
  route.rules.push_back(redirect);

  const std::vector<std::string> expected = {
      "HTTPRoute", "HTTPRoute307RedirectStatusCode", "HTTPRouteBackendTimeout", "HTTPRouteCORS",
      "HTTPRouteHostRewrite", "HTTPRouteParentRefPort", "HTTPRoutePathRedirect", "HTTPRoutePathRewrite",
      "HTTPRoutePortRedirect", "HTTPRouteRequestMirror", "HTTPRouteRequestMultipleMirrors",
      "HTTPRouteRequestPercentageMirror", "HTTPRouteRequestTimeout", "HTTPRouteResponseHeaderModification",
      "HTTPRouteRetry", "HTTPRouteRetryBackendTimeout", "HTTPRouteRetryConnectionError",
      "HTTPRouteSchemeRedirect", "HeaderRegularExpression", "PathRegularExpression", "SessionPersistence"};
  CHECK(im::http_route_features(route) == expected);
  CHECK(im::detect_features(im::http_route_object(route)) == expected);
}

TEST_CASE("Gateway and ListenerSet features read from the plan cover every listener construct", "[report]") {
  im::GatewayIR g;
  g.ns = "infra";
  g.name = "edge";
  g.gateway_class = "nginx";
  g.named_address = "edge-ip";
  im::ListenerIR http;
  http.name = "http-8080";
  http.port = 8080;
  im::ListenerIR tls;
  tls.name = "tls";
  tls.port = 443;
  tls.protocol = "TLS";
  tls.tls_mode = "Passthrough";
  g.listeners = {http, tls};
  const std::vector<std::string> expected = {"Gateway", "GatewayPort8080", "GatewayStaticAddresses", "TLSRoute"};
  CHECK(im::gateway_features(g) == expected);
  CHECK(im::detect_features(im::gateway_object(g)) == expected);

  im::ListenerSetIR set;
  set.ns = "shop";
  set.name = "shop";
  set.parent_ns = "infra";
  set.parent_name = "edge";
  set.listeners = {http, tls};
  const std::vector<std::string> expected_set = {"GatewayPort8080", "ListenerSet", "TLSRoute"};
  CHECK(im::listener_set_features(set) == expected_set);
  CHECK(im::detect_features(im::listener_set_object(set)) == expected_set);
}
