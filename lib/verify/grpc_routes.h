#pragma once
// GRPCRoute read as the HTTP routing it stands for, so that the Gateway
// model answers gRPC requests (POST /package.Service/Method) with the same
// listener, hostname and precedence rules as HTTPRoutes.

#include "convert/gateway_ir.h"

namespace im::verify {

/// The GRPCRoute as an HTTPRoute: a service and method become the Exact
/// path "/Service/Method", a service alone the PathPrefix "/Service", no
/// method match the PathPrefix "/"; a method without a service (any
/// service) becomes a RegularExpression path, which the model answers
/// "uncertain". Header matches, header modifiers, mirrors and backends are
/// kept as they are.
HTTPRouteIR grpc_route_as_http(const GRPCRouteIR& route);

}  // namespace im::verify
