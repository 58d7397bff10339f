// konghq.com/plugins: KongPlugin ExtensionRefs only where the Gateway is
// Kong's own; a target implementation gets the standard form or errors.

#include <catch2/catch.hpp>

#include "golden_support.h"

namespace fs = std::filesystem;
using namespace im::testing;

namespace {

/// Converts testdata/convert/kong-plugins/input.yaml with extra arguments.
GoldenRun convert_plugins(std::vector<std::string> extra) {
  std::vector<std::string> args = {"convert", "-f", "input.yaml"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_case(testdata_dir() / "convert" / "kong-plugins", args);
}

}  // namespace

TEST_CASE("with a target implementation Kong plugins are not ExtensionRefs: cors converts, the others are errors "
          "unless the target runs them",
          "[convert][kong]") {
  GoldenRun run = convert_plugins({"--target-controller", "envoy-gateway"});
  CHECK(run.out.find("configuration.konghq.com") == std::string::npos);
  CHECK(run.out.find("    - type: CORS\n") != std::string::npos);
  // Envoy Gateway runs the rate limit; the standard error about it is gone.
  CHECK(run.err.find("input.yaml:68:5: info: konghq.com/plugins: KongPlugin shop/rate-limit-5-min (plugin "
                     "rate-limiting) is converted for Envoy Gateway v1.9.0: BackendTrafficPolicy "
                     "spec.rateLimit.local.rules [kong-plugins]\n") != std::string::npos);
  CHECK(run.err.find("input.yaml:68:5: warning: konghq.com/plugins: KongPlugin shop/rate-limit-5-min (plugin "
                     "rate-limiting): Kong counted per consumer once KongClusterPlugin key-auth (key-auth) "
                     "identified the client; Envoy Gateway counts per client address [kong-plugins]\n") !=
        std::string::npos);
  CHECK(run.err.find("rate-limit-5-min (plugin rate-limiting) has no Gateway API form") == std::string::npos);
  CHECK(run.out.find("          requests: 5\n          unit: Minute\n") != std::string::npos);
  CHECK(run.err.find("input.yaml:68:5: error: konghq.com/plugins: KongClusterPlugin key-auth (plugin key-auth) "
                     "has no Gateway API form, so requests without a valid API key are no longer refused") !=
        std::string::npos);
}

TEST_CASE("without a target the standard finding about a plugin names it and says which targets run it",
          "[convert][kong]") {
  GoldenRun run = convert_plugins({"--gateway", "infra/edge"});
  CHECK(run.err.find("input.yaml:68:5: error: konghq.com/plugins: KongPlugin shop/rate-limit-5-min (plugin "
                     "rate-limiting) has no Gateway API form, so requests are no longer rate limited; use "
                     "--target-controller envoy-gateway, nginx-gateway-fabric or traefik, which convert it "
                     "(BackendTrafficPolicy rateLimit, RateLimitPolicy, rateLimit Middleware; kgateway for limit_by "
                     "service) instead (on Kong's own Gateway API "
                     "support, an ExtensionRef filter to the KongPlugin keeps it) [kong-plugins]\n") !=
        std::string::npos);
  GoldenRun json = convert_plugins({"--gateway", "infra/edge", "--findings-format", "json"});
  CHECK(json.err.find("\"kongPlugin\": \"KongPlugin shop/rate-limit-5-min\"") != std::string::npos);
}

TEST_CASE("on a shared Gateway Kong plugins are not ExtensionRefs either", "[convert][kong]") {
  GoldenRun run = convert_plugins({"--gateway", "infra/edge"});
  CHECK(run.out.find("configuration.konghq.com") == std::string::npos);
  CHECK(run.err.find("input.yaml:68:5: error: konghq.com/plugins: KongClusterPlugin key-auth (plugin key-auth) "
                     "has no Gateway API form, so requests without a valid API key are no longer refused") !=
        std::string::npos);
}

TEST_CASE("on Kong's own Gateway every plugin is an ExtensionRef to its KongPlugin", "[convert][kong]") {
  GoldenRun run = convert_plugins({});
  CHECK(run.out.find("    - type: ExtensionRef\n      extensionRef:\n        group: configuration.konghq.com\n"
                     "        kind: KongPlugin\n        name: key-auth\n") != std::string::npos);
  CHECK(run.out.find("    - type: CORS\n") == std::string::npos);
}
