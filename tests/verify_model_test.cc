// The routing models of verify on small inputs (ingress-nginx, Traefik,
// Kong and Gateway API), one behaviour each, with whole outcomes compared.

#include <catch2/catch.hpp>
#include <memory>

#include "model/inventory.h"
#include "parse/document.h"
#include "verify/controller_routing.h"
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
                    const std::string& extra = "", const std::string& cls = "nginx") {
  return "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: " + name +
         "\n  namespace: ns\n" + extra +
         "spec:\n  ingressClassName: " + cls + "\n  rules:\n  - host: " + host +
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

TEST_CASE("RegularExpression matches are uncertain, not guessed", "[verify]") {
  std::string yaml =
      std::string(kGateway) +
      route("r", "r.example.com", "{path: {type: RegularExpression, value: \"/a.*\"}}", "r");
  CHECK(gateway(yaml, "http://r.example.com/a") ==
        "uncertain (RegularExpression path \"/a.*\" is implementation-specific)");
}

TEST_CASE("a Gateway API method match refuses other methods and ranks after path and headers", "[verify]") {
  std::string yaml =
      std::string(kGateway) +
      "---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: m, namespace: ns}\n"
      "spec:\n  parentRefs: [{name: gw}]\n  hostnames: [h.example.com]\n  rules:\n"
      "  - matches: [{path: {type: PathPrefix, value: /a}, method: POST}]\n"
      "    backendRefs: [{name: post, port: 80}]\n"
      "  - matches: [{path: {type: PathPrefix, value: /a}}]\n"
      "    backendRefs: [{name: any, port: 80}]\n"
      "  - matches: [{path: {type: PathPrefix, value: /a/b}}]\n"
      "    backendRefs: [{name: long, port: 80}]\n"
      "  - matches: [{path: {type: PathPrefix, value: /h}, method: POST}]\n"
      "    backendRefs: [{name: method, port: 80}]\n"
      "  - matches: [{path: {type: PathPrefix, value: /h}, headers: [{name: x, value: \"1\"}]}]\n"
      "    backendRefs: [{name: header, port: 80}]\n";
  CHECK(gateway(yaml, "POST http://h.example.com/a") == "ns/post:80 path /a");
  CHECK(gateway(yaml, "http://h.example.com/a") == "ns/any:80 path /a");
  CHECK(gateway(yaml, "POST http://h.example.com/a/b") == "ns/long:80 path /a/b");
  CHECK(gateway(yaml, "POST http://h.example.com/h x: 1") == "ns/header:80 path /h");
  CHECK(gateway(yaml, "POST http://h.example.com/h") == "ns/method:80 path /h");
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

namespace {

const char* const kControllerClasses = R"(---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: traefik}
spec: {controller: traefik.io/ingress-controller}
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: kong}
spec: {controller: ingress-controllers.konghq.com/kong}
)";

/// "Controller: outcome", as verify routes the request before the move.
std::string before(const std::string& yaml, const std::string& url) {
  Inventory inv = inventory(std::string(kClass) + kControllerClasses + yaml);
  ControllerRouting routing(inv, "nginx.ingress.kubernetes.io", "", {});
  Probe p;
  std::string error;
  REQUIRE(parse_probe(url, p, error));
  const ControllerModel* by = nullptr;
  Outcome o = routing.route(p, &by);
  return std::string(by ? by->name() : "none") + ": " + o.text(p.host);
}

std::string traefik(const std::string& name, const std::string& host, const std::string& path,
                    const std::string& type, const std::string& service, const std::string& annotations = "") {
  return ingress(name, host, path, type, service, annotations.empty() ? "" : "  annotations:\n" + annotations,
                 "traefik");
}

std::string kong(const std::string& name, const std::string& host, const std::string& path, const std::string& type,
                 const std::string& service, const std::string& annotations = "") {
  return ingress(name, host, path, type, service, annotations.empty() ? "" : "  annotations:\n" + annotations,
                 "kong");
}

std::string middleware(const std::string& name, const std::string& spec) {
  return "---\napiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata: {name: " + name +
         ", namespace: ns}\nspec:\n" + spec;
}

}  // namespace

