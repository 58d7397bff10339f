// CEL rules of the Envoy Gateway CRDs the tool emits (SecurityPolicy,
// BackendTrafficPolicy, ClientTrafficPolicy, HTTPRouteFilter of v1.9.0, dumps in
// rules/crd/envoy-gateway/). Each entry names the exact CEL expression it
// implements: Envoy Gateway reuses messages across kinds with different
// expressions, and a changed expression must fail the load, not pass silently.

#include <functional>

#include "validate/cel_rules.h"
#include "validate/cel_vendor_support.h"

namespace im::validate {
namespace {

using namespace cel;  // NOLINT(google-build-using-namespace): the rules read like CEL

// self.type == T ? has(self.f) : !has(self.f)
std::function<bool(const Value&)> field_iff_type(std::string_view type, std::string_view field) {
  return [type, field](const Value& s) { return type_is(s, type) == has(s, field); };
}

// The TLS version order of ClientTrafficPolicy tls: min "Auto" counts lowest,
// max "Auto" highest; without minVersion the floor is 1.2.
int tls_rank(const std::string& v, bool as_max) {
  if (v == "Auto") return as_max ? 5 : 0;
  if (v == "1.0") return 1;
  if (v == "1.1") return 2;
  if (v == "1.2") return 3;
  if (v == "1.3") return 4;
  return -1;
}

bool tls_versions_ordered(const Value& s) {
  const std::string* max = str(s, "maxVersion");
  if (!max) return true;
  const std::string* min = str(s, "minVersion");
  return (min ? tls_rank(*min, false) : 3) <= tls_rank(*max, true);
}

}  // namespace

void add_envoy_gateway_cel_rules(std::vector<CelRule>& out) {
  out.push_back({"BackendRefs only supports Core, multicluster.x-k8s.io, and gateway.envoyproxy.io groups.",
                 [](const Value& s) { return all(s["backendRefs"], [](const Value& f) { return str_eq(f, "group", "") || str_eq(f, "group", "multicluster.x-k8s.io") || str_eq(f, "group", "gateway.envoyproxy.io"); }); },
                 "has(self.backendRefs) ? (self.backendRefs.all(f, f.group == \"\" || f.group == 'multicluster.x-k8s.io' || f.group == 'gateway.envoyproxy.io')) : true"});
  out.push_back({"BackendRefs only supports Service, ServiceImport, and Backend kind.",
                 [](const Value& s) { return all(s["backendRefs"], [](const Value& f) { return in(f, "kind", {"Service", "ServiceImport", "Backend"}); }); },
                 "has(self.backendRefs) ? self.backendRefs.all(f, f.kind == 'Service' || f.kind == 'ServiceImport' || f.kind == 'Backend') : true"});
  out.push_back({"Currently SlowStart is only supported for RoundRobin, LeastRequest, and BackendUtilization load balancers.",
                 [](const Value& s) { return !in(s, "type", {"Random", "ConsistentHash", "DynamicModule"}) || !has(s, "slowStart"); },
                 "self.type in ['Random', 'ConsistentHash', 'DynamicModule'] ? !has(self.slowStart) : true"});
  out.push_back({"EndpointOverride is not supported for DynamicModule load balancers.",
                 [](const Value& s) { return !str_eq(s, "type", "DynamicModule") || !has(s, "endpointOverride"); },
                 "self.type == 'DynamicModule' ? !has(self.endpointOverride) : true"});
  out.push_back({"exactly one of xForwardedFor, customHeader, or directSourceIP must be set",
                 [](const Value& s) {
                   return (has(s, "xForwardedFor") ? 1 : 0) + (has(s, "customHeader") ? 1 : 0) +
                              (has(s, "directSourceIP") ? 1 : 0) ==
                          1;
                 },
                 "[has(self.xForwardedFor), has(self.customHeader), has(self.directSourceIP)].filter(x, x).size() == 1"});
  out.push_back({"only one of numTrustedHops or trustedCIDRs must be set",
                 [](const Value& s) { return has(s, "numTrustedHops") != has(s, "trustedCIDRs"); },
                 "(has(self.numTrustedHops) && !has(self.trustedCIDRs)) || (!has(self.numTrustedHops) && "
                 "has(self.trustedCIDRs))"});
  out.push_back({"If HTTPPathModifier type is ReplaceRegexMatch, replaceRegexMatch field needs to be set.",
                 field_iff_type("ReplaceRegexMatch", "replaceRegexMatch"),
                 "self.type == 'ReplaceRegexMatch' ? has(self.replaceRegexMatch) : !has(self.replaceRegexMatch)"});
  out.push_back({"If LoadBalancer type is BackendUtilization, backendUtilization field needs to be set.",
                 field_iff_type("BackendUtilization", "backendUtilization"),
                 "self.type == 'BackendUtilization' ? has(self.backendUtilization) : !has(self.backendUtilization)"});
  out.push_back({"If LoadBalancer type is DynamicModule, dynamicModule field needs to be set.",
                 field_iff_type("DynamicModule", "dynamicModule"),
                 "self.type == 'DynamicModule' ? has(self.dynamicModule) : !has(self.dynamicModule)"});
  out.push_back({"If LoadBalancer type is consistentHash, consistentHash field needs to be set.",
                 field_iff_type("ConsistentHash", "consistentHash"),
                 "self.type == 'ConsistentHash' ? has(self.consistentHash) : !has(self.consistentHash)"});
  out.push_back({"If consistent hash type is cookie, the cookie field must be set.",
                 field_iff_type("Cookie", "cookie"),
                 "self.type == 'Cookie' ? has(self.cookie) : !has(self.cookie)"});
  out.push_back({"If consistent hash type is header, the header field must be set.",
                 field_iff_type("Header", "header"),
                 "self.type == 'Header' ? has(self.header) : !has(self.header)"});
  out.push_back({"If consistent hash type is headers, the headers field must be set.",
                 field_iff_type("Headers", "headers"),
                 "self.type == 'Headers' ? has(self.headers) : !has(self.headers)"});
  out.push_back({"If consistent hash type is queryParams, the queryParams field must be set.",
                 field_iff_type("QueryParams", "queryParams"),
                 "self.type == 'QueryParams' ? has(self.queryParams) : !has(self.queryParams)"});
  out.push_back({"Must have port for Service reference",
                 [](const Value& s) { const std::string* g = str(s, "group"); return !(g && g->empty() && str_eq(s, "kind", "Service")) || has(s, "port"); },
                 "(size(self.group) == 0 && self.kind == 'Service') ? has(self.port) : true"});
  out.push_back({"PreferLocal zone-aware routing is not currently supported for BackendUtilization load balancers. Only WeightedZones can be used with BackendUtilization.",
                 [](const Value& s) { return !(str_eq(s, "type", "BackendUtilization") && has(s, "zoneAware")) || !has(s["zoneAware"], "preferLocal"); },
                 "self.type == 'BackendUtilization' && has(self.zoneAware) ? !has(self.zoneAware.preferLocal) : true"});
  out.push_back({"PreferLocal zone-aware routing is not supported for ConsistentHash load balancers. Use weightedZones instead.",
                 [](const Value& s) { return !(str_eq(s, "type", "ConsistentHash") && has(s, "zoneAware")) || !has(s["zoneAware"], "preferLocal"); },
                 "self.type == 'ConsistentHash' && has(self.zoneAware) ? !has(self.zoneAware.preferLocal) : true"});
  out.push_back({"ZoneAware PreferLocal and WeightedZones cannot be specified together.",
                 [](const Value& s) { return !has(s, "zoneAware") || !(has(s["zoneAware"], "preferLocal") && has(s["zoneAware"], "weightedZones")); },
                 "has(self.zoneAware) ? !(has(self.zoneAware.preferLocal) && has(self.zoneAware.weightedZones)) : true"});
  out.push_back({"ZoneAware routing is not supported for DynamicModule load balancers.",
                 [](const Value& s) { return !str_eq(s, "type", "DynamicModule") || !has(s, "zoneAware"); },
                 "self.type == 'DynamicModule' ? !has(self.zoneAware) : true"});
  out.push_back({"admissionControl can only be used with HTTPRoute, GRPCRoute, Gateway, or ListenerSet targets",
                 targets_only_with("admissionControl", {"Gateway", "ListenerSet", "HTTPRoute", "GRPCRoute"}),
                 "!has(self.admissionControl) || ((!has(self.targetRef) || self.targetRef.kind in ['Gateway', 'ListenerSet', 'HTTPRoute', 'GRPCRoute']) && (!has(self.targetRefs) || self.targetRefs.all(ref, ref.kind in ['Gateway', 'ListenerSet', 'HTTPRoute', 'GRPCRoute'])) && (!has(self.targetSelectors) || self.targetSelectors.all(sel, sel.kind in ['Gateway', 'ListenerSet', 'HTTPRoute', 'GRPCRoute'])))"});
  out.push_back({"allowExpiredCertificate can only be set when mode is VerifyIfGiven or RequireAndVerify",
                 [](const Value& s) { const Value v = s["allowExpiredCertificate"]; return !v || v.json() != true || !has(s, "mode") || in(s, "mode", {"VerifyIfGiven", "RequireAndVerify"}); },
                 "!has(self.allowExpiredCertificate) || !self.allowExpiredCertificate || !has(self.mode) || self.mode in ['VerifyIfGiven', 'RequireAndVerify']"});
  out.push_back({"at least one of clientCIDRs, jwt, headers, or clientIPGeoLocations must be specified",
                 any_of_fields({"clientCIDRs", "jwt", "headers", "clientIPGeoLocations"}),
                 "(has(self.clientCIDRs) || has(self.jwt) || has(self.headers) || has(self.clientIPGeoLocations))"});
  out.push_back({"at least one of headers, methods, path, sourceCIDR or queryParams must be specified",
                 any_of_fields({"headers", "methods", "path", "sourceCIDR", "queryParams"}),
                 "has(self.headers) || has(self.methods) || has(self.path) || has(self.sourceCIDR) || has(self.queryParams)"});
  out.push_back({"at least one of principal or cel must be specified",
                 any_of_fields({"principal", "cel"}),
                 "has(self.principal) || has(self.cel)"});
  out.push_back({"at least one of request or response must be specified",
                 any_of_fields({"request", "response"}),
                 "has(self.request) || has(self.response)"});
  out.push_back({"backendRef or backendRefs needs to be set",
                 [](const Value& s) { return has(s, "backendRef") || s["backendRefs"].size() > 0; },
                 "has(self.backendRef) || self.backendRefs.size() > 0"});
  out.push_back({"certDetailsToAdd can only be set when mode is AppendForward or SanitizeSet",
                 [](const Value& s) { return s["certDetailsToAdd"].size() == 0 || in(s, "mode", {"AppendForward", "SanitizeSet"}); },
                 "(has(self.certDetailsToAdd) && self.certDetailsToAdd.size() > 0) ? (self.mode == 'AppendForward' || self.mode == 'SanitizeSet') : true"});
  out.push_back({"either compression or compressor can be set, not both",
                 [](const Value& s) { return !has(s, "compression") || !has(s, "compressor"); },
                 "!has(self.compression) || !has(self.compressor)"});
  out.push_back({"either targetRef or targetRefs must be used",
                 [](const Value& s) { return has(s, "targetRef") != has(s, "targetRefs") || s["targetSelectors"].size() > 0; },
                 "(has(self.targetRef) && !has(self.targetRefs)) || (!has(self.targetRef) && has(self.targetRefs)) || (has(self.targetSelectors) && self.targetSelectors.size() > 0)"});
  out.push_back({"if authorization.rules.principal.jwt is used, jwt must be defined",
                 [](const Value& s) { return !exists(s["authorization"]["rules"], [](const Value& r) { return has(r["principal"], "jwt"); }) || has(s, "jwt"); },
                 "(has(self.authorization) && has(self.authorization.rules) && self.authorization.rules.exists(r, has(r.principal) ? has(r.principal.jwt) : false)) ? has(self.jwt) : true"});
  out.push_back({"limit fromMetadata is not supported for Local Rate Limits",
                 [](const Value& s) { return all(s, [](const Value& r) { return !has(r["limit"], "fromMetadata"); }); },
                 "self.all(r, !has(r.limit.fromMetadata))"});
  out.push_back({"mergeType can only be used with xRoute targets",
                 targets_only_with("mergeType", {"HTTPRoute", "GRPCRoute", "TCPRoute"}),
                 "!has(self.mergeType) || ((!has(self.targetRef) || self.targetRef.kind in ['HTTPRoute', 'GRPCRoute', 'TCPRoute']) && (!has(self.targetRefs) || self.targetRefs.all(ref, ref.kind in ['HTTPRoute', 'GRPCRoute', 'TCPRoute'])) && (!has(self.targetSelectors) || self.targetSelectors.all(sel, sel.kind in ['HTTPRoute', 'GRPCRoute', 'TCPRoute'])))"});
  out.push_back({"mergeType can only be used with xRoute targets",
                 targets_only_with("mergeType", {"HTTPRoute", "GRPCRoute", "UDPRoute", "TCPRoute", "TLSRoute"}),
                 "!has(self.mergeType) || ((!has(self.targetRef) || self.targetRef.kind in ['HTTPRoute', 'GRPCRoute', 'UDPRoute', 'TCPRoute', 'TLSRoute']) && (!has(self.targetRefs) || self.targetRefs.all(ref, ref.kind in ['HTTPRoute', 'GRPCRoute', 'UDPRoute', 'TCPRoute', 'TLSRoute'])) && (!has(self.targetSelectors) || self.targetSelectors.all(sel, sel.kind in ['HTTPRoute', 'GRPCRoute', 'UDPRoute', 'TCPRoute', 'TLSRoute'])))"});
  out.push_back({"minVersion must be smaller or equal to maxVersion",
                 tls_versions_ordered,
                 "has(self.minVersion) && has(self.maxVersion) ? {\"Auto\":0,\"1.0\":1,\"1.1\":2,\"1.2\":3,\"1.3\":4}[self.minVersion] <= {\"1.0\":1,\"1.1\":2,\"1.2\":3,\"1.3\":4,\"Auto\":5}[self.maxVersion] : !has(self.minVersion) && has(self.maxVersion) ? 3 <= {\"1.0\":1,\"1.1\":2,\"1.2\":3,\"1.3\":4,\"Auto\":5}[self.maxVersion] : true"});
  out.push_back({"one of grpc or http must be specified",
                 any_of_fields({"grpc", "http"}),
                 "(has(self.grpc) || has(self.http))"});
  out.push_back({"only one of grpc or http can be specified",
                 [](const Value& s) { return has(s, "grpc") != has(s, "http"); },
                 "(has(self.grpc) && !has(self.http)) || (!has(self.grpc) && has(self.http))"});
  out.push_back({"only one of path or pathOverride can be specified",
                 [](const Value& s) { return !(has(s, "path") && has(s, "pathOverride")); },
                 "!(has(self.path) && has(self.pathOverride))"});
  out.push_back({"predictivePercent in preconnect policy only works with RoundRobin or Random load balancers",
                 [](const Value& s) { return !has(s["connection"]["preconnect"], "predictivePercent") || in(s["loadBalancer"], "type", {"Random", "RoundRobin"}); },
                 "!((has(self.connection) && has(self.connection.preconnect) && has(self.connection.preconnect.predictivePercent)) && !(has(self.loadBalancer) && has(self.loadBalancer.type) && self.loadBalancer.type in ['Random', 'RoundRobin']))"});
  out.push_back({"preserveXRequestID and requestID cannot both be set.",
                 [](const Value& s) { return !(has(s, "preserveXRequestID") && has(s, "requestID")); },
                 "!(has(self.preserveXRequestID) && has(self.requestID))"});
  out.push_back({"requestBuffer cannot be used together with httpUpgrade",
                 [](const Value& s) { return !has(s, "requestBuffer") || s["httpUpgrade"].size() == 0; },
                 "!has(self.requestBuffer) || !has(self.httpUpgrade) || self.httpUpgrade.size() == 0"});
  out.push_back({"response cost is not supported for Local Rate Limits",
                 [](const Value& s) { return all(s, [](const Value& r) { return !has(r["cost"], "response"); }); },
                 "self.all(r, !has(r.cost) || !has(r.cost.response))"});
  out.push_back({"setting ciphers has no effect if the minimum possible TLS version is 1.3",
                 [](const Value& s) { return !str_eq(s, "minVersion", "1.3") || !has(s, "ciphers"); },
                 "has(self.minVersion) && self.minVersion == '1.3' ? !has(self.ciphers) : true"});
  out.push_back({"this policy can only have a targetRef.group of gateway.networking.k8s.io",
                 [](const Value& s) { return !has(s, "targetRef") || str_eq(s["targetRef"], "group", kGatewayGroup); },
                 "has(self.targetRef) ? self.targetRef.group == 'gateway.networking.k8s.io' : true"});
  out.push_back({"this policy can only have a targetRef.kind of Gateway or ListenerSet",
                 [](const Value& s) { return !has(s, "targetRef") || in(s["targetRef"], "kind", {"Gateway", "ListenerSet"}); },
                 "has(self.targetRef) ? self.targetRef.kind in ['Gateway', 'ListenerSet'] : true"});
  out.push_back({"this policy can only have a targetRef.kind of Gateway/ListenerSet/HTTPRoute/GRPCRoute/TCPRoute",
                 [](const Value& s) { return !has(s, "targetRef") || in(s["targetRef"], "kind", {"Gateway", "ListenerSet", "HTTPRoute", "GRPCRoute", "TCPRoute"}); },
                 "has(self.targetRef) ? self.targetRef.kind in ['Gateway', 'ListenerSet', 'HTTPRoute', 'GRPCRoute', 'TCPRoute'] : true"});
  out.push_back({"this policy can only have a targetRef.kind of Gateway/ListenerSet/HTTPRoute/GRPCRoute/TCPRoute/UDPRoute/TLSRoute",
                 [](const Value& s) { return !has(s, "targetRef") || in(s["targetRef"], "kind", {"Gateway", "ListenerSet", "HTTPRoute", "GRPCRoute", "UDPRoute", "TCPRoute", "TLSRoute"}); },
                 "has(self.targetRef) ? self.targetRef.kind in ['Gateway', 'ListenerSet', 'HTTPRoute', 'GRPCRoute', 'UDPRoute', 'TCPRoute', 'TLSRoute'] : true"});
  out.push_back({"this policy can only have a targetRefs[*].group of gateway.networking.k8s.io",
                 [](const Value& s) { return all(s["targetRefs"], [](const Value& r) { return str_eq(r, "group", kGatewayGroup); }); },
                 "has(self.targetRefs) ? self.targetRefs.all(ref, ref.group == 'gateway.networking.k8s.io') : true"});
  out.push_back({"this policy can only have a targetRefs[*].kind of Gateway or ListenerSet",
                 [](const Value& s) { return all(s["targetRefs"], [](const Value& r) { return in(r, "kind", {"Gateway", "ListenerSet"}); }); },
                 "has(self.targetRefs) ? self.targetRefs.all(ref, ref.kind in ['Gateway', 'ListenerSet']) : true"});
  out.push_back({"this policy can only have a targetRefs[*].kind of Gateway/ListenerSet/HTTPRoute/GRPCRoute/TCPRoute",
                 [](const Value& s) { return all(s["targetRefs"], [](const Value& r) { return in(r, "kind", {"Gateway", "ListenerSet", "HTTPRoute", "GRPCRoute", "TCPRoute"}); }); },
                 "has(self.targetRefs) ? self.targetRefs.all(ref, ref.kind in ['Gateway', 'ListenerSet', 'HTTPRoute', 'GRPCRoute', 'TCPRoute']) : true"});
  out.push_back({"this policy can only have a targetRefs[*].kind of Gateway/ListenerSet/HTTPRoute/GRPCRoute/TCPRoute/UDPRoute/TLSRoute",
                 [](const Value& s) { return all(s["targetRefs"], [](const Value& r) { return in(r, "kind", {"Gateway", "ListenerSet", "HTTPRoute", "GRPCRoute", "UDPRoute", "TCPRoute", "TLSRoute"}); }); },
                 "has(self.targetRefs) ? self.targetRefs.all(ref, ref.kind in ['Gateway', 'ListenerSet', 'HTTPRoute', 'GRPCRoute', 'UDPRoute', 'TCPRoute', 'TLSRoute']) : true"});
}

}  // namespace im::validate
