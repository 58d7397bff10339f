// The two routing models of verify on small inputs, one behaviour each,
// with whole outcomes compared.

#include <catch2/catch.hpp>
#include <memory>

#include "model/inventory.h"
#include "parse/document.h"
#include "verify/gateway_model.h"
#include "verify/gateway_reader.h"
#include "verify/location_index.h"
#include "verify/nginx_model.h"

using namespace im;
using namespace im::verify;

namespace {

const char* const kClass = R"(apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: nginx}
spec: {controller: k8s.io/ingress-nginx}
)";

std::string ingress(const std::string& name, const std::string& host, const std::string& path,
                    const std::string& type, const std::string& service,
                    const std::string& extra = "") {
  return "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: " + name +
         "\n  namespace: ns\n" + extra +
         "spec:\n  ingressClassName: nginx\n  rules:\n  - host: " + host +
         "\n    http:\n      paths:\n      - path: " + path + "\n        pathType: " + type +
         "\n        backend: {service: {name: " + service + ", port: {number: 80}}}\n";
}

/// Calls `read` on every document of `yaml`; the input must be clean.
template <typename Read>
void each_document(const std::string& yaml, Read read) {
  Findings findings;
  read_documents(yaml, std::make_shared<const std::string>("t.yaml"), ParseLimits{}, findings,
                 [&](Document&& doc) {
                   read(doc, findings);
                   return true;
                 });
  REQUIRE(findings.items().empty());
}

Inventory inventory(const std::string& yaml) {
  Inventory inv;
  each_document(yaml, [&](const Document& doc, Findings& f) { read_objects(doc, inv, f); });
  inv.sort();
  return inv;
}

std::string nginx(const std::string& yaml, const std::string& url) {
  Inventory inv = inventory(yaml);
  NginxModel model(inv, "nginx.ingress.kubernetes.io", "");
  Probe p;
  std::string error;
  REQUIRE(parse_probe(url, p, error));
  return model.route(p).text(p.host);
}

std::string gateway(const std::string& yaml, const std::string& url, GatewayDialect dialect = {}) {
  ConversionOutput out;
  each_document(yaml, [&](const Document& doc, Findings& f) { read_gateway_objects(doc, out, f); });
  GatewayModel model(out, dialect);
  Probe p;
  std::string error;
  REQUIRE(parse_probe(url, p, error));
  return model.route(p).text(p.host);
}

}  // namespace

TEST_CASE("nginx answers /p with a 301 to /p/ for a Prefix path that ends in a slash", "[verify]") {
  std::string yaml = std::string(kClass) + ingress("a", "h.example.com", "/p/", "Prefix", "svc");
  CHECK(nginx(yaml, "http://h.example.com/p") == "redirect 301 http://h.example.com/p/");
  CHECK(nginx(yaml, "http://h.example.com/p/x") == "ns/svc:80 path /p/x");
}

TEST_CASE("nginx gives a duplicate host and path to the oldest Ingress", "[verify]") {
  std::string yaml = std::string(kClass) +
                     ingress("young", "h.example.com", "/p", "Prefix", "young",
                             "  creationTimestamp: \"2024-02-01T00:00:00Z\"\n") +
                     ingress("old", "h.example.com", "/p", "ImplementationSpecific", "old",
                             "  creationTimestamp: \"2024-01-01T00:00:00Z\"\n");
  CHECK(nginx(yaml, "http://h.example.com/p") == "ns/old:80 path /p");
}

