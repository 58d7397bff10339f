// verify: every convert and rule golden case goes through verify, and the
// requests that route differently are exactly the ones its verify.expected
// lists (each list says why); plus the Gateway API path rules verify relies
// on, pinned to the spec's own examples.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "golden_support.h"
#include "schema_check.h"
#include "verify/gateway_model.h"
#include "verify/grpc_routes.h"
#include "verify/probe.h"

namespace fs = std::filesystem;
using namespace im::testing;
using nlohmann::json;

namespace {

/// The case's convert command line as a verify command line: flags that
/// only shape convert's printed output are dropped.
std::vector<std::string> verify_args(const std::vector<std::string>& args) {
  static const std::set<std::string> with_value = {"-o",      "--output", "--output-dir",
                                                   "--split", "--report", "--target-controller"};
  static const std::set<std::string> alone = {"--force", "-q", "--quiet", "--verify"};
  std::vector<std::string> out = {"verify", "--format", "json"};
  for (size_t i = 1; i < args.size(); ++i) {
    if (with_value.count(args[i])) {
      ++i;
    } else if (!alone.count(args[i])) {
      out.push_back(args[i]);
    }
  }
  return out;
}

struct Expected {
  std::set<std::string> requests;
  bool has_reason = false;
};

/// verify.expected: one differing request per line; "# reason: ..." lines
/// say why each difference is expected; other "#" lines are comments.
Expected read_expected(const fs::path& file) {
  Expected e;
  if (!fs::exists(file)) return e;
  std::istringstream in(read_text(file));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("# reason:", 0) == 0) e.has_reason = true;
    if (line.empty() || line[0] == '#') continue;
    e.requests.insert(line);
  }
  return e;
}

}  // namespace

TEST_CASE(
    "every convert and rule case routes like ingress-nginx except where verify.expected says why",
    "[verify]") {
  const bool update = std::getenv("IM_UPDATE_GOLDEN") != nullptr;
  size_t cases = 0;
  for (const auto& dir : golden_cases()) {
    std::string suite = dir.parent_path().filename().string();
    auto args = read_args(dir);
    if ((suite != "convert" && suite != "rules") || args.empty() || args[0] != "convert") continue;
    ++cases;
    DYNAMIC_SECTION(dir.lexically_relative(testdata_dir()).string()) {
      GoldenRun run = run_case(dir, verify_args(args));
      json out = json::parse(run.out);
      // verify.expected lists every difference, explained or not; only the
      // unexpected ones make verify fail.
      std::set<std::string> differ;
      bool unexpected = false;
      for (const auto& r : out["results"]) {
        if (r["status"] == "unexpected" || r["status"] == "explained")
          differ.insert(r["request"].get<std::string>());
        unexpected = unexpected || r["status"] == "unexpected";
      }
      Expected expected = read_expected(dir / "verify.expected");
      if (update && differ != expected.requests) {
        std::string text = "# reason: TODO\n";
        for (const auto& d : differ) text += d + "\n";
        if (differ.empty()) {
          fs::remove(dir / "verify.expected");
        } else {
          write_text(dir / "verify.expected", text);
        }
        continue;
      }
      CHECK(differ == expected.requests);
      if (!expected.requests.empty()) CHECK(expected.has_reason);
      CHECK(run.exit_code == (run.exit_code == 2 ? 2 : unexpected ? 1 : 0));
    }
  }
  CHECK(cases > 500);
}

TEST_CASE("verify --format json follows docs/verify.schema.json", "[verify]") {
  json schema = json::parse(read_text(std::string(IM_SOURCE_DIR) + "/docs/verify.schema.json"));
  for (const char* name : {"json-format"}) {
    json out = json::parse(read_text(testdata_dir() / "verify" / name / "expected.stdout"));
    std::vector<std::string> errors;
    check_schema(out, schema, schema, "$", errors);
    CHECK(errors == std::vector<std::string>{});
    CHECK(out["results"].size() == out["probes"].get<size_t>());
  }
}