TEST_CASE("Traefik ranks routers by the length of their rule, so a Prefix path beats an Exact one", "[verify]") {
  // Host("h.example.com") && PathPrefix("/foo") is 43 long, && Path("/foo") 37.
  std::string yaml = traefik("exact", "h.example.com", "/foo", "Exact", "exact") +
                     traefik("prefix", "h.example.com", "/foo", "Prefix", "prefix");
  CHECK(before(yaml, "http://h.example.com/foo") == "Traefik: ns/prefix:80 path /foo");
  // router.priority replaces the length for every router of the Ingress.
  std::string ranked = traefik("exact", "h.example.com", "/foo", "Exact", "exact",
                               "    traefik.ingress.kubernetes.io/router.priority: \"100\"\n") +
                       traefik("prefix", "h.example.com", "/foo", "Prefix", "prefix");
  CHECK(before(ranked, "http://h.example.com/foo") == "Traefik: ns/exact:80 path /foo");
  CHECK(before(ranked, "http://h.example.com/foo/x") == "Traefik: ns/prefix:80 path /foo/x");
}

TEST_CASE("Traefik's PathPrefix is a string prefix, not a path-segment one", "[verify]") {
  std::string yaml = traefik("docs", "h.example.com", "/docs", "Prefix", "docs") +
                     traefik("static", "h.example.com", "/static/", "Prefix", "static");
  CHECK(before(yaml, "http://h.example.com/docsearch?q=1") == "Traefik: ns/docs:80 path /docsearch?q=1");
  CHECK(before(yaml, "http://h.example.com/static") == "Traefik: 404");
  CHECK(before(yaml, "http://h.example.com/static/app.js") == "Traefik: ns/static:80 path /static/app.js");
}

TEST_CASE("a Traefik wildcard host matches exactly one label", "[verify]") {
  std::string yaml = traefik("w", "\"*.example.com\"", "/", "Prefix", "w");
  CHECK(before(yaml, "http://x.example.com/a") == "Traefik: ns/w:80 path /a");
  CHECK(before(yaml, "http://y.x.example.com/a") == "Traefik: 404");
  CHECK(before(yaml, "http://example.com/a") == "Traefik: 404");
}

TEST_CASE("Traefik routers of equal priority that answer differently are uncertain", "[verify]") {
  std::string yaml = traefik("a", "h.example.com", "/p", "Prefix", "a") + traefik("b", "h.example.com", "/p", "Prefix", "b");
  CHECK(before(yaml, "http://h.example.com/p") ==
        "Traefik: uncertain (Host(\"h.example.com\") && PathPrefix(\"/p\") and Host(\"h.example.com\") && "
        "PathPrefix(\"/p\") have the same priority 41, and Traefik's order between them is undefined)");
  // The same backend either way: the order does not matter.
  std::string same = traefik("a", "h.example.com", "/p", "Prefix", "a") +
                     traefik("b", "h.example.com", "/p", "ImplementationSpecific", "a");
  CHECK(before(same, "http://h.example.com/p") == "Traefik: ns/a:80 path /p");
}

TEST_CASE("Traefik's PathRegexp searches the whole path", "[verify]") {
  std::string yaml = traefik("r", "h.example.com", "/v[0-9]+/users", "ImplementationSpecific", "users",
                             "    traefik.ingress.kubernetes.io/router.pathmatcher: PathRegexp\n");
  CHECK(before(yaml, "http://h.example.com/api/v2/users/7") == "Traefik: ns/users:80 path /api/v2/users/7");
  CHECK(before(yaml, "http://h.example.com/v/users") == "Traefik: 404");
}

