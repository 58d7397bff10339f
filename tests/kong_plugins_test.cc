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

TEST_CASE("with a target implementation Kong plugins are not ExtensionRefs: cors converts, the others are errors",
          "[convert][kong]") {
  GoldenRun run = convert_plugins({"--target-controller", "envoy-gateway"});
  CHECK(run.out.find("configuration.konghq.com") == std::string::npos);
  CHECK(run.out.find("    - type: CORS\n") != std::string::npos);
  CHECK(run.err.find("input.yaml:68:5: error: konghq.com/plugins: KongPlugin shop/rate-limit-5-min (plugin "
                     "rate-limiting) has no Gateway API form, so requests are no longer rate limited; use Envoy "
                     "Gateway BackendTrafficPolicy rateLimit, kgateway TrafficPolicy rateLimit, or a Traefik "
                     "rateLimit Middleware instead (on Kong's own Gateway API support, an ExtensionRef filter to "
                     "the KongPlugin keeps it) [kong-plugins]\n") != std::string::npos);
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