TEST_CASE("a canary header that does not equal canary-by-header-value falls through to the cookie",
          "[verify]") {
  std::string yaml = std::string(kClass) +
                     ingress("main", "h.example.com", "/", "Prefix", "stable") +
                     ingress("canary", "h.example.com", "/", "Prefix", "next",
                             "  annotations:\n    nginx.ingress.kubernetes.io/canary: \"true\"\n"
                             "    nginx.ingress.kubernetes.io/canary-by-header: X-Ring\n"
                             "    nginx.ingress.kubernetes.io/canary-by-header-value: beta\n"
                             "    nginx.ingress.kubernetes.io/canary-by-cookie: ring\n"
                             "    nginx.ingress.kubernetes.io/canary-weight: \"10\"\n");
  CHECK(nginx(yaml, "http://h.example.com/ x-ring: beta") == "ns/next:80 path /");
  CHECK(nginx(yaml, "http://h.example.com/ x-ring: gamma cookie: ring=always") ==
        "ns/next:80 path /");
  CHECK(nginx(yaml, "http://h.example.com/ cookie: ring=never") == "ns/stable:80 path /");
  CHECK(nginx(yaml, "http://h.example.com/") == "ns/next:80 10%, ns/stable:80 90% path /");
}

TEST_CASE("an unmodelled annotation makes the nginx outcome uncertain", "[verify]") {
  std::string yaml =
      std::string(kClass) +
      ingress("a", "h.example.com", "/", "Prefix", "svc",
              "  annotations:\n    nginx.ingress.kubernetes.io/auth-url: http://auth/\n");
  CHECK(nginx(yaml, "http://h.example.com/") ==
        "uncertain (annotation nginx.ingress.kubernetes.io/auth-url is not modelled)");
}

namespace {

const char* const kGateway = R"(apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: ns}
spec:
  gatewayClassName: x
  listeners:
  - {name: http, port: 80, protocol: HTTP}
)";

std::string route(const std::string& name, const std::string& host, const std::string& match,
                  const std::string& service, const std::string& filters = "") {
  return std::string(
             "---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: ") +
         name + ", namespace: ns}\nspec:\n  parentRefs: [{name: gw}]\n  hostnames: [\"" + host +
         "\"]\n  rules:\n  - matches: [" + match + "]\n" + filters +
         "    backendRefs: [{name: " + service + ", port: 80}]\n";
}

}  // namespace

TEST_CASE("a route naming the host exactly beats a wildcard route with a longer path", "[verify]") {
  std::string yaml =
      std::string(kGateway) +
      route("wild", "*.example.com", "{path: {type: PathPrefix, value: /long/path}}", "wild") +
      route("exact", "h.example.com", "{path: {type: PathPrefix, value: /}}", "exact");
  CHECK(gateway(yaml, "http://h.example.com/long/path") == "ns/exact:80 path /long/path");
  CHECK(gateway(yaml, "http://other.example.com/long/path/x") == "ns/wild:80 path /long/path/x");
  CHECK(gateway(yaml, "http://example.com/long/path") == "404");
}

TEST_CASE("a RequestRedirect to https leaves the well-known port out of Location", "[verify]") {
  std::string yaml =
      std::string(kGateway) + route("r", "h.example.com", "{path: {type: PathPrefix, value: /old}}",
                                    "unused",
                                    "    filters:\n    - type: RequestRedirect\n      "
                                    "requestRedirect:\n        scheme: https\n"
                                    "        path: {type: ReplacePrefixMatch, replacePrefixMatch: "
                                    "/new}\n        statusCode: 301\n");
  CHECK(gateway(yaml, "http://h.example.com/old/x") == "redirect 301 https://h.example.com/new/x");
}

TEST_CASE("method and RegularExpression matches are uncertain, not guessed", "[verify]") {
  std::string yaml =
      std::string(kGateway) +
      route("m", "h.example.com", "{path: {type: PathPrefix, value: /}, method: GET}", "m") +
      route("r", "r.example.com", "{path: {type: RegularExpression, value: \"/a.*\"}}", "r");
  CHECK(gateway(yaml, "http://h.example.com/") == "uncertain (a method match is not modelled)");
  CHECK(gateway(yaml, "http://r.example.com/a") ==
        "uncertain (RegularExpression path \"/a.*\" is implementation-specific)");
}