TEST_CASE("Traefik's redirectScheme redirects plain HTTP only, stripPrefix cuts the path", "[verify]") {
  std::string yaml = middleware("to-https", "  redirectScheme: {scheme: https, permanent: true}\n") +
                     middleware("strip", "  stripPrefix: {prefixes: [/api]}\n") +
                     traefik("a", "h.example.com", "/api", "Prefix", "api",
                             "    traefik.ingress.kubernetes.io/router.middlewares: ns-to-https@kubernetescrd, "
                             "ns-strip@kubernetescrd\n");
  CHECK(before(yaml, "http://h.example.com/api/x?q=1") == "Traefik: redirect 301 https://h.example.com/api/x?q=1");
  CHECK(before(yaml, "https://h.example.com/api/x?q=1") ==
        "Traefik: ns/api:80 path /x?q=1 set x-forwarded-prefix: /api");
  CHECK(before(yaml, "https://h.example.com/apiv2") == "Traefik: ns/api:80 path /v2 set x-forwarded-prefix: /api");
}

TEST_CASE("a Traefik router whose middleware is missing is not served; an unmodelled one is uncertain", "[verify]") {
  std::string yaml =
      middleware("auth", "  basicAuth: {secret: users}\n") +
      traefik("gone", "h.example.com", "/a", "Prefix", "a",
              "    traefik.ingress.kubernetes.io/router.middlewares: ns-missing@kubernetescrd\n") +
      traefik("auth", "h.example.com", "/b", "Prefix", "b",
              "    traefik.ingress.kubernetes.io/router.middlewares: ns-auth@kubernetescrd\n");
  CHECK(before(yaml, "http://h.example.com/a") == "Traefik: 404");
  CHECK(before(yaml, "http://h.example.com/b") ==
        "Traefik: uncertain (middleware ns/auth (basicAuth) is not modelled)");
}

TEST_CASE("Kong matches a /~ regex path from the start of the path only", "[verify]") {
  std::string yaml = kong("r", "h.example.com", "/~/api/v\\d+", "ImplementationSpecific", "api");
  CHECK(before(yaml, "http://h.example.com/api/v1/users") == "Kong: ns/api:80 path /api/v1/users");
  CHECK(before(yaml, "http://h.example.com/x/api/v1") == "Kong: 404");
}

TEST_CASE("Kong's Prefix is segment-wise, its ImplementationSpecific a string prefix", "[verify]") {
  std::string yaml = kong("p", "h.example.com", "/foo", "Prefix", "p") +
                     kong("i", "h.example.com", "/bar", "ImplementationSpecific", "i");
  CHECK(before(yaml, "http://h.example.com/foo") == "Kong: ns/p:80 path /foo");
  CHECK(before(yaml, "http://h.example.com/foo/x") == "Kong: ns/p:80 path /foo/x");
  CHECK(before(yaml, "http://h.example.com/foox") == "Kong: 404");
  CHECK(before(yaml, "http://h.example.com/barx") == "Kong: ns/i:80 path /barx");
}

TEST_CASE("Kong's strip-path cuts the matched prefix from the upstream path", "[verify]") {
  std::string yaml = kong("p", "h.example.com", "/foo", "Prefix", "p", "    konghq.com/strip-path: \"true\"\n");
  CHECK(before(yaml, "http://h.example.com/foo/bar?q=1") == "Kong: ns/p:80 path /bar?q=1");
  CHECK(before(yaml, "http://h.example.com/foo") == "Kong: ns/p:80 path /");
}

TEST_CASE("Kong's methods restrict a route and outrank a longer path without methods", "[verify]") {
  std::string yaml = kong("m", "h.example.com", "/api", "Prefix", "m", "    konghq.com/methods: \"get, post\"\n") +
                     kong("l", "h.example.com", "/api/long", "Prefix", "l");
  CHECK(before(yaml, "POST http://h.example.com/api/x") == "Kong: ns/m:80 path /api/x");
  CHECK(before(yaml, "DELETE http://h.example.com/api/x") == "Kong: 404");
  // transform.lua get_priority: methods add to match_weight, above path length.
  CHECK(before(yaml, "http://h.example.com/api/long") == "Kong: ns/m:80 path /api/long");
  CHECK(before(yaml, "PUT http://h.example.com/api/long") == "Kong: ns/l:80 path /api/long");
}

