// Validation of emitted Gateway API objects against the v1.6.1 CRD schema
// and CEL rules (lib/validate). Each violation case starts from a realistic
// valid object, changes one thing, and pins the whole list of errors.

#include <re2/re2.h>

#include <catch2/catch.hpp>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "util/embedded.h"
#include "validate/cel_rules.h"
#include "validate/constraint_table.h"
#include "validate/python_literal.h"
#include "validate/validator.h"

namespace Catch {
template <>
struct StringMaker<im::ValidationError> {
  static std::string convert(const im::ValidationError& e) {
    return "{\"" + e.path + "\", \"" + e.message + "\"}";
  }
};
}  // namespace Catch

namespace {

using Json = nlohmann::ordered_json;
using Errors = std::vector<im::ValidationError>;
using im::Channel;
using im::validate_object;

const std::vector<std::string> kDumps = {
    "aws-load-balancer-controller/loadbalancerconfigurations.txt",
    "aws-load-balancer-controller/targetgroupconfigurations.txt",
    "envoy-gateway/backendtrafficpolicies.txt",
    "envoy-gateway/clienttrafficpolicies.txt",
    "envoy-gateway/httproutefilters.txt",
    "envoy-gateway/securitypolicies.txt",
    "experimental-grpcroutes-v1.txt",
    "experimental-httproutes-v1.txt",
    "gke/gcpbackendpolicies.txt",
    "gke/gcpgatewaypolicies.txt",
    "gke/healthcheckpolicies.txt",
    "istio/authorizationpolicies.txt",
    "istio/destinationrules.txt",
    "kgateway/backendconfigpolicies.txt",
    "kgateway/gatewayextensions.txt",
    "kgateway/trafficpolicies.txt",
    "nginx-gateway-fabric/authenticationfilters.txt",
    "nginx-gateway-fabric/clientsettingspolicies.txt",
    "nginx-gateway-fabric/proxysettingspolicies.txt",
    "nginx-gateway-fabric/ratelimitpolicies.txt",
    "nginx-gateway-fabric/snippetsfilters.txt",
    "nginx-gateway-fabric/upstreamsettingspolicies.txt",
    "standard-backendtlspolicies-v1.txt",
    "standard-gateways-v1.txt",
    "standard-grpcroutes-v1.txt",
    "standard-httproutes-v1.txt",
    "standard-listenersets-v1.txt",
    "standard-referencegrants-v1.txt",
    "standard-tlsroutes-v1.txt",
    "traefik/middlewares.txt", "traefik/traefikservices.txt"};

Json http_route() {
  return Json::parse(R"({
    "apiVersion": "gateway.networking.k8s.io/v1",
    "kind": "HTTPRoute",
    "metadata": {"name": "shop", "namespace": "default", "labels": {"app": "shop"}},
    "spec": {
      "parentRefs": [{"name": "gw", "namespace": "infra", "sectionName": "https"}],
      "hostnames": ["shop.example.com", "*.shop.example.com"],
      "rules": [
        {"matches": [{"path": {"type": "PathPrefix", "value": "/api"},
                      "headers": [{"name": "X-Env", "value": "prod"}], "method": "GET"}],
         "filters": [{"type": "RequestHeaderModifier",
                      "requestHeaderModifier": {"set": [{"name": "X-Forwarded-Proto", "value": "https"}],
                                                "remove": ["X-Debug"]}}],
         "backendRefs": [{"name": "api", "port": 8080, "weight": 90},
                         {"name": "api-canary", "port": 8080, "weight": 10}],
         "timeouts": {"request": "10s", "backendRequest": "5s"}},
        {"matches": [{"path": {"type": "Exact", "value": "/login"}}],
         "filters": [{"type": "URLRewrite",
                      "urlRewrite": {"hostname": "auth.internal",
                                     "path": {"type": "ReplaceFullPath", "replaceFullPath": "/auth/login"}}}],
         "backendRefs": [{"name": "auth", "port": 80}]},
        {"matches": [{"path": {"type": "PathPrefix", "value": "/old"}}],
         "filters": [{"type": "RequestRedirect",
                      "requestRedirect": {"scheme": "https", "statusCode": 301,
                                          "path": {"type": "ReplacePrefixMatch", "replacePrefixMatch": "/new"}}}]}
      ]
    }
  })");
}

Json gateway() {
  return Json::parse(R"({
    "apiVersion": "gateway.networking.k8s.io/v1",
    "kind": "Gateway",
    "metadata": {"name": "gw", "namespace": "infra"},
    "spec": {
      "gatewayClassName": "nginx",
      "listeners": [
        {"name": "http", "protocol": "HTTP", "port": 80, "allowedRoutes": {"namespaces": {"from": "All"}}},
        {"name": "https", "protocol": "HTTPS", "port": 443, "hostname": "*.example.com",
         "tls": {"mode": "Terminate", "certificateRefs": [{"name": "wildcard-tls"}]},
         "allowedRoutes": {"namespaces": {"from": "Selector",
                                          "selector": {"matchLabels": {"gateway-access": "true"}}},
                           "kinds": [{"kind": "HTTPRoute"}]}}
      ],
      "addresses": [{"type": "IPAddress", "value": "10.0.0.1"}],
      "infrastructure": {"labels": {"team": "edge"}, "annotations": {"example.com/owner": "edge"}}
    }
  })");
}

Json grpc_route() {
  return Json::parse(R"({
    "apiVersion": "gateway.networking.k8s.io/v1",
    "kind": "GRPCRoute",
    "metadata": {"name": "greeter", "namespace": "default"},
    "spec": {
      "parentRefs": [{"name": "gw", "namespace": "infra", "sectionName": "https"}],
      "hostnames": ["grpc.example.com"],
      "rules": [
        {"matches": [{"method": {"service": "helloworld.Greeter", "method": "SayHello"},
                      "headers": [{"name": "x-tenant", "value": "a"}]}],
         "filters": [{"type": "ResponseHeaderModifier",
                      "responseHeaderModifier": {"add": [{"name": "X-Served-By", "value": "gw"}]}}],
         "backendRefs": [{"name": "greeter", "port": 50051}]}
      ]
    }
  })");
}

Json tls_route() {
  return Json::parse(R"({
    "apiVersion": "gateway.networking.k8s.io/v1",
    "kind": "TLSRoute",
    "metadata": {"name": "db", "namespace": "default"},
    "spec": {
      "parentRefs": [{"name": "gw", "namespace": "infra", "sectionName": "tls-passthrough"}],
      "hostnames": ["db.example.com", "*.db.example.com"],
      "rules": [{"backendRefs": [{"name": "db", "port": 5432}]}]
    }
  })");
}

