// The request checks of a plan: one command per host, listener and rule,
// pinned whole.

#include <catch2/catch.hpp>

#include "plan/curl_lines.h"

using namespace im;

namespace {

ListenerIR listener(const std::string& name, const std::string& host, int port, const std::string& protocol) {
  ListenerIR l;
  l.name = name;
  l.hostname = host;
  l.port = port;
  l.protocol = protocol;
  return l;
}

RouteRuleIR rule(const std::string& type, const std::string& path) {
  RouteRuleIR r;
  r.path = PathMatchIR{type, path};
  r.backends.push_back(BackendRefIR{"", "", "web", 80, std::nullopt});
  return r;
}

}  // namespace

TEST_CASE("checks cover each rule on each listener, with headers, regex prefixes and splits", "[plan]") {
  ConversionOutput out;
  GatewayIR gw;
  gw.ns = "shop";
  gw.name = "nginx";
  gw.listeners = {listener("http-shop", "shop.example.com", 80, "HTTP"),
                  listener("https-shop", "shop.example.com", 8443, "HTTPS"),
                  listener("http-any", "*.example.com", 80, "HTTP"), listener("http", "", 80, "HTTP")};
  out.gateways.push_back(gw);

  HTTPRouteIR shop;
  shop.ns = "shop";
  shop.name = "shop";
  shop.hostnames = {"shop.example.com"};
  shop.parents = {ParentRefIR{"", "nginx", "http-shop"}, ParentRefIR{"", "nginx", "https-shop"}};
  RouteRuleIR canary = rule("PathPrefix", "/cart");
  canary.headers.push_back(HeaderMatchIR{"Exact", "X-Canary", "always"});
  canary.headers.push_back(HeaderMatchIR{"RegularExpression", "X-User", "^beta-.*"});
  RouteRuleIR regex = rule("RegularExpression", "/api/v[0-9]+/items");
  regex.backends[0].weight = 90;
  regex.backends.push_back(BackendRefIR{"", "", "api-next", 80, 10});
  shop.rules = {canary, regex};
  out.http_routes.push_back(shop);

  HTTPRouteIR wildcard;
  wildcard.ns = "shop";
  wildcard.name = "wildcard";
  wildcard.parents = {ParentRefIR{"", "nginx", "http-any"}};
  wildcard.hostnames = {"*.example.com"};
  wildcard.rules = {rule("Exact", "/it's")};
  out.http_routes.push_back(wildcard);

  HTTPRouteIR catch_all;
  catch_all.ns = "shop";
  catch_all.name = "default";
  catch_all.parents = {ParentRefIR{"", "nginx", "http"}};
  catch_all.rules = {rule("PathPrefix", "/")};
  out.http_routes.push_back(catch_all);

  auto checks = gateway_checks(out, out, {"", "shop.example.com", "*.example.com"});
  REQUIRE(checks.size() == 1);
  CHECK(checks[0].gateway.ns == "shop");
  CHECK(checks[0].gateway.name == "nginx");
  CHECK(checks[0].lines ==
        std::vector<std::string>{
            "curl -sS -o /dev/null -w '%{http_code}\\n' http://$GATEWAY_ADDRESS/",
            "curl -sS -o /dev/null -w '%{http_code}\\n' --resolve shop.example.com:80:$GATEWAY_ADDRESS -H "
            "'X-Canary: always' http://shop.example.com/cart  # add a header X-User matching ^beta-.*",
            "curl -sS -o /dev/null -w '%{http_code}\\n' --resolve shop.example.com:80:$GATEWAY_ADDRESS "
            "http://shop.example.com/api/v  # path regex /api/v[0-9]+/items  # weighted: web 90, api-next 10",
            "curl -sS -o /dev/null -w '%{http_code}\\n' --resolve shop.example.com:8443:$GATEWAY_ADDRESS -H "
            "'X-Canary: always' https://shop.example.com:8443/cart  # add a header X-User matching ^beta-.*",
            "curl -sS -o /dev/null -w '%{http_code}\\n' --resolve shop.example.com:8443:$GATEWAY_ADDRESS "
            "https://shop.example.com:8443/api/v  # path regex /api/v[0-9]+/items  # weighted: web 90, "
            "api-next 10",
            "curl -sS -o /dev/null -w '%{http_code}\\n' --resolve test.example.com:80:$GATEWAY_ADDRESS "
            "'http://test.example.com/it'\\''s'",
        });

  // Only the hosts asked for.
  auto only_default = gateway_checks(out, out, {""});
  REQUIRE(only_default.size() == 1);
  CHECK(only_default[0].lines ==
        std::vector<std::string>{"curl -sS -o /dev/null -w '%{http_code}\\n' http://$GATEWAY_ADDRESS/"});
}

TEST_CASE("gRPC and passthrough routes get grpcurl and TLS checks", "[plan]") {
  ConversionOutput out;
  GatewayIR gw;
  gw.ns = "edge";
  gw.name = "gw";
  gw.listeners = {listener("https-grpc", "grpc.example.com", 443, "HTTPS"),
                  listener("tls-db", "db.example.com", 443, "TLS")};
  out.gateways.push_back(gw);
  GRPCRouteIR grpc;
  grpc.ns = "app";
  grpc.name = "grpc";
  grpc.hostnames = {"grpc.example.com"};
  grpc.parents = {ParentRefIR{"edge", "gw", "https-grpc"}};
  GRPCRuleIR any, one;
  one.service = "shop.Cart";
  grpc.rules = {any, one};
  out.grpc_routes.push_back(grpc);
  TLSRouteIR tls;
  tls.ns = "app";
  tls.name = "db";
  tls.hostnames = {"db.example.com"};
  tls.parents = {ParentRefIR{"edge", "gw", "tls-db"}};
  out.tls_routes.push_back(tls);

  auto checks = gateway_checks(out, out, {"grpc.example.com", "db.example.com"});
  REQUIRE(checks.size() == 1);
  CHECK(checks[0].lines ==
        std::vector<std::string>{
            "curl -sS -o /dev/null -w '%{http_code}\\n' --resolve db.example.com:443:$GATEWAY_ADDRESS "
            "https://db.example.com/  # TLS passed through to the backend",
            "grpcurl -servername grpc.example.com -authority grpc.example.com $GATEWAY_ADDRESS:443 list",
            "grpcurl -servername grpc.example.com -authority grpc.example.com $GATEWAY_ADDRESS:443 "
            "describe shop.Cart",
        });
  CHECK(address_command(checks[0].gateway, "kubectl --context prod") ==
        "GATEWAY_ADDRESS=$(kubectl --context prod get gateway -n edge gw -o "
        "jsonpath='{.status.addresses[0].value}')");
  // A Gateway without namespace is looked up in the context's namespace.
  CHECK(address_command(GatewayRef{"", "nginx"}, "kubectl --context prod") ==
        "GATEWAY_ADDRESS=$(kubectl --context prod get gateway nginx -o "
        "jsonpath='{.status.addresses[0].value}')");
  CHECK(gateway_label(GatewayRef{"", "nginx"}) == "nginx");
  CHECK(gateway_label(GatewayRef{"edge", "gw"}) == "edge/gw");
}