TEST_CASE("Kong's headers match any value case-insensitively, a ~* value as a regex search", "[verify]") {
  std::string yaml = kong("h", "h.example.com", "/api", "Prefix", "h",
                          "    konghq.com/headers.x-variant: \"Beta,canary\"\n"
                          "    konghq.com/headers.x-region: \"~*^EU-\"\n") +
                     kong("l", "h.example.com", "/api/long", "Prefix", "l");
  CHECK(before(yaml, "http://h.example.com/api x-variant: BETA x-region: eu-west") == "Kong: ns/h:80 path /api");
  CHECK(before(yaml, "http://h.example.com/api x-variant: canary x-region: us-east") == "Kong: 404");
  CHECK(before(yaml, "http://h.example.com/api x-variant: beta") == "Kong: 404");
  // transform.lua get_priority: headers add to match_weight, above path length.
  CHECK(before(yaml, "http://h.example.com/api/long x-variant: beta x-region: EU-1") ==
        "Kong: ns/h:80 path /api/long");
  CHECK(before(yaml, "http://h.example.com/api/long") == "Kong: ns/l:80 path /api/long");
}

TEST_CASE("Kong's host-aliases join every route's hosts, a trailing wildcard included", "[verify]") {
  std::string yaml = kong("a", "h.example.com", "/api", "Prefix", "a",
                          "    konghq.com/host-aliases: \"Alias.example.net, docs.example.*\"\n");
  CHECK(before(yaml, "http://alias.example.net/api") == "Kong: ns/a:80 path /api");
  CHECK(before(yaml, "http://docs.example.org/api") == "Kong: ns/a:80 path /api");
  CHECK(before(yaml, "http://docs.example/api") == "Kong: 404");
  CHECK(before(yaml, "http://h.example.com/api") == "Kong: ns/a:80 path /api");
}

TEST_CASE("Kong's protocols are case-sensitive: an upper-case item makes KIC ignore the annotation", "[verify]") {
  std::string yaml = kong("p", "h.example.com", "/api", "Prefix", "p", "    konghq.com/protocols: \"HTTPS\"\n");
  CHECK(before(yaml, "http://h.example.com/api") == "Kong: ns/p:80 path /api");
  std::string https = kong("p", "h.example.com", "/api", "Prefix", "p", "    konghq.com/protocols: \"https\"\n");
  CHECK(before(https, "http://h.example.com/api") == "Kong: 426 (Please use HTTPS protocol)");
}

TEST_CASE("one Kong method that is not [A-Z]+ makes KIC ignore the whole methods annotation", "[verify]") {
  std::string yaml = kong("m", "h.example.com", "/api", "Prefix", "m", "    konghq.com/methods: \"GET,P0ST\"\n");
  CHECK(before(yaml, "DELETE http://h.example.com/api/x") == "Kong: ns/m:80 path /api/x");
}

TEST_CASE("a Kong regex path beats a longer string prefix; equal regexes are ordered by regex-priority",
          "[verify]") {
  std::string yaml = kong("all", "h.example.com", "/~/.*", "ImplementationSpecific", "all") +
                     kong("long", "h.example.com", "/api/very/long", "ImplementationSpecific", "long");
  CHECK(before(yaml, "http://h.example.com/api/very/long") == "Kong: ns/all:80 path /api/very/long");
  std::string tie = kong("a", "h.example.com", "/~/x.*", "ImplementationSpecific", "a") +
                    kong("b", "h.example.com", "/x/y", "Exact", "b");
  CHECK(before(tie, "http://h.example.com/x/y") ==
        "Kong: uncertain (Kong routes ns.a.a.h.example.com.80 and ns.b.b.h.example.com.80 have the same "
        "priority for this request; Kong orders them by route id)");
  std::string ordered = kong("a", "h.example.com", "/~/x.*", "ImplementationSpecific", "a") +
                        kong("b", "h.example.com", "/x/y", "Exact", "b", "    konghq.com/regex-priority: \"5\"\n");
  CHECK(before(ordered, "http://h.example.com/x/y") == "Kong: ns/b:80 path /x/y");
}

