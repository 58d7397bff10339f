// konghq.com/methods in convert: values the Kong Ingress Controller or
// Gateway API cannot take become errors at the annotation, whole messages
// with positions, and the rest of the Ingress still converts.

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "golden_support.h"

namespace fs = std::filesystem;
using namespace im::testing;

namespace {

/// Converts a kong Ingress with this methods value (line 14, column 5).
GoldenRun convert_methods(const std::string& methods) {
  fs::path dir = fs::temp_directory_path() / "im-test-kong-methods";
  fs::remove_all(dir);
  fs::create_directories(dir);
  write_text(dir / "input.yaml",
             "apiVersion: networking.k8s.io/v1\n"
             "kind: IngressClass\n"
             "metadata:\n"
             "  name: kong\n"
             "spec:\n"
             "  controller: ingress-controllers.konghq.com/kong\n"
             "---\n"
             "apiVersion: networking.k8s.io/v1\n"
             "kind: Ingress\n"
             "metadata:\n"
             "  name: m\n"
             "  namespace: demo\n"
             "  annotations:\n"
             "    konghq.com/methods: \"" + methods + "\"\n"
             "spec:\n"
             "  ingressClassName: kong\n"
             "  rules:\n"
             "  - host: demo.example.com\n"
             "    http:\n"
             "      paths:\n"
             "      - path: /api\n"
             "        pathType: Prefix\n"
             "        backend: {service: {name: web, port: {number: 80}}}\n");
  return run_case(dir, {"convert", "-f", "input.yaml"});
}

/// The stderr lines that are errors.
std::vector<std::string> errors(const std::string& err) {
  std::vector<std::string> out;
  std::istringstream in(err);
  for (std::string line; std::getline(in, line);) {
    if (line.find(": error: ") != std::string::npos) out.push_back(line);
  }
  return out;
}

}  // namespace

TEST_CASE("a konghq.com/methods item that is not a method name is an error and every method matches, as in KIC",
          "[convert][kong]") {
  GoldenRun run = convert_methods("GET,P0ST");
  CHECK(errors(run.err) ==
        std::vector<std::string>{
            "input.yaml:14:5: error: konghq.com/methods: \"P0ST\" is not a method name (letters only), so the Kong "
            "Ingress Controller ignored the whole annotation and its routes took every method; the routes here "
            "take every method too [kong-methods]"});
  CHECK(run.out.find("method:") == std::string::npos);
  CHECK(run.out.find("value: /api\n") != std::string::npos);
}

TEST_CASE("a konghq.com/methods method HTTPRouteMatch cannot take is an error; the others still convert",
          "[convert][kong]") {
  GoldenRun run = convert_methods("get, PURGE");
  CHECK(errors(run.err) ==
        std::vector<std::string>{"input.yaml:14:5: error: konghq.com/methods: PURGE is not one of the methods "
                                 "HTTPRouteMatch.method takes, so PURGE requests to these paths now go to the "
                                 "host's other rules, or 404 [kong-methods]"});
  CHECK(run.out.find("      method: GET\n") != std::string::npos);
  CHECK(run.out.find("PURGE") == std::string::npos);
}