TEST_CASE("under Envoy Gateway's RE2 dialect a RegularExpression path is a full match ranked between Exact "
          "and PathPrefix",
          "[verify]") {
  GatewayDialect envoy;
  envoy.re2_regex = true;
  std::string yaml =
      std::string(kGateway) +
      route("prefix", "h.example.com", "{path: {type: PathPrefix, value: /api/v1}}", "prefix") +
      route("regex", "h.example.com", "{path: {type: RegularExpression, value: \"/api/v[0-9]+/.*\"}}", "regex") +
      route("exact", "h.example.com", "{path: {type: Exact, value: /api/v1/x}}", "exact");
  CHECK(gateway(yaml, "http://h.example.com/api/v1/x", envoy) == "ns/exact:80 path /api/v1/x");
  CHECK(gateway(yaml, "http://h.example.com/api/v1/y", envoy) == "ns/regex:80 path /api/v1/y");
  // A full match: "/api/v1" alone is not "/api/v[0-9]+/.*", so the prefix takes it.
  CHECK(gateway(yaml, "http://h.example.com/api/v1?q=1", envoy) == "ns/prefix:80 path /api/v1?q=1");
  CHECK(gateway(yaml, "http://h.example.com/API/v1/y", envoy) == "404");
}

namespace {

const char* const kRegexRewriteRoute =
    "    filters:\n    - type: ExtensionRef\n"
    "      extensionRef: {group: gateway.envoyproxy.io, kind: HTTPRouteFilter, name: users}\n";

const char* const kRegexRewriteFilter = R"(---
apiVersion: gateway.envoyproxy.io/v1alpha1
kind: HTTPRouteFilter
metadata: {name: users, namespace: ns}
spec:
  urlRewrite:
    path:
      type: ReplaceRegexMatch
      replaceRegexMatch: {pattern: "(?i)^(?:/profile/([0-9]+)).*$", substitution: "/users/\\1/profile"}
)";

}  // namespace

TEST_CASE("an ExtensionRef to an Envoy Gateway HTTPRouteFilter rewrites the path by its regex, keeping the query",
          "[verify]") {
  GatewayDialect envoy;
  envoy.re2_regex = true;
  std::string yaml = std::string(kGateway) +
                     route("r", "h.example.com",
                           "{path: {type: RegularExpression, value: \"(?i)^(?:/profile/([0-9]+)).*\"}}", "users",
                           kRegexRewriteRoute) +
                     kRegexRewriteFilter;
  CHECK(gateway(yaml, "http://h.example.com/profile/42/x?tab=2", envoy) ==
        "ns/users:80 path /users/42/profile?tab=2");
  CHECK(gateway(yaml, "http://h.example.com/profile/abc", envoy) == "404");
}

TEST_CASE("an ExtensionRef to an HTTPRouteFilter missing from the input answers 500, as the spec says", "[verify]") {
  std::string yaml = std::string(kGateway) + route("r", "h.example.com", "{path: {type: PathPrefix, value: /}}",
                                                   "users", kRegexRewriteRoute);
  CHECK(gateway(yaml, "http://h.example.com/profile/42") ==
        "500 (ExtensionRef to HTTPRouteFilter ns/users, which is not in the input)");
}

TEST_CASE(
    "a rewrite-target equal to its path does not rewrite it, but the host's root makes it regex",
    "[verify]") {
  std::string yaml =
      std::string(kClass) +
      ingress("a", "h.example.com", "/p", "Prefix", "svc",
              "  annotations:\n    nginx.ingress.kubernetes.io/rewrite-target: /p\n");
  CHECK(nginx(yaml, "http://h.example.com/p/x") == "ns/svc:80 path /p/x");
  CHECK(nginx(yaml, "http://h.example.com/px") == "ns/svc:80 path /px");
}

// --- indexing (issue 20): the indexes must choose what a scan chose ------

