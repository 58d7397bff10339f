// CEL rules of the NGINX Gateway Fabric CRDs the tool emits (v2.6.7, dumps in
// rules/crd/nginx-gateway-fabric/). Entries name their exact CEL expression:
// NGF spells one message with different expressions across kinds.

#include "validate/cel_rules.h"
#include "validate/cel_vendor_support.h"

namespace im::validate {

using namespace cel;  // NOLINT(google-build-using-namespace): the rules read like CEL

void add_nginx_gateway_fabric_cel_rules(std::vector<CelRule>& out) {
  out.push_back({"Cannot mix Gateway kind with HTTPRoute or GRPCRoute kinds in targetRefs",
                 [](const Value& s) { return !(exists(s, [](const Value& t) { return str_eq(t, "kind", "Gateway"); }) && exists(s, [](const Value& t) { return in(t, "kind", {"HTTPRoute", "GRPCRoute"}); })); },
                 "!(self.exists(t, t.kind == 'Gateway') && self.exists(t, t.kind == 'HTTPRoute' || t.kind == 'GRPCRoute'))"});
  out.push_back({"NoDelay cannot be true when Delay is also set",
                 [](const Value& s) { return !(has(s, "noDelay") && has(s, "delay") && s["noDelay"].json() == true); },
                 "!(has(self.noDelay) && has(self.delay) && self.noDelay == true)"});
  out.push_back({"Only one snippet allowed per context",
                 [](const Value& s) { return all(s, [&](const Value& a) { return exists_one(s, [&](const Value& b) { return same(a, b, "context"); }); }); },
                 "self.all(s1, self.exists_one(s2, s1.context == s2.context))"});
  out.push_back({"TargetRef Group must be gateway.networking.k8s.io",
                 [](const Value& s) { return all(s, [](const Value& t) { return str_eq(t, "group", kGatewayGroup); }); },
                 "self.all(t, t.group == 'gateway.networking.k8s.io')"});
  out.push_back({"TargetRef Group must be gateway.networking.k8s.io",
                 [](const Value& s) { return all(s, [](const Value& t) { return str_eq(t, "group", kGatewayGroup); }); },
                 "self.all(t, t.group=='gateway.networking.k8s.io')"});
  out.push_back({"TargetRef Group must be gateway.networking.k8s.io.",
                 [](const Value& s) { return str_eq(s, "group", kGatewayGroup); },
                 "(self.group=='gateway.networking.k8s.io')"});
  out.push_back({"TargetRef Kind and Name combination must be unique",
                 [](const Value& s) { return all(s, [&](const Value& a) { return exists_one(s, [&](const Value& b) { return same(a, b, "name") && same(a, b, "kind"); }); }); },
                 "self.all(p1, self.exists_one(p2, (p1.name == p2.name) && (p1.kind == p2.kind)))"});
  out.push_back({"TargetRef Kind and Name combination must be unique",
                 [](const Value& s) { return all(s, [&](const Value& a) { return exists_one(s, [&](const Value& b) { return same(a, b, "group") && same(a, b, "kind") && same(a, b, "name"); }); }); },
                 "self.all(t1, self.exists_one(t2, t1.group == t2.group && t1.kind == t2.kind && t1.name == t2.name))"});
  out.push_back({"TargetRef Kind must be one of: Gateway, HTTPRoute, or GRPCRoute",
                 [](const Value& s) { return in(s, "kind", {"Gateway", "HTTPRoute", "GRPCRoute"}); },
                 "(self.kind=='Gateway' || self.kind=='HTTPRoute' || self.kind=='GRPCRoute')"});
  out.push_back({"TargetRef Kind must be one of: Gateway, HTTPRoute, or GRPCRoute",
                 [](const Value& s) { return all(s, [](const Value& t) { return in(t, "kind", {"Gateway", "HTTPRoute", "GRPCRoute"}); }); },
                 "self.all(t, t.kind == 'Gateway' || t.kind == 'HTTPRoute' || t.kind == 'GRPCRoute')"});
  out.push_back({"TargetRef Name must be unique",
                 [](const Value& s) { return all(s, [&](const Value& a) { return exists_one(s, [&](const Value& b) { return same(a, b, "name"); }); }); },
                 "self.all(p1, self.exists_one(p2, p1.name == p2.name))"});
  out.push_back({"TargetRefs Group must be core",
                 [](const Value& s) { return exists(s, [](const Value& t) { return str_eq(t, "group", "") || str_eq(t, "group", "core"); }); },
                 "self.exists(t, t.group=='') || self.exists(t, t.group=='core')"});
  out.push_back({"TargetRefs Kind must be: Service",
                 [](const Value& s) { return all(s, [](const Value& t) { return str_eq(t, "kind", "Service"); }); },
                 "self.all(t, t.kind=='Service')"});
  out.push_back({"hashMethodKey is required when loadBalancingMethod is 'hash' or 'hash consistent'",
                 [](const Value& s) { return !in(s, "loadBalancingMethod", {"hash", "hash consistent"}) || has(s, "hashMethodKey"); },
                 "!(has(self.loadBalancingMethod) && (self.loadBalancingMethod == 'hash' || self.loadBalancingMethod == 'hash consistent')) || has(self.hashMethodKey)"});
  out.push_back({"header can only be specified if server is specified",
                 [](const Value& s) { return !(has(s, "header") && !has(s, "server")); },
                 "!(has(self.header) && !has(self.server))"});
  out.push_back({"type Basic must not set spec.jwt",
                 [](const Value& s) { return !type_is(s, "Basic") || !has(s, "jwt"); },
                 "self.type != 'Basic' || !has(self.jwt)"});
  out.push_back({"type Basic must not set spec.oidc",
                 [](const Value& s) { return !type_is(s, "Basic") || !has(s, "oidc"); },
                 "self.type != 'Basic' || !has(self.oidc)"});
  out.push_back({"type Basic requires spec.basic to be set",
                 [](const Value& s) { return !type_is(s, "Basic") || has(s, "basic"); },
                 "self.type != 'Basic' || has(self.basic)"});
  out.push_back({"type JWT must not set spec.basic",
                 [](const Value& s) { return !type_is(s, "JWT") || !has(s, "basic"); },
                 "self.type != 'JWT' || !has(self.basic)"});
  out.push_back({"type JWT must not set spec.oidc",
                 [](const Value& s) { return !type_is(s, "JWT") || !has(s, "oidc"); },
                 "self.type != 'JWT' || !has(self.oidc)"});
  out.push_back({"type JWT requires spec.jwt to be set",
                 [](const Value& s) { return !type_is(s, "JWT") || has(s, "jwt"); },
                 "self.type != 'JWT' || has(self.jwt)"});
  out.push_back({"type OIDC must not set spec.basic",
                 [](const Value& s) { return !type_is(s, "OIDC") || !has(s, "basic"); },
                 "self.type != 'OIDC' || !has(self.basic)"});
  out.push_back({"type OIDC must not set spec.jwt",
                 [](const Value& s) { return !type_is(s, "OIDC") || !has(s, "jwt"); },
                 "self.type != 'OIDC' || !has(self.jwt)"});
  out.push_back({"type OIDC requires spec.oidc to be set",
                 [](const Value& s) { return !type_is(s, "OIDC") || has(s, "oidc"); },
                 "self.type != 'OIDC' || has(self.oidc)"});
}

}  // namespace im::validate