Json reference_grant() {
  return Json::parse(R"({
    "apiVersion": "gateway.networking.k8s.io/v1",
    "kind": "ReferenceGrant",
    "metadata": {"name": "allow-infra-secrets", "namespace": "certs"},
    "spec": {
      "from": [{"group": "gateway.networking.k8s.io", "kind": "Gateway", "namespace": "infra"}],
      "to": [{"group": "", "kind": "Secret", "name": "wildcard-tls"}]
    }
  })");
}

Json backend_tls_policy() {
  return Json::parse(R"({
    "apiVersion": "gateway.networking.k8s.io/v1",
    "kind": "BackendTLSPolicy",
    "metadata": {"name": "api-tls", "namespace": "default"},
    "spec": {
      "targetRefs": [{"group": "", "kind": "Service", "name": "api", "sectionName": "https"}],
      "validation": {"hostname": "api.internal",
                     "caCertificateRefs": [{"group": "", "kind": "ConfigMap", "name": "api-ca"}],
                     "subjectAltNames": [{"type": "Hostname", "hostname": "api.internal"}]}
    }
  })");
}

// ---- mutations applied to a valid object ----

using Mutation = std::function<void(Json&)>;

Mutation set(const std::string& pointer, const std::string& json) {
  return [=](Json& o) { o[Json::json_pointer(pointer)] = Json::parse(json); };
}

Mutation append(const std::string& pointer, const std::string& json) {
  return set(pointer + "/-", json);
}

Mutation erase(const std::string& pointer) {
  return [=](Json& o) {
    const Json::json_pointer p(pointer);
    Json& parent = o.at(p.parent_pointer());
    if (parent.is_array()) {
      parent.erase(std::stoul(p.back()));
    } else {
      parent.erase(p.back());
    }
  };
}

struct Case {
  std::string name;
  Json (*base)();
  std::vector<Mutation> mutations;
  Errors expected;
};

Json build(const Case& c) {
  Json obj = c.base();
  for (const Mutation& m : c.mutations) m(obj);
  return obj;
}

Json repeat(size_t n, const std::string& item) {
  Json list = Json::array();
  for (size_t i = 0; i < n; ++i) list.push_back(Json::parse(item));
  return list;
}

const std::string kPathMatch = "/spec/rules/0/matches/0/path";
const std::string kPathMatchPath = "spec.rules[0].matches[0].path";

