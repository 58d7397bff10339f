// CEL rules of the kgateway CRDs the tool emits (TrafficPolicy,
// BackendConfigPolicy, GatewayExtension of the v2.4 branch, dumps in
// rules/crd/kgateway/). Each entry names the exact CEL expression it
// implements, as for the other vendors. kgateway's generated "exactly one of
// the fields in [...]" rules all read
// [has(self.a),has(self.b),...].filter(x,x==true).size() OP N.

#include <re2/re2.h>

#include <functional>
#include <string>
#include <vector>

#include "validate/cel_rules.h"
#include "validate/cel_vendor_support.h"

namespace im::validate {
namespace {

using namespace cel;  // NOLINT(google-build-using-namespace): the rules read like CEL

size_t fields_set(const Value& s, const std::vector<std::string_view>& fields) {
  size_t n = 0;
  for (std::string_view f : fields) n += has(s, f) ? 1 : 0;
  return n;
}

std::function<bool(const Value&)> exactly_one(std::initializer_list<std::string_view> fields) {
  std::vector<std::string_view> names(fields);
  return [names](const Value& s) { return fields_set(s, names) == 1; };
}

std::function<bool(const Value&)> at_most_one(std::initializer_list<std::string_view> fields) {
  std::vector<std::string_view> names(fields);
  return [names](const Value& s) { return fields_set(s, names) <= 1; };
}

// has(self.type) && self.type == T ? has(self.f) : true
std::function<bool(const Value&)> field_when_type(std::string_view type, std::string_view field) {
  return [type, field](const Value& s) { return !type_is(s, type) || has(s, field); };
}

// duration(self) >= duration(floor); a value that is not a duration fails
// "invalid duration value" instead.
std::function<bool(const Value&)> duration_at_least(int64_t floor_ns) {
  return [floor_ns](const Value& s) {
    const auto ns = duration_ns(s.str());
    return !ns || *ns >= floor_ns;
  };
}

bool duration_pattern(const Value& s) {
  static const RE2 re("([0-9]{1,5}(h|m|s|ms)){1,4}");
  const std::string* v = s.str();
  return !v || RE2::FullMatch(*v, re);
}

bool aggression_positive(const Value& s) {
  static const RE2 re(R"(-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))");
  const std::string* v = s.str();
  return v && RE2::FullMatch(*v, re) && std::stod(*v) > 0.0;
}

bool request_size_in_range(const Value& s) {
  const Json& j = s.json();
  if (j.is_number_integer()) return j.get<int64_t>() > 0 && j.get<int64_t>() < 4294967296LL;
  if (!j.is_string()) return false;
  const auto q = quantity_value(j.get_ref<const std::string&>());
  return !q || (*q > 0 && *q < 4294967296.0L);  // an unreadable quantity fails its pattern
}

bool per_try_below_request(const Value& s) {
  const Value retry = s["retry"];
  const Value timeouts = s["timeouts"];
  if (!retry || !timeouts || !has(retry, "perTryTimeout") || !has(timeouts, "request")) return true;
  const auto per_try = duration_ns(str(retry, "perTryTimeout"));
  const auto request = duration_ns(str(timeouts, "request"));
  return !per_try || !request || *per_try < *request;
}

bool policy_route_kinds(const Value& s) {
  return all(s, [](const Value& r) {
    const std::string* k = str(r, "kind");
    return k && (*k == "Gateway" || *k == "HTTPRoute" || *k == "GRPCRoute" ||
                 (k->size() >= 11 && k->compare(k->size() - 11, 11, "ListenerSet") == 0));
  });
}

bool backend_kinds(const Value& s) {
  return all(s, [](const Value& r) {
    return (str_eq(r, "group", "") && str_eq(r, "kind", "Service")) ||
           (str_eq(r, "group", "gateway.kgateway.dev") && str_eq(r, "kind", "Backend")) ||
           (str_eq(r, "group", "networking.istio.io") && str_eq(r, "kind", "Hostname"));
  });
}

}  // namespace

void add_kgateway_cel_rules(std::vector<CelRule>& out) {
  out.push_back({"Aggression, if specified, must be a string representing a number greater than 0.0",
                 aggression_positive,
                 R"cel((self.matches('^-?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)$') && double(self) > 0.0))cel"});
  out.push_back({"JWT must be set when type is JWT", field_when_type("JWT", "jwt"),
                 R"cel(has(self.type) && self.type == 'JWT' ? has(self.jwt) : true)cel"});
  out.push_back({"TargetRefs must reference either a Kubernetes Service, a Backend, or an Istio Hostname",
                 backend_kinds,
                 R"cel(self.all(r, (r.group == '' && r.kind == 'Service') || (r.group == 'gateway.kgateway.dev' && r.kind == 'Backend') || (r.group == 'networking.istio.io' && r.kind == 'Hostname')))cel"});
  out.push_back({"at least one of the fields in [pathRegex] must be set", any_of_fields({"pathRegex"}),
                 R"cel([has(self.pathRegex)].filter(x,x==true).size() >= 1)cel"});
  out.push_back({"at most one of the fields in [http1ProtocolOptions http2ProtocolOptions] may be set",
                 at_most_one({"http1ProtocolOptions", "http2ProtocolOptions"}),
                 R"cel([has(self.http1ProtocolOptions),has(self.http2ProtocolOptions)].filter(x,x==true).size() <= 1)cel"});
  out.push_back({"autoHostRewrite can only be used when targeting HTTPRoute resources",
                 targets_only_with("autoHostRewrite", {"HTTPRoute"}),
                 R"cel(!has(self.autoHostRewrite) || ((!has(self.targetRefs) || self.targetRefs.all(r, r.kind == 'HTTPRoute')) && (!has(self.targetSelectors) || self.targetSelectors.all(r, r.kind == 'HTTPRoute'))))cel"});
  out.push_back({"disable is mutually exclusive with other tracing fields",
                 [](const Value& s) {
                   return !has(s, "disable") ||
                          !any_of_fields({"clientSampling", "randomSampling", "overallSampling", "attributes"})(s);
                 },
                 R"cel(!has(self.disable) || (!has(self.clientSampling) && !has(self.randomSampling) && !has(self.overallSampling) && !has(self.attributes)))cel"});
  out.push_back({"exactly one of the fields in [extAuth extProc rateLimit jwt oauth2] must be set",
                 exactly_one({"extAuth", "extProc", "rateLimit", "jwt", "oauth2"}),
                 R"cel([has(self.extAuth),has(self.extProc),has(self.rateLimit),has(self.jwt),has(self.oauth2)].filter(x,x==true).size() == 1)cel"});
  out.push_back({"exactly one of the fields in [extensionRef disable] must be set",
                 exactly_one({"extensionRef", "disable"}),
                 R"cel([has(self.extensionRef),has(self.disable)].filter(x,x==true).size() == 1)cel"});
  out.push_back({"exactly one of the fields in [grpcService httpService] must be set",
                 exactly_one({"grpcService", "httpService"}),
                 R"cel([has(self.grpcService),has(self.httpService)].filter(x,x==true).size() == 1)cel"});
  out.push_back({"exactly one of the fields in [header cookie sourceIP] must be set",
                 exactly_one({"header", "cookie", "sourceIP"}),
                 R"cel([has(self.header),has(self.cookie),has(self.sourceIP)].filter(x,x==true).size() == 1)cel"});
  out.push_back({"exactly one of the fields in [leastRequest roundRobin ringHash maglev random] must be set",
                 exactly_one({"leastRequest", "roundRobin", "ringHash", "maglev", "random"}),
                 R"cel([has(self.leastRequest),has(self.roundRobin),has(self.ringHash),has(self.maglev),has(self.random)].filter(x,x==true).size() == 1)cel"});
  out.push_back({"exactly one of the fields in [maxRequestSize disable] must be set",
                 exactly_one({"maxRequestSize", "disable"}),
                 R"cel([has(self.maxRequestSize),has(self.disable)].filter(x,x==true).size() == 1)cel"});
  out.push_back({"exactly one of the fields in [users secretRef disable] must be set",
                 exactly_one({"users", "secretRef", "disable"}),
                 R"cel([has(self.users),has(self.secretRef),has(self.disable)].filter(x,x==true).size() == 1)cel"});
  out.push_back({"extAuth must be set when type is ExtAuth", field_when_type("ExtAuth", "extAuth"),
                 R"cel(has(self.type) && self.type == 'ExtAuth' ? has(self.extAuth) : true)cel"});
  out.push_back({"extProc must be set when type is ExtProc", field_when_type("ExtProc", "extProc"),
                 R"cel(has(self.type) && self.type == 'ExtProc' ? has(self.extProc) : true)cel"});
  out.push_back({"invalid duration value", duration_pattern,
                 R"cel(matches(self, '^([0-9]{1,5}(h|m|s|ms)){1,4}$'))cel"});
  out.push_back({"localityType and zoneAware are mutually exclusive",
                 [](const Value& s) { return !(has(s, "localityType") && has(s, "zoneAware")); },
                 R"cel(!(has(self.localityType) && has(self.zoneAware)))cel"});
  out.push_back({"maxRequestSize must be greater than 0 and less than 4Gi", request_size_in_range,
                 R"cel((type(self) == int && int(self) > 0 && int(self) < 4294967296) || (type(self) == string && quantity(self).isGreaterThan(quantity('0')) && quantity(self).isLessThan(quantity('4Gi'))))cel"});
  out.push_back({"must be at least 50ms", duration_at_least(50'000'000),
                 R"cel(duration(self) >= duration('50ms'))cel"});
  out.push_back({"oauth2 must be set when type is OAuth2", field_when_type("OAuth2", "oauth2"),
                 R"cel(has(self.type) && self.type == 'OAuth2' ? has(self.oauth2) : true)cel"});
  out.push_back({"rateLimit must be set when type is RateLimit", field_when_type("RateLimit", "rateLimit"),
                 R"cel(has(self.type) && self.type == 'RateLimit' ? has(self.rateLimit) : true)cel"});
  out.push_back({"retry.backoffBaseInterval must be at least 1ms.", duration_at_least(1'000'000),
                 R"cel(duration(self) >= duration('1ms'))cel"});
  out.push_back({"retry.perTryTimeout must be at least 1ms.", duration_at_least(1'000'000),
                 R"cel(duration(self) >= duration('1ms'))cel"});
  out.push_back({"retry.perTryTimeout must be less than timeouts.request", per_try_below_request,
                 R"cel(has(self.retry) && has(self.timeouts) ? (has(self.retry.perTryTimeout) && has(self.timeouts.request) ? duration(self.retry.perTryTimeout) < duration(self.timeouts.request) : true) : true)cel"});
  out.push_back({"retryOn or statusCodes must be set.", any_of_fields({"retryOn", "statusCodes"}),
                 R"cel(has(self.retryOn) || has(self.statusCodes))cel"});
  out.push_back({"statPrefix can only be used when targeting HTTPRoute or GRPCRoute resources",
                 targets_only_with("statPrefix", {"HTTPRoute", "GRPCRoute"}),
                 R"cel(!has(self.statPrefix) || ((!has(self.targetRefs) || self.targetRefs.all(r, r.kind == 'HTTPRoute' || r.kind == 'GRPCRoute')) && (!has(self.targetSelectors) || self.targetSelectors.all(r, r.kind == 'HTTPRoute' || r.kind == 'GRPCRoute'))))cel"});
  out.push_back({"targetRefs may only reference Gateway, HTTPRoute, GRPCRoute, or ListenerSet resources",
                 policy_route_kinds,
                 R"cel(self.all(r, (r.kind == 'Gateway' || r.kind == 'HTTPRoute' || r.kind == 'GRPCRoute' || r.kind.endsWith('ListenerSet'))))cel"});
  out.push_back({"tracing can only be used when targeting HTTPRoute or GRPCRoute resources",
                 targets_only_with("tracing", {"HTTPRoute", "GRPCRoute"}),
                 R"cel(!has(self.tracing) || ((!has(self.targetRefs) || self.targetRefs.all(r, r.kind == 'HTTPRoute' || r.kind == 'GRPCRoute')) && (!has(self.targetSelectors) || self.targetSelectors.all(r, r.kind == 'HTTPRoute' || r.kind == 'GRPCRoute'))))cel"});
  out.push_back({"urlRewrite can only be used when targeting HTTPRoute resources",
                 targets_only_with("urlRewrite", {"HTTPRoute"}),
                 R"cel(!has(self.urlRewrite) || ((!has(self.targetRefs) || self.targetRefs.all(r, r.kind == 'HTTPRoute')) && (!has(self.targetSelectors) || self.targetSelectors.all(r, r.kind == 'HTTPRoute'))))cel"});
  out.push_back({"zoneAware is not supported with ringHash or maglev load balancers",
                 [](const Value& s) { return !((has(s, "ringHash") || has(s, "maglev")) && has(s, "zoneAware")); },
                 R"cel(!((has(self.ringHash) || has(self.maglev)) && has(self.zoneAware)))cel"});
}

}  // namespace im::validate