TEST_CASE("a Kong wildcard host matches one or more labels", "[verify]") {
  std::string yaml = kong("w", "\"*.example.com\"", "/", "Prefix", "w");
  CHECK(before(yaml, "http://y.x.example.com/a") == "Kong: ns/w:80 path /a");
  CHECK(before(yaml, "http://example.com/a") == "Kong: 404");
}

TEST_CASE("Kong's force-ssl-redirect answers plain HTTP with a 302, https-only protocols with a 426", "[verify]") {
  std::string yaml = kong("r", "r.example.com", "/", "Prefix", "r", "    ingress.kubernetes.io/force-ssl-redirect: \"true\"\n") +
                     kong("u", "u.example.com", "/", "Prefix", "u", "    konghq.com/protocols: https\n");
  CHECK(before(yaml, "http://r.example.com/a?q=1") == "Kong: redirect 302 https://r.example.com/a?q=1");
  CHECK(before(yaml, "https://r.example.com/a") == "Kong: ns/r:80 path /a");
  CHECK(before(yaml, "http://u.example.com/a") == "Kong: 426 (Please use HTTPS protocol)");
}

TEST_CASE("verify asks the model of the controller whose Ingresses claim the host", "[verify]") {
  std::string yaml = ingress("n", "shared.example.com", "/", "Prefix", "n") +
                     ingress("n2", "nginx.example.com", "/", "Prefix", "n2") +
                     traefik("t", "shared.example.com", "/", "Prefix", "t") +
                     traefik("t2", "traefik.example.com", "/", "Prefix", "t2");
  CHECK(before(yaml, "http://nginx.example.com/x") == "ingress-nginx: ns/n2:80 path /x");
  CHECK(before(yaml, "http://traefik.example.com/x") == "Traefik: ns/t2:80 path /x");
  CHECK(before(yaml, "http://shared.example.com/x") ==
        "none: uncertain (Ingresses of ingress-nginx and traefik claim host shared.example.com; which controller "
        "answers depends on where its DNS points)");
  CHECK(before(yaml, "http://other.example.com/x") == "ingress-nginx: 404");
}

TEST_CASE("a TraefikService with one weighted Service is that Service; with two it stays itself", "[verify]") {
  const std::string yaml = std::string(kGateway) + R"(---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: ns}
spec:
  parentRefs: [{name: gw}]
  hostnames: ["h.example.com"]
  rules:
  - matches: [{path: {type: PathPrefix, value: /}}]
    backendRefs:
    - {group: traefik.io, kind: TraefikService, name: web-80, weight: 3}
    - {name: web, port: 80, weight: 1}
  - matches: [{path: {type: PathPrefix, value: /both}}]
    backendRefs: [{group: traefik.io, kind: TraefikService, name: both}]
---
apiVersion: traefik.io/v1alpha1
kind: TraefikService
metadata: {name: web-80, namespace: ns}
spec:
  weighted:
    services:
    - name: web
      port: 80
      sticky: {cookie: {name: SHOP, httpOnly: true}}
---
apiVersion: traefik.io/v1alpha1
kind: TraefikService
metadata: {name: both, namespace: ns}
spec:
  weighted:
    services: [{name: web, port: 80}, {name: api, port: 80}]
)";
  // The wrapped Service and the plain reference to it are one destination.
  CHECK(gateway(yaml, "http://h.example.com/x") == "ns/web:80 path /x");
  CHECK(gateway(yaml, "http://h.example.com/both") == "traefik.io/TraefikService ns/both path /both");
}