TEST_CASE("ReplacePrefixMatch follows the table in the Gateway API spec", "[verify]") {
  using im::verify::replace_prefix;
  // HTTPPathModifier.ReplacePrefixMatch: request path, prefix match, replacement -> modified path.
  CHECK(replace_prefix("/foo/bar", "/foo", "/xyz") == "/xyz/bar");
  CHECK(replace_prefix("/foo/bar", "/foo", "/xyz/") == "/xyz/bar");
  CHECK(replace_prefix("/foo/bar", "/foo/", "/xyz") == "/xyz/bar");
  CHECK(replace_prefix("/foo/bar", "/foo/", "/xyz/") == "/xyz/bar");
  CHECK(replace_prefix("/foo", "/foo", "/xyz") == "/xyz");
  CHECK(replace_prefix("/foo/", "/foo", "/xyz") == "/xyz/");
  CHECK(replace_prefix("/foo/bar", "/foo", "") == "/bar");
  CHECK(replace_prefix("/foo/", "/foo", "") == "/");
  CHECK(replace_prefix("/foo", "/foo", "") == "/");
  CHECK(replace_prefix("/foo/", "/foo", "/") == "/");
  CHECK(replace_prefix("/foo", "/foo", "/") == "/");
}

TEST_CASE("PathPrefix matches whole path elements and ignores a trailing slash", "[verify]") {
  using im::verify::prefix_matches;
  CHECK(prefix_matches("/abc", "/abc"));
  CHECK(prefix_matches("/abc", "/abc/"));
  CHECK(prefix_matches("/abc", "/abc/def"));
  CHECK_FALSE(prefix_matches("/abc", "/abcd"));
  CHECK(prefix_matches("/abc/", "/abc"));
  CHECK_FALSE(prefix_matches("/abc", "/ABC"));
  CHECK(prefix_matches("/", "/anything"));
}

TEST_CASE("a probe is a URL with optional header words", "[verify]") {
  im::verify::Probe p;
  std::string error;
  REQUIRE(im::verify::parse_probe("https://Shop.Example.com:8443/cart x-canary: always cookie: c=1",
                                  p, error));
  CHECK(p.text() == "https://shop.example.com/cart [x-canary: always] [cookie c=1]");
  CHECK_FALSE(im::verify::parse_probe("ftp://h/", p, error));
  CHECK(error == "\"ftp://h/\" is not an http:// or https:// URL");
  CHECK_FALSE(im::verify::parse_probe("http://h/a?b=1#top", p, error));
  CHECK(error == "\"http://h/a?b=1#top\": a fragment (#...) is never sent to the server; leave it out");
  REQUIRE(im::verify::parse_probe("http://H:8080/a/?b=1&c=", p, error));
  CHECK(p.host == "h");
  CHECK(p.path == "/a/");
  CHECK(p.query == "b=1&c=");
  CHECK(p.text() == "http://h/a/?b=1&c=");
  REQUIRE(im::verify::parse_probe("https://h?x=1", p, error));
  CHECK(p.path == "/");
  CHECK(p.query == "x=1");
  CHECK_FALSE(im::verify::parse_probe("http://h/ x-a", p, error));
  CHECK(error == "expected \"NAME: VALUE\" after the URL, got \"x-a\"");
}

TEST_CASE("a GRPCRoute is read as the paths its method matches stand for", "[verify]") {
  im::GRPCRouteIR g;
  g.ns = "apps";
  g.name = "greeter";
  g.hostnames = {"grpc.example.com"};
  auto rule = [](const std::string& service, const std::string& method) {
    im::GRPCRuleIR r;
    r.service = service;
    r.method = method;
    r.backends.push_back(im::BackendRefIR{});
    r.backends.back().name = "svc";
    return r;
  };
  g.rules = {rule("pkg.Greeter", "SayHello"), rule("pkg.Greeter", ""), rule("", "SayHello"),
             rule("", "")};
  im::HTTPRouteIR h = im::verify::grpc_route_as_http(g);
  CHECK(h.ns == "apps");
  CHECK(h.name == "greeter");
  CHECK(h.hostnames == std::vector<std::string>{"grpc.example.com"});
  REQUIRE(h.rules.size() == 4);
  auto path = [&](size_t i) { return h.rules[i].path.type + " " + h.rules[i].path.value; };
  CHECK(path(0) == "Exact /pkg.Greeter/SayHello");
  CHECK(path(1) == "PathPrefix /pkg.Greeter");
  CHECK(path(2) == "RegularExpression /[^/]+/SayHello");
  CHECK(path(3) == "PathPrefix /");
  CHECK(h.rules[0].backends.at(0).name == "svc");
}
