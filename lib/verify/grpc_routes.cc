#include "verify/grpc_routes.h"

namespace im::verify {

namespace {

// GRPCMethodMatch (Gateway API v1, grpcroute_types.go): a gRPC call is the
// request path "/" + service + "/" + method, and implementations match the
// method on that path, case-sensitively. Envoy Gateway
// (internal/gatewayapi/route.go processGRPCRouteMethodExact) makes service
// + method an exact path and a service alone the string prefix "/service",
// which also takes "/servicex": the model keeps to the spec's meaning, the
// calls of that service ("/service/..."), as a PathPrefix.
PathMatchIR method_path(const GRPCRuleIR& rule) {
  if (!rule.service.empty() && !rule.method.empty())
    return {"Exact", "/" + rule.service + "/" + rule.method};
  if (!rule.service.empty()) return {"PathPrefix", "/" + rule.service};
  if (!rule.method.empty()) return {"RegularExpression", "/[^/]+/" + rule.method};
  return {"PathPrefix", "/"};
}

}  // namespace

HTTPRouteIR grpc_route_as_http(const GRPCRouteIR& route) {
  HTTPRouteIR out;
  out.ns = route.ns;
  out.name = route.name;
  out.parents = route.parents;
  out.hostnames = route.hostnames;
  out.source_ingress = route.source_ingress;
  out.source = route.source;
  for (const GRPCRuleIR& g : route.rules) {
    RouteRuleIR r;
    r.path = method_path(g);
    r.headers = g.headers;
    r.filters = SharedFilters(g.filters);
    r.backends = g.backends;
    r.source = g.source;
    out.rules.push_back(std::move(r));
  }
  return out;
}

}  // namespace im::verify