TEST_CASE("a regex location's required prefix stops where the pattern may stop needing it",
          "[verify][index]") {
  CHECK(regex_required_prefix("/Svc1/api(/|$)(.*)") == "/svc1/api");
  CHECK(regex_required_prefix("/foo?") == "/fo");
  CHECK(regex_required_prefix("/ab*c") == "/a");
  CHECK(regex_required_prefix("/ab{0,2}") == "/a");
  CHECK(regex_required_prefix("/ab+") == "/ab");
  CHECK(regex_required_prefix("/a.b") == "/a");
  CHECK(regex_required_prefix("/a\\.b") == "/a");
  CHECK(regex_required_prefix("(/a|/b)") == "");
  CHECK(regex_required_prefix("/a|/b") == "");
  CHECK(regex_required_prefix("/a)|(/b") == "");
  CHECK(regex_required_prefix("/a[|)]x") == "/a");
  CHECK(regex_required_prefix("/a\\Q)|\\E") == "");
  CHECK(regex_required_prefix("/caf\xc3\xa9") == "/caf");
}

TEST_CASE("on a regex host the first matching location in nginx's order wins, indexed or not",
          "[verify][index]") {
  auto path = [](const std::string& p, const std::string& svc) {
    return "      - path: \"" + p + "\"\n        pathType: ImplementationSpecific\n" +
           "        backend: {service: {name: " + svc + ", port: {number: 80}}}\n";
  };
  // nginx's order: longest path first. "/(a|b)x/.*" has no literal start and
  // sorts before "/ax/y", so it takes "/ax/y" although "/ax/y" names it.
  std::string yaml = std::string(kClass) +
                     "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n"
                     "  name: r\n  namespace: ns\n  annotations:\n"
                     "    nginx.ingress.kubernetes.io/use-regex: \"true\"\n"
                     "spec:\n  ingressClassName: nginx\n  rules:\n  - host: h.example.com\n"
                     "    http:\n      paths:\n" +
                     path("/(a|b)x/.*", "alt") + path("/ax/y", "named") + path("/kkx", "k") +
                     path("/Upper", "upper") + path("/b(", "bad") + path("/z", "z");
  CHECK(nginx(yaml, "http://h.example.com/ax/y") == "ns/alt:80 path /ax/y");
  CHECK(nginx(yaml, "http://h.example.com/ax/yz") == "ns/alt:80 path /ax/yz");
  CHECK(nginx(yaml, "http://h.example.com/UPPERcase") == "ns/upper:80 path /UPPERcase");
  // The Kelvin sign folds to k: non-ASCII requests try every location.
  CHECK(nginx(yaml, "http://h.example.com/\xe2\x84\xaakx") == "ns/k:80 path /\xe2\x84\xaakx");
  // "/b(" is not a regex RE2 reads; every request that gets to it in
  // order is uncertain, whatever its path starts with.
  CHECK(nginx(yaml, "http://h.example.com/z") ==
        "uncertain (location regex \"/b(\" is not understood)");
}

TEST_CASE("indexed Gateway rules keep PathPrefix element-wise and visit each rule once",
          "[verify][index]") {
  std::string yaml =
      std::string(kGateway) +
      route("p", "h.example.com", "{path: {type: PathPrefix, value: /a/b/}}", "p") +
      route("e", "h.example.com", "{path: {type: Exact, value: /a/b/c}}", "e") +
      route("w", "*.example.com", "{path: {type: PathPrefix, value: /a}}", "w") +
      route("x", "x.example.com", "{path: {type: RegularExpression, value: \"/r.*\"}}", "x") +
      route("y", "x.example.com", "{path: {type: PathPrefix, value: /}}", "y");
  CHECK(gateway(yaml, "http://h.example.com/a/b") == "ns/p:80 path /a/b");
  CHECK(gateway(yaml, "http://h.example.com/a/b/") == "ns/p:80 path /a/b/");
  CHECK(gateway(yaml, "http://h.example.com/a/bc") == "ns/w:80 path /a/bc");
  CHECK(gateway(yaml, "http://h.example.com/a/b/c") == "ns/e:80 path /a/b/c");
  CHECK(gateway(yaml, "http://h.example.com/ab") == "404");
  // A RegularExpression rule makes every path of its host uncertain, even
  // one that a plain rule of a later route also takes.
  CHECK(gateway(yaml, "http://x.example.com/q") ==
        "uncertain (RegularExpression path \"/r.*\" is implementation-specific)");
}