// Every CEL rule of HTTPRoute and Gateway, each violated on purpose.
std::vector<Case> cel_cases() {
  return {
      // ---- HTTPRoute: parentRefs and rules ----
      {"parentRefs to one Gateway, one without sectionName",
       http_route,
       {append("/spec/parentRefs", R"({"name": "gw", "namespace": "infra"})")},
       {{"spec.parentRefs",
         "sectionName must be specified when parentRefs includes 2 or more references to the same "
         "parent"}}},
      {"parentRefs to one Gateway with the same sectionName",
       http_route,
       {append("/spec/parentRefs",
               R"({"name": "gw", "namespace": "infra", "sectionName": "https"})")},
       {{"spec.parentRefs",
         "sectionName must be unique when parentRefs includes 2 or more references to the same "
         "parent"}}},
      {"129 matches over three rules",
       http_route,
       {[](Json& o) {
         Json rule = {{"matches", repeat(43, R"({"path": {"type": "PathPrefix", "value": "/a"}})")},
                      {"backendRefs", Json::parse(R"([{"name": "a", "port": 80}])")}};
         o["spec"]["rules"] = Json::array({rule, rule, rule});
       }},
       {{"spec.rules",
         "While 16 rules and 64 matches per rule are allowed, the total number of matches across "
         "all "
         "rules in a route must be less than 128"}}},
      {"redirect rule that also has backendRefs",
       http_route,
       {set("/spec/rules/2/backendRefs", R"([{"name": "old", "port": 80}])")},
       {{"spec.rules[2]", "RequestRedirect filter must not be used together with backendRefs"}}},
      {"redirect with replacePrefixMatch and two matches",
       http_route,
       {append("/spec/rules/2/matches", R"({"path": {"type": "PathPrefix", "value": "/older"}})")},
       {{"spec.rules[2]",
         "When using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix "
         "match must be specified"}}},
      {"URLRewrite ReplacePrefixMatch with an Exact match",
       http_route,
       {set("/spec/rules/1/filters/0/urlRewrite/path",
            R"({"type": "ReplacePrefixMatch", "replacePrefixMatch": "/auth"})")},
       {{"spec.rules[1]",
         "When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match "
         "must be specified"}}},
      {"backendRef redirect with replacePrefixMatch and two matches",
       http_route,
       {set("/spec/rules/0/backendRefs/0/filters",
            R"([{"type": "RequestRedirect", "requestRedirect": {"path": {"type": "ReplacePrefixMatch", "replacePrefixMatch": "/v2"}}}])"),
        append("/spec/rules/0/matches", R"({"path": {"type": "PathPrefix", "value": "/v1"}})")},
       {{"spec.rules[0]",
         "Within backendRefs, when using RequestRedirect filter with path.replacePrefixMatch, "
         "exactly "
         "one PathPrefix match must be specified"}}},
      {"backendRef URLRewrite ReplacePrefixMatch with an Exact match",
       http_route,
       {set(
           "/spec/rules/1/backendRefs/0/filters",
           R"([{"type": "URLRewrite", "urlRewrite": {"path": {"type": "ReplacePrefixMatch", "replacePrefixMatch": "/x"}}}])")},
       {{"spec.rules[1]",
         "Within backendRefs, When using URLRewrite filter with path.replacePrefixMatch, exactly "
         "one "
         "PathPrefix match must be specified"}}},
      {"Service backendRef without port",
       http_route,
       {erase("/spec/rules/0/backendRefs/1/port")},
       {{"spec.rules[0].backendRefs[1]", "Must have port for Service reference"}}},
      {"mirror to a Service without port",
       http_route,
       {append(
           "/spec/rules/0/filters",
           R"({"type": "RequestMirror", "requestMirror": {"backendRef": {"name": "shadow"}}})")},
       {{"spec.rules[0].filters[1].requestMirror.backendRef",
         "Must have port for Service reference"}}},
      {"backendRequest timeout longer than request timeout",
       http_route,
       {set("/spec/rules/0/timeouts", R"({"request": "5s", "backendRequest": "1m"})")},
       {{"spec.rules[0].timeouts",
         "backendRequest timeout cannot be longer than request timeout"}}},

      // ---- HTTPRoute: filter lists ----
      {"redirect and rewrite in one rule",
       http_route,
       {append("/spec/rules/2/filters",
               R"({"type": "URLRewrite", "urlRewrite": {"hostname": "new.example.com"}})")},
       {{"spec.rules[2].filters",
         "May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but "
         "not both"}}},
      {"two CORS filters",
       http_route,
       {append("/spec/rules/0/filters",
               R"({"type": "CORS", "cors": {"allowOrigins": ["https://a.example.com"]}})"),
        append("/spec/rules/0/filters",
               R"({"type": "CORS", "cors": {"allowOrigins": ["https://b.example.com"]}})")},
       {{"spec.rules[0].filters", "CORS filter cannot be repeated"}}},
      {"two RequestHeaderModifier filters",
       http_route,
       {append(
           "/spec/rules/0/filters",
           R"({"type": "RequestHeaderModifier", "requestHeaderModifier": {"remove": ["X-A"]}})")},
       {{"spec.rules[0].filters", "RequestHeaderModifier filter cannot be repeated"}}},
      {"two ResponseHeaderModifier filters",
       http_route,
       {append(
            "/spec/rules/0/filters",
            R"({"type": "ResponseHeaderModifier", "responseHeaderModifier": {"remove": ["X-A"]}})"),
        append(
            "/spec/rules/0/filters",
            R"({"type": "ResponseHeaderModifier", "responseHeaderModifier": {"remove": ["X-B"]}})")},
       {{"spec.rules[0].filters", "ResponseHeaderModifier filter cannot be repeated"}}},
      {"two RequestRedirect filters",
       http_route,
       {append("/spec/rules/2/filters",
               R"({"type": "RequestRedirect", "requestRedirect": {"port": 8443}})")},
       {{"spec.rules[2].filters", "RequestRedirect filter cannot be repeated"}}},
      {"two URLRewrite filters",
       http_route,
       {append("/spec/rules/1/filters",
               R"({"type": "URLRewrite", "urlRewrite": {"hostname": "b.internal"}})")},
       {{"spec.rules[1].filters", "URLRewrite filter cannot be repeated"}}},

      // ---- HTTPRoute: a filter's type names its one member ----
      {"cors member on a RequestHeaderModifier filter",
       http_route,
       {set("/spec/rules/0/filters/0/cors", "{}")},
       {{"spec.rules[0].filters[0]", "filter.cors must be nil if the filter.type is not CORS"}}},
      {"CORS filter without cors",
       http_route,
       {append("/spec/rules/0/filters", R"({"type": "CORS"})")},
       {{"spec.rules[0].filters[1]", "filter.cors must be specified for CORS filter.type"}}},
      {"requestHeaderModifier member on a URLRewrite filter",
       http_route,
       {set("/spec/rules/1/filters/0/requestHeaderModifier", "{}")},
       {{"spec.rules[1].filters[0]",
         "filter.requestHeaderModifier must be nil if the filter.type is not "
         "RequestHeaderModifier"}}},
      {"RequestHeaderModifier filter without its member",
       http_route,
       {erase("/spec/rules/0/filters/0/requestHeaderModifier")},
       {{"spec.rules[0].filters[0]",
         "filter.requestHeaderModifier must be specified for RequestHeaderModifier filter.type"}}},
      {"responseHeaderModifier member on a RequestHeaderModifier filter",
       http_route,
       {set("/spec/rules/0/filters/0/responseHeaderModifier", "{}")},
       {{"spec.rules[0].filters[0]",
         "filter.responseHeaderModifier must be nil if the filter.type is not "
         "ResponseHeaderModifier"}}},
      {"ResponseHeaderModifier filter without its member",
       http_route,
       {append("/spec/rules/0/filters", R"({"type": "ResponseHeaderModifier"})")},
       {{"spec.rules[0].filters[1]",
         "filter.responseHeaderModifier must be specified for ResponseHeaderModifier "
         "filter.type"}}},
      {"requestMirror member on a RequestHeaderModifier filter",
       http_route,
       {set("/spec/rules/0/filters/0/requestMirror",
            R"({"backendRef": {"name": "shadow", "port": 80}})")},
       {{"spec.rules[0].filters[0]",
         "filter.requestMirror must be nil if the filter.type is not RequestMirror"}}},
      {"RequestMirror filter without its member",
       http_route,
       {append("/spec/rules/0/filters", R"({"type": "RequestMirror"})")},
       {{"spec.rules[0].filters[1]",
         "filter.requestMirror must be specified for RequestMirror filter.type"}}},
      {"requestRedirect member on a RequestHeaderModifier filter",
       http_route,
       {set("/spec/rules/0/filters/0/requestRedirect", "{}")},
       {{"spec.rules[0]", "RequestRedirect filter must not be used together with backendRefs"},
        {"spec.rules[0].filters[0]",
         "filter.requestRedirect must be nil if the filter.type is not RequestRedirect"}}},
      {"RequestRedirect filter without its member",
       http_route,
       {erase("/spec/rules/2/filters/0/requestRedirect")},
       {{"spec.rules[2].filters[0]",
         "filter.requestRedirect must be specified for RequestRedirect filter.type"}}},
      {"urlRewrite member on a RequestHeaderModifier filter",
       http_route,
       {set("/spec/rules/0/filters/0/urlRewrite", "{}")},
       {{"spec.rules[0].filters[0]",
         "filter.urlRewrite must be nil if the filter.type is not URLRewrite"}}},
      {"URLRewrite filter without its member",
       http_route,
       {erase("/spec/rules/1/filters/0/urlRewrite")},
       {{"spec.rules[1].filters[0]",
         "filter.urlRewrite must be specified for URLRewrite filter.type"}}},
      {"extensionRef member on a RequestHeaderModifier filter",
       http_route,
       {set("/spec/rules/0/filters/0/extensionRef",
            R"({"group": "example.com", "kind": "Auth", "name": "basic"})")},
       {{"spec.rules[0].filters[0]",
         "filter.extensionRef must be nil if the filter.type is not ExtensionRef"}}},
      {"ExtensionRef filter without its member",
       http_route,
       {append("/spec/rules/0/filters", R"({"type": "ExtensionRef"})")},
       {{"spec.rules[0].filters[1]",
         "filter.extensionRef must be specified for ExtensionRef filter.type"}}},

      // ---- HTTPRoute: inside filters ----
      {"CORS allowHeaders with '*' and another header",
       http_route,
       {append("/spec/rules/0/filters",
               R"({"type": "CORS", "cors": {"allowHeaders": ["*", "X-A"]}})")},
       {{"spec.rules[0].filters[1].cors.allowHeaders",
         "AllowHeaders cannot contain '*' alongside other methods"}}},
      {"CORS allowMethods with '*' and GET",
       http_route,
       {append("/spec/rules/0/filters",
               R"({"type": "CORS", "cors": {"allowMethods": ["GET", "*"]}})")},
       {{"spec.rules[0].filters[1].cors.allowMethods",
         "AllowMethods cannot contain '*' alongside other methods"}}},
      {"CORS allowOrigins with '*' and an origin",
       http_route,
       {append("/spec/rules/0/filters",
               R"({"type": "CORS", "cors": {"allowOrigins": ["https://a.example.com", "*"]}})")},
       {{"spec.rules[0].filters[1].cors.allowOrigins",
         "AllowOrigins cannot contain '*' alongside other origins"}}},
      {"mirror with percent and fraction",
       http_route,
       {append("/spec/rules/0/filters", R"({"type": "RequestMirror", "requestMirror":
           {"backendRef": {"name": "shadow", "port": 80}, "percent": 10, "fraction": {"numerator": 1}}})")},
       {{"spec.rules[0].filters[1].requestMirror",
         "Only one of percent or fraction may be specified in HTTPRequestMirrorFilter"}}},
      {"mirror fraction above the defaulted denominator of 100",
       http_route,
       {append("/spec/rules/0/filters", R"({"type": "RequestMirror", "requestMirror":
           {"backendRef": {"name": "shadow", "port": 80}, "fraction": {"numerator": 200}}})")},
       {{"spec.rules[0].filters[1].requestMirror.fraction",
         "numerator must be less than or equal to denominator"}}},
      {"ReplaceFullPath without replaceFullPath",
       http_route,
       {set("/spec/rules/1/filters/0/urlRewrite/path", R"({"type": "ReplaceFullPath"})")},
       {{"spec.rules[1].filters[0].urlRewrite.path",
         "replaceFullPath must be specified when type is set to 'ReplaceFullPath'"}}},
      {"replaceFullPath under type ReplacePrefixMatch",
       http_route,
       {set("/spec/rules/2/filters/0/requestRedirect/path",
            R"({"type": "ReplacePrefixMatch", "replaceFullPath": "/x"})")},
       {{"spec.rules[2].filters[0].requestRedirect.path",
         "type must be 'ReplaceFullPath' when replaceFullPath is set"},
        {"spec.rules[2].filters[0].requestRedirect.path",
         "replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'"}}},
      {"ReplacePrefixMatch without replacePrefixMatch",
       http_route,
       {set("/spec/rules/2/filters/0/requestRedirect/path", R"({"type": "ReplacePrefixMatch"})")},
       {{"spec.rules[2].filters[0].requestRedirect.path",
         "replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'"}}},
      {"replacePrefixMatch under type ReplaceFullPath",
       http_route,
       {set("/spec/rules/1/filters/0/urlRewrite/path/replacePrefixMatch", R"("/b")")},
       {{"spec.rules[1].filters[0].urlRewrite.path",
         "type must be 'ReplacePrefixMatch' when replacePrefixMatch is set"}}},

      // ---- HTTPRoute: path matches ----
      {"relative path",
       http_route,
       {set(kPathMatch + "/value", R"("api")")},
       {{kPathMatchPath,
         "value must be an absolute path and start with '/' when type one of ['Exact', "
         "'PathPrefix']"}}},
      {"path with //",
       http_route,
       {set(kPathMatch + "/value", R"("/api//v1")")},
       {{kPathMatchPath, "must not contain '//' when type one of ['Exact', 'PathPrefix']"}}},
      {"path with /./",
       http_route,
       {set(kPathMatch + "/value", R"("/api/./v1")")},
       {{kPathMatchPath, "must not contain '/./' when type one of ['Exact', 'PathPrefix']"}}},
      {"path with /../",
       http_route,
       {set(kPathMatch + "/value", R"("/api/../v1")")},
       {{kPathMatchPath, "must not contain '/../' when type one of ['Exact', 'PathPrefix']"}}},
      {"path with %2f",
       http_route,
       {set(kPathMatch + "/value", R"("/api%2fv1")")},
       {{kPathMatchPath, "must not contain '%2f' when type one of ['Exact', 'PathPrefix']"}}},
      {"path with %2F",
       http_route,
       {set(kPathMatch + "/value", R"("/api%2Fv1")")},
       {{kPathMatchPath, "must not contain '%2F' when type one of ['Exact', 'PathPrefix']"}}},
      {"path with #",
       http_route,
       {set(kPathMatch + "/value", R"("/api#top")")},
       {{kPathMatchPath, "must not contain '#' when type one of ['Exact', 'PathPrefix']"},
        {kPathMatchPath,
         "must only contain valid characters (matching "
         "^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$) "
         "for types ['Exact', 'PathPrefix']"}}},
      {"path ending in /..",
       http_route,
       {set(kPathMatch + "/value", R"("/api/..")")},
       {{kPathMatchPath, "must not end with '/..' when type one of ['Exact', 'PathPrefix']"}}},
      {"path ending in /.",
       http_route,
       {set(kPathMatch + "/value", R"("/api/.")")},
       {{kPathMatchPath, "must not end with '/.' when type one of ['Exact', 'PathPrefix']"}}},
      {"Ingress path type Prefix copied verbatim",
       http_route,
       {set(kPathMatch + "/type", R"("Prefix")")},
       {{kPathMatchPath, "type must be one of ['Exact', 'PathPrefix', 'RegularExpression']"},
        {kPathMatchPath + ".type",
         R"(unsupported value "Prefix"; supported values: "Exact", "PathPrefix", "RegularExpression")"}}},
      {"path with a space",
       http_route,
       {set(kPathMatch + "/value", R"("/api v1")")},
       {{kPathMatchPath,
         "must only contain valid characters (matching "
         "^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$) "
         "for types ['Exact', 'PathPrefix']"}}},

      // ---- Gateway ----
      {"two addresses with the same IP, type defaulted",
       gateway,
       {append("/spec/addresses", R"({"value": "10.0.0.1"})")},
       {{"spec.addresses", "IPAddress values must be unique"}}},
      {"two addresses with the same hostname",
       gateway,
       {set(
           "/spec/addresses",
           R"([{"type": "Hostname", "value": "gw.example.com"}, {"type": "Hostname", "value": "gw.example.com"}])")},
       {{"spec.addresses", "Hostname values must be unique"}}},
      {"Hostname address with capitals",
       gateway,
       {set("/spec/addresses", R"([{"type": "Hostname", "value": "GW.example.com"}])")},
       {{"spec.addresses[0]",
         R"(Hostname value must be empty or contain only valid characters (matching ^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$))"}}},
      {"annotation key with a space",
       gateway,
       {set("/spec/infrastructure/annotations/bad key", R"("x")")},
       {{"spec.infrastructure.annotations",
         "Annotation keys must be in the form of an optional DNS subdomain prefix "
         "followed by a required name segment of up to 63 characters."}}},
      {"annotation key prefix of 253 characters",
       gateway,
       {[](Json& o) {
         o["spec"]["infrastructure"]["annotations"][std::string(253, 'a') + "/x"] = "y";
       }},
       {{"spec.infrastructure.annotations",
         "If specified, the annotation key's prefix must be a DNS subdomain not "
         "longer than 253 characters in total."}}},
      {"label key starting with a dash",
       gateway,
       {set("/spec/infrastructure/labels/-team", R"("x")")},
       {{"spec.infrastructure.labels",
         "Label keys must be in the form of an optional DNS subdomain prefix followed "
         "by a required name segment of up to 63 characters."}}},
      {"label key prefix of 253 characters",
       gateway,
       {[](Json& o) { o["spec"]["infrastructure"]["labels"][std::string(253, 'b') + "/x"] = "y"; }},
       {{"spec.infrastructure.labels",
         "If specified, the label key's prefix must be a DNS subdomain not longer than "
         "253 characters in total."}}},
      {"tls on an HTTP listener",
       gateway,
       {set("/spec/listeners/0/tls", R"({"certificateRefs": [{"name": "c"}]})")},
       {{"spec.listeners", "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']"}}},
      {"HTTPS listener in Passthrough mode",
       gateway,
       {set("/spec/listeners/1/tls/mode", R"("Passthrough")")},
       {{"spec.listeners", "tls mode must be Terminate for protocol HTTPS"}}},
      {"TLS listener without tls",
       gateway,
       {append("/spec/listeners", R"({"name": "tls", "protocol": "TLS", "port": 8443})")},
       {{"spec.listeners", "tls mode must be set for protocol TLS"}}},
      {"TCP listener with a hostname",
       gateway,
       {append(
           "/spec/listeners",
           R"({"name": "tcp", "protocol": "TCP", "port": 9000, "hostname": "db.example.com"})")},
       {{"spec.listeners", "hostname must not be specified for protocols ['TCP', 'UDP']"}}},
      {"two listeners named http",
       gateway,
       {append("/spec/listeners", R"({"name": "http", "protocol": "HTTP", "port": 8080})")},
       {{"spec.listeners", "Listener name must be unique within the Gateway"},
        {"spec.listeners[2]", R"(duplicate entry with name "http")"}}},
      {"two HTTP listeners on port 80 without hostname",
       gateway,
       {append("/spec/listeners", R"({"name": "http-2", "protocol": "HTTP", "port": 80})")},
       {{"spec.listeners",
         "Combination of port, protocol and hostname must be unique for each listener"}}},
      {"HTTPS listener with empty tls (mode defaults to Terminate)",
       gateway,
       {set("/spec/listeners/1/tls", "{}")},
       {{"spec.listeners[1].tls",
         "certificateRefs or options must be specified when mode is Terminate"}}},
      {"two frontend TLS entries for port 443",
       gateway,
       {set("/spec/tls", R"({"frontend": {
           "default": {"validation": {"caCertificateRefs": [{"group": "", "kind": "ConfigMap", "name": "ca"}]}},
           "perPort": [
             {"port": 443, "tls": {"validation": {"caCertificateRefs": [{"group": "", "kind": "ConfigMap", "name": "a"}]}}},
             {"port": 443, "tls": {"validation": {"caCertificateRefs": [{"group": "", "kind": "ConfigMap", "name": "b"}]}}}]}})")},
       {{"spec.tls.frontend.perPort",
         "Port for TLS configuration must be unique within the Gateway"},
        {"spec.tls.frontend.perPort[1]", "duplicate entry with port 443"}}},
  };
}

}  // namespace

TEST_CASE("every embedded CRD dump loads with all CEL rules implemented and all patterns compiling",
          "[validate]") {
  std::vector<std::string> embedded;
  for (const im::EmbeddedFile& f : im::embedded_files()) {
    if (f.path.substr(0, 10) == "rules/crd/") embedded.emplace_back(f.path.substr(10));
  }
  CHECK(embedded == kDumps);
  for (const std::string& name : kDumps) {
    INFO(name);
    const auto& table = im::validate::embedded_constraint_table(name);
    // Every Gateway API CRD has patterns; some vendor CRDs have none.
    if (name.find('/') == std::string::npos) CHECK_FALSE(table.patterns.empty());
    // (Loading already refuses a rule without an implementation; vendor
    // rules are keyed by message and expression, so look by message here.)
    const auto& rules = im::validate::all_cel_rules();
    for (const std::string& message : table.cel_messages) {
      INFO(message);
      CHECK(std::any_of(rules.begin(), rules.end(),
                        [&](const im::validate::CelRule& r) { return r.message == message; }));
    }
    for (const std::string& pattern : table.patterns) {
      INFO(pattern);
      CHECK(RE2(pattern).ok());
    }
  }
}

TEST_CASE("every CEL implementation is used by some dump", "[validate]") {
  std::set<std::string> used;
  for (const std::string& name : kDumps) {
    for (const std::string& m : im::validate::embedded_constraint_table(name).cel_messages)
      used.insert(m);
  }
  std::set<std::string> implemented;
  for (const auto& rule : im::validate::all_cel_rules()) implemented.insert(rule.message);
  CHECK(implemented == used);
  CHECK(implemented.size() == 205);
}

TEST_CASE("a dump with an unimplemented CEL rule does not load", "[validate]") {
  REQUIRE_THROWS_WITH(
      im::validate::load_constraint_table(
          "x.txt", "# header\n.spec  \n    CEL: spec must be shiny | self.shiny\n"),
      "x.txt:3: CEL rule \"spec must be shiny\" has no C++ implementation (lib/validate/cel_*.cc)");
}

TEST_CASE("a dump with a broken pattern, constraint or path does not load", "[validate]") {
  using im::validate::load_constraint_table;
  REQUIRE_THROWS_WITH(
      load_constraint_table("x.txt", ".spec  \n.spec.a  type='string' pattern='(ab'\n"),
      "x.txt:2: pattern (ab does not compile: missing ): (ab");
  REQUIRE_THROWS_WITH(
      load_constraint_table("x.txt", ".spec  \n.spec.a  type='string' nullable=True\n"),
      "x.txt:2: unsupported constraint nullable");
  REQUIRE_THROWS_WITH(load_constraint_table("x.txt", ".spec  \n.spec.a.b  type='string'\n"),
                      "x.txt: no line declares .spec.a, the parent of other lines");
  REQUIRE_THROWS_WITH(
      load_constraint_table("x.txt", ".spec  \n.spec.a  type='string'\n.spec.a  type='string'\n"),
      "x.txt:3: .spec.a already declared on line 2");
}

TEST_CASE("Python literals in the dumps are read as their values", "[validate]") {
  const std::string text =
      R"(pattern="^[A-Za-z0-9!#$%&'*+\\-.^_\\x60|~]+$" default=[{'matches': [{'path': {'type': 'PathPrefix', 'value': '/'}}]}] x=True)";
  size_t pos = 8;
  CHECK(im::validate::parse_python_literal(text, pos) == R"(^[A-Za-z0-9!#$%&'*+\-.^_\x60|~]+$)");
  pos = text.find('[', pos);
  CHECK(im::validate::parse_python_literal(text, pos) ==
        Json::parse(R"([{"matches": [{"path": {"type": "PathPrefix", "value": "/"}}]}])"));
  pos = text.size() - 4;
  CHECK(im::validate::parse_python_literal(text, pos) == true);
}

TEST_CASE("realistic objects of every kind are valid", "[validate]") {
  CHECK(validate_object(gateway()) == Errors{});
  CHECK(validate_object(http_route()) == Errors{});
  CHECK(validate_object(grpc_route()) == Errors{});
  CHECK(validate_object(tls_route()) == Errors{});
  CHECK(validate_object(reference_grant()) == Errors{});
  CHECK(validate_object(backend_tls_policy()) == Errors{});
  CHECK(validate_object(http_route(), Channel::Experimental) == Errors{});
  CHECK(validate_object(grpc_route(), Channel::Experimental) == Errors{});
}

TEST_CASE("each CEL rule of HTTPRoute and Gateway reports its own message", "[validate]") {
  for (const Case& c : cel_cases()) {
    DYNAMIC_SECTION(c.name) {
      CHECK(validate_object(build(c)) == c.expected);
    }
  }
}

TEST_CASE("the CEL cases cover every CEL rule of HTTPRoute and Gateway", "[validate]") {
  std::set<std::string> violated;
  for (const Case& c : cel_cases()) {
    for (const auto& e : c.expected) violated.insert(e.message);
  }
  for (const char* name : {"standard-httproutes-v1.txt", "standard-gateways-v1.txt"}) {
    for (const std::string& m : im::validate::embedded_constraint_table(name).cel_messages) {
      INFO(name << ": " << m);
      CHECK(violated.count(m) == 1);
    }
  }
}

TEST_CASE("schema limits and types are enforced", "[validate]") {
  const std::vector<Case> cases = {
      {"17 rules",
       http_route,
       {[](Json& o) {
         o["spec"]["rules"] = repeat(17, R"({"backendRefs": [{"name": "a", "port": 80}]})");
       }},
       {{"spec.rules", "must have at most 16 items"}}},
      {"65 listeners",
       gateway,
       {[](Json& o) {
         Json listeners = Json::array();
         for (int i = 0; i < 65; ++i) {
           listeners.push_back(
               {{"name", "l" + std::to_string(i)}, {"protocol", "HTTP"}, {"port", 1000 + i}});
         }
         o["spec"]["listeners"] = listeners;
       }},
       {{"spec.listeners", "must have at most 64 items"}}},
      {"no listeners",
       gateway,
       {set("/spec/listeners", "[]")},
       {{"spec.listeners", "must have at least 1 item"}}},
      {"hostname with capitals",
       http_route,
       {set("/spec/hostnames/0", R"("Shop.Example.com")")},
       {{"spec.hostnames[0]",
         R"(invalid value "Shop.Example.com": must match ^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)"}}},
      {"misspelt field (matches then defaults to PathPrefix /)",
       http_route,
       {[](Json& o) { o["spec"]["rules"][0]["matchs"] = o["spec"]["rules"][0]["matches"]; },
        erase("/spec/rules/0/matches")},
       {{"spec.rules[0].matchs", R"(unknown field; did you mean "matches"?)"}}},
      {"unknown field with nothing close",
       http_route,
       {set("/spec/rules/0/priority", "1")},
       {{"spec.rules[0].priority", "unknown field"}}},
      {"port as a string",
       http_route,
       {set("/spec/parentRefs/0/port", R"("443")")},
       {{"spec.parentRefs[0].port", "must be of type integer, got string"}}},
      {"port out of range",
       http_route,
       {set("/spec/rules/0/backendRefs/0/port", "70000")},
       {{"spec.rules[0].backendRefs[0].port", "must be less than or equal to 65535, got 70000"}}},
      {"negative weight",
       http_route,
       {set("/spec/rules/0/backendRefs/0/weight", "-1")},
       {{"spec.rules[0].backendRefs[0].weight", "must be greater than or equal to 0, got -1"}}},
      {"redirect status 304",
       http_route,
       {set("/spec/rules/2/filters/0/requestRedirect/statusCode", "304")},
       {{"spec.rules[2].filters[0].requestRedirect.statusCode",
         "unsupported value 304; supported values: 301, 302, 303, 307, 308"}}},
      {"parentRef without name",
       http_route,
       {erase("/spec/parentRefs/0/name")},
       {{"spec.parentRefs[0].name", "required field is missing"}}},
      {"empty backend name",
       http_route,
       {set("/spec/rules/1/backendRefs/0/name", R"("")")},
       {{"spec.rules[1].backendRefs[0].name", "must be at least 1 character long"}}},
      {"timeout in days",
       http_route,
       {set("/spec/rules/0/timeouts/request", R"("1d")")},
       {{"spec.rules[0].timeouts.request",
         R"(invalid value "1d": must match ^([0-9]{1,5}(h|m|s|ms)){1,4}$)"}}},
      {"header removed twice",
       http_route,
       {append("/spec/rules/0/filters/0/requestHeaderModifier/remove", R"("X-Debug")")},
       {{"spec.rules[0].filters[0].requestHeaderModifier.remove[1]",
         R"(duplicate value "X-Debug")"}}},
      {"header matched twice",
       http_route,
       {append("/spec/rules/0/matches/0/headers", R"({"name": "X-Env", "value": "dev"})")},
       {{"spec.rules[0].matches[0].headers[1]", R"(duplicate entry with name "X-Env")"}}},
      {"17 TLS options",
       gateway,
       {[](Json& o) {
         for (int i = 0; i < 17; ++i)
           o["spec"]["listeners"][1]["tls"]["options"]["example.com/o" + std::to_string(i)] = "v";
       }},
       {{"spec.listeners[1].tls.options", "must have at most 16 entries"}}},
      {"label value that is a number",
       gateway,
       {set("/spec/infrastructure/labels/tier", "1")},
       {{"spec.infrastructure.labels[tier]", "must be of type string, got integer"}}},
      {"17 hostnames",
       http_route,
       {[](Json& o) {
         o["spec"]["hostnames"] = Json::array();
         for (int i = 0; i < 17; ++i)
           o["spec"]["hostnames"].push_back("h" + std::to_string(i) + ".example.com");
       }},
       {{"spec.hostnames", "must have at most 16 items"}}},
  };
  for (const Case& c : cases) {
    DYNAMIC_SECTION(c.name) {
      CHECK(validate_object(build(c)) == c.expected);
    }
  }
}

TEST_CASE("string lengths count characters, not UTF-8 bytes", "[validate]") {
  auto with_value = [](size_t n) {
    Json o = http_route();
    std::string v;
    for (size_t i = 0; i < n; ++i) v += "\xC3\xA9";  // é, two bytes
    o["spec"]["rules"][0]["filters"][0]["requestHeaderModifier"]["set"][0]["value"] = v;
    return o;
  };
  CHECK(validate_object(with_value(4096)) == Errors{});
  CHECK(validate_object(with_value(4097)) ==
        Errors{{"spec.rules[0].filters[0].requestHeaderModifier.set[0].value",
                "must be at most 4096 characters long"}});
}

TEST_CASE("defaults are applied before CEL rules, as the API server does", "[validate]") {
  // A rule without matches gets {path: {type: PathPrefix, value: /}}, which
  // satisfies the single-PathPrefix requirement of ReplacePrefixMatch.
  Json route = http_route();
  route["spec"]["rules"][2].erase("matches");
  CHECK(validate_object(route) == Errors{});

  // A TLS listener with `tls: {}` has mode Terminate by default, so it needs certificates.
  Json gw = gateway();
  gw["spec"]["listeners"].push_back(
      Json::parse(R"({"name": "tls", "protocol": "TLS", "port": 8443, "tls": {}})"));
  CHECK(validate_object(gw) ==
        Errors{{"spec.listeners[2].tls",
                "certificateRefs or options must be specified when mode is Terminate"}});

  // A backendRef to another kind needs no port.
  route = http_route();
  route["spec"]["rules"][1]["backendRefs"][0] =
      Json::parse(R"({"group": "example.com", "kind": "Bucket", "name": "b"})");
  CHECK(validate_object(route) == Errors{});
}

TEST_CASE("apiVersion, kind and metadata are checked", "[validate]") {
  Json o = grpc_route();
  o["apiVersion"] = "gateway.networking.k8s.io/v1beta1";
  o["metadata"] = Json::parse(R"({"name": "Shop", "namespace": "my_ns", "lables": {}})");
  o["sepc"] = Json::object();
  CHECK(
      validate_object(o) ==
      Errors{
          {"sepc", R"(unknown field; did you mean "spec"?)"},
          {"apiVersion",
           R"(unsupported apiVersion "gateway.networking.k8s.io/v1beta1"; expected "gateway.networking.k8s.io/v1")"},
          {"metadata.name",
           R"(invalid value "Shop": a lowercase RFC 1123 subdomain must consist of lower case )"
           R"(alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character)"},
          {"metadata.namespace",
           R"(invalid value "my_ns": a lowercase RFC 1123 label must consist of lower case )"
           R"(alphanumeric characters or '-', and must start and end with an alphanumeric character)"},
          {"metadata.lables", R"(unknown field; did you mean "labels"?)"}});

  // v1.6.1 still serves v1beta1 of ReferenceGrant, Gateway and HTTPRoute.
  o = reference_grant();
  o["apiVersion"] = "gateway.networking.k8s.io/v1beta1";
  CHECK(validate_object(o) == Errors{});

  o = gateway();
  o["metadata"].erase("name");
  o.erase("spec");
  CHECK(validate_object(o) == Errors{{"metadata.name", "required field is missing"},
                                     {"spec", "required field is missing"}});

  o = gateway();
  o["kind"] = "Ingress";
  CHECK(
      validate_object(o) ==
      Errors{
          {"kind",
           R"(unsupported kind "Ingress"; supported kinds: BackendTLSPolicy, GRPCRoute, Gateway, )"
           R"(HTTPRoute, ListenerSet, ReferenceGrant, TLSRoute)"}});

  CHECK(validate_object(Json::array()) == Errors{{"", "must be of type object, got array"}});
}

TEST_CASE("the experimental channel admits sessionPersistence and enforces its rules",
          "[validate]") {
  Json o = http_route();
  o["spec"]["rules"][0]["sessionPersistence"] =
      Json::parse(R"({"sessionName": "shop", "type": "Cookie", "absoluteTimeout": "1h",
                      "cookieConfig": {"lifetimeType": "Permanent"}})");
  CHECK(validate_object(o, Channel::Experimental) == Errors{});
  CHECK(validate_object(o) == Errors{{"spec.rules[0].sessionPersistence", "unknown field"}});

  o["spec"]["rules"][0]["sessionPersistence"] =
      Json::parse(R"({"type": "Header", "cookieConfig": {"lifetimeType": "Permanent"}})");
  CHECK(validate_object(o, Channel::Experimental) ==
        Errors{
            {"spec.rules[0].sessionPersistence",
             "AbsoluteTimeout must be specified when cookie lifetimeType is Permanent"},
            {"spec.rules[0].sessionPersistence", "cookieConfig can only be set with type Cookie"}});

  o = http_route();
  o["spec"]["parentRefs"].push_back(
      Json::parse(R"({"name": "gw", "namespace": "infra", "port": 443})"));
  CHECK(validate_object(o, Channel::Experimental) ==
        Errors{{"spec.parentRefs",
                "sectionName or port must be specified when parentRefs includes 2 or more "
                "references to the same parent"}});
}

TEST_CASE("CEL rules of GRPCRoute, TLSRoute and BackendTLSPolicy", "[validate]") {
  Json o = grpc_route();
  o["spec"]["rules"][0]["matches"][0]["method"] = Json::object();
  o["spec"]["rules"][0]["matches"].push_back(
      Json::parse(R"({"method": {"service": "9lives", "method": "say.hello"}})"));
  CHECK(
      validate_object(o) ==
      Errors{
          {"spec.rules[0].matches[0].method",
           "One or both of 'service' or 'method' must be specified"},
          {"spec.rules[0].matches[1].method",
           R"(service must only contain valid characters (matching ^(?i)\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$))"},
          {"spec.rules[0].matches[1].method",
           "method must only contain valid characters (matching ^[A-Za-z_][A-Za-z_0-9]*$)"}});

  o = tls_route();
  o["spec"]["hostnames"] = Json::parse(R"(["10.1.2.3"])");
  CHECK(validate_object(o) == Errors{{"spec.hostnames", "Hostnames cannot contain an IP"}});

  o = backend_tls_policy();
  o["spec"]["validation"]["wellKnownCACertificates"] = "System";
  o["spec"]["validation"]["subjectAltNames"][0] =
      Json::parse(R"({"type": "URI", "hostname": "api.internal"})");
  CHECK(validate_object(o) ==
        Errors{{"spec.validation",
                "must not contain both CACertificateRefs and WellKnownCACertificates"},
               {"spec.validation.subjectAltNames[0]",
                "SubjectAltName element must not contain Hostname, if Type is not set to Hostname"},
               {"spec.validation.subjectAltNames[0]",
                "SubjectAltName element must contain URI, if Type is set to URI"}});

  o = reference_grant();
  o.erase("spec");
  CHECK(validate_object(o) == Errors{{"spec", "required field is missing"}});
}

TEST_CASE("Istio objects: protobuf oneofs and the CEL rules of AuthorizationPolicy and DestinationRule",
          "[validate]") {
  Json policy = Json::parse(R"({
    "apiVersion": "security.istio.io/v1", "kind": "AuthorizationPolicy",
    "metadata": {"name": "shop-source-ranges", "namespace": "shop"},
    "spec": {"targetRefs": [{"group": "gateway.networking.k8s.io", "kind": "Gateway", "name": "web"}],
             "action": "DENY",
             "rules": [{"from": [{"source": {"notRemoteIpBlocks": ["10.0.0.0/8"]}}],
                        "to": [{"operation": {"hosts": ["a.example.com"], "paths": ["/api", "/api/*"]}}]}]}})");
  CHECK(validate_object(policy) == Errors{});
  policy["spec"]["targetRefs"][0]["namespace"] = "infra";
  policy["spec"]["action"] = "MAYBE";
  CHECK(validate_object(policy) ==
        Errors{{"spec.targetRefs[0].namespace", "cross namespace referencing is not currently supported"},
               {"spec.action",
                "unsupported value \"MAYBE\"; supported values: \"ALLOW\", \"DENY\", \"AUDIT\", \"CUSTOM\""}});

  Json rule = Json::parse(R"({
    "apiVersion": "networking.istio.io/v1", "kind": "DestinationRule",
    "metadata": {"name": "shop-web", "namespace": "shop"},
    "spec": {"host": "web.shop.svc.cluster.local", "exportTo": ["."],
             "trafficPolicy": {"loadBalancer": {"consistentHash": {"httpCookie": {"name": "route", "ttl": "0s"}}},
                               "connectionPool": {"tcp": {"connectTimeout": "5s"}}}}})");
  CHECK(validate_object(rule) == Errors{});
  rule["spec"]["trafficPolicy"]["loadBalancer"]["simple"] = "ROUND_ROBIN";
  rule["spec"]["trafficPolicy"]["connectionPool"]["tcp"]["connectTimeout"] = "0s";
  CHECK(validate_object(rule) ==
        Errors{{"spec.trafficPolicy.loadBalancer",
                "must validate one and only one schema (oneOf): at most one of [simple, consistentHash] may be set, "
                "got simple and consistentHash"},
               {"spec.trafficPolicy.connectionPool.tcp.connectTimeout", "must be a valid duration greater than 1ms"}});
}

TEST_CASE("GKE Gateway policies: a HealthCheckPolicy config is a type and its one check, with GCE's timing rules",
          "[validate]") {
  Json health = Json::parse(R"({
    "apiVersion": "networking.gke.io/v1", "kind": "HealthCheckPolicy",
    "metadata": {"name": "store", "namespace": "shop"},
    "spec": {"targetRef": {"group": "", "kind": "Service", "name": "store"},
             "default": {"checkIntervalSec": 10, "timeoutSec": 5,
                         "config": {"type": "HTTP", "httpHealthCheck": {"requestPath": "/healthz",
                                    "portSpecification": "USE_FIXED_PORT", "port": 8081}}}}})");
  CHECK(validate_object(health) == Errors{});
  health["spec"]["default"] = Json::parse(R"({"timeoutSec": 20,
      "config": {"type": "HTTPS", "httpHealthCheck": {"port": 8081}}})");
  CHECK(validate_object(health) ==
        Errors{{"spec.default",
                "when checkIntervalSec is unspecified, timeOutSec cannot exceed 5, which is the default value of "
                "checkIntervalSec"},
               {"spec.default.config", "httpsHealthCheck must be specified for type HTTPS"},
               {"spec.default.config.httpHealthCheck",
                "port and portName must be unset for portSpecification being USE_SERVING_PORT (which is the "
                "default)"}});
  health["spec"]["default"] = Json::parse(R"({"config": {"type": "HTTP"}})");
  CHECK(validate_object(health) ==
        Errors{{"spec.default.config", "must have at least 2 entries"},
               {"spec.default.config", "httpHealthCheck must be specified for type HTTP"}});

  Json backend = Json::parse(R"({
    "apiVersion": "networking.gke.io/v1", "kind": "GCPBackendPolicy",
    "metadata": {"name": "store", "namespace": "shop"},
    "spec": {"targetRef": {"group": "", "kind": "Service", "name": "store"},
             "default": {"timeoutSec": 0, "logging": {"enabled": true, "sampleRate": 500000},
                         "sessionAffinity": {"type": "COOKIE"}}}})");
  CHECK(validate_object(backend) ==
        Errors{{"spec.default.timeoutSec", "must be greater than or equal to 1, got 0"},
               {"spec.default.sessionAffinity.type",
                "unsupported value \"COOKIE\"; supported values: \"CLIENT_IP\", \"CLIENT_IP_PORT_PROTO\", "
                "\"CLIENT_IP_PROTO\", \"GENERATED_COOKIE\", \"HEADER_FIELD\", \"HTTP_COOKIE\", \"NONE\""}});
}

TEST_CASE("Traefik Middlewares: one middleware type with its own fields, periods and durations as int-or-string",
          "[validate]") {
  Json mw = Json::parse(R"({
    "apiVersion": "traefik.io/v1alpha1", "kind": "Middleware",
    "metadata": {"name": "shop-rate-limit", "namespace": "shop"},
    "spec": {"rateLimit": {"average": 10, "period": "1s", "burst": 50}}})");
  CHECK(validate_object(mw) == Errors{});
  mw["spec"] = Json::parse(R"({"retry": {"attempts": 3, "status": ["502", "5x"], "timeout": "ten"},
                                "ipAllowList": {"sourceRange": ["10.0.0.0/8"], "ipStrategy": {"depth": 1}}})");
  CHECK(validate_object(mw) ==
        Errors{{"spec.retry.status[1]", "invalid value \"5x\": must match ^([1-5][0-9]{2}[,-]?)+$"},
               {"spec.retry.timeout", "invalid value \"ten\": must match ^([0-9]+(ns|us|\xc2\xb5s|ms|s|m|h)?)+$"},
               {"spec.ipAllowList.ipStrategy", "unknown field"}});
}
