// CEL rules of HTTPRoute and GRPCRoute filters: which filters may be
// combined or repeated in one list, the "type names its member" rule of each
// filter object, and the rules inside CORS, mirror, path-modifier and
// (experimental) external-auth filters.

#include "validate/cel_rules.h"
#include "validate/cel_support.h"

namespace im::validate {
namespace {

using namespace cel;  // NOLINT(google-build-using-namespace): the rules read like CEL

bool type_is(const Value& f, std::string_view type) {
  return str_eq(f, "type", type);
}

// self.filter(f, f.type == T).size() <= 1
std::function<bool(const Value&)> not_repeated(std::string_view type) {
  return [type](const Value& self) {
    return count(self, [&](const Value& f) { return type_is(f, type); }) <= 1;
  };
}

// !(has(self.member) && self.type != T); a missing type fails the CEL
// expression, which the required check reports instead.
std::function<bool(const Value&)> member_only_for_type(std::string_view member,
                                                       std::string_view type) {
  return [member, type](const Value& self) {
    const std::string* t = str(self, "type");
    return !(has(self, member) && t && *t != type);
  };
}

// !(!has(self.member) && self.type == T)
std::function<bool(const Value&)> member_required_for_type(std::string_view member,
                                                           std::string_view type) {
  return [member, type](const Value& self) { return !(!has(self, member) && type_is(self, type)); };
}

// self.type == T ? has(self.member) : true
std::function<bool(const Value&)> type_requires(std::string_view type, std::string_view member) {
  return [type, member](const Value& self) {
    return !str_eq(self, "type", type) || has(self, member);
  };
}

// has(self.member) ? self.type == T : true
std::function<bool(const Value&)> member_requires_type(std::string_view member,
                                                       std::string_view type) {
  return [member, type](const Value& self) {
    return !has(self, member) || str_eq(self, "type", type);
  };
}

std::function<bool(const Value&)> protocol_requires(std::string_view protocol,
                                                    std::string_view member) {
  return [protocol, member](const Value& self) {
    return !str_eq(self, "protocol", protocol) || has(self, member);
  };
}

std::function<bool(const Value&)> member_requires_protocol(std::string_view member,
                                                           std::string_view protocol) {
  return [member, protocol](const Value& self) {
    return !has(self, member) || str_eq(self, "protocol", protocol);
  };
}

}  // namespace

void add_filter_cel_rules(std::vector<CelRule>& out) {
  out.push_back(
      {"May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but "
       "not both",
       [](const Value& self) {
         return !(exists(self, [](const Value& f) { return type_is(f, "RequestRedirect"); }) &&
                  exists(self, [](const Value& f) { return type_is(f, "URLRewrite"); }));
       }});
  out.push_back({"CORS filter cannot be repeated", not_repeated("CORS")});
  out.push_back(
      {"RequestHeaderModifier filter cannot be repeated", not_repeated("RequestHeaderModifier")});
  out.push_back(
      {"ResponseHeaderModifier filter cannot be repeated", not_repeated("ResponseHeaderModifier")});
  out.push_back({"RequestRedirect filter cannot be repeated", not_repeated("RequestRedirect")});
  out.push_back({"URLRewrite filter cannot be repeated", not_repeated("URLRewrite")});

  out.push_back({"filter.cors must be nil if the filter.type is not CORS",
                 member_only_for_type("cors", "CORS")});
  out.push_back({"filter.cors must be specified for CORS filter.type",
                 member_required_for_type("cors", "CORS")});
  out.push_back(
      {"filter.requestHeaderModifier must be nil if the filter.type is not RequestHeaderModifier",
       member_only_for_type("requestHeaderModifier", "RequestHeaderModifier")});
  out.push_back(
      {"filter.requestHeaderModifier must be specified for RequestHeaderModifier filter.type",
       member_required_for_type("requestHeaderModifier", "RequestHeaderModifier")});
  out.push_back(
      {"filter.responseHeaderModifier must be nil if the filter.type is not ResponseHeaderModifier",
       member_only_for_type("responseHeaderModifier", "ResponseHeaderModifier")});
  out.push_back(
      {"filter.responseHeaderModifier must be specified for ResponseHeaderModifier filter.type",
       member_required_for_type("responseHeaderModifier", "ResponseHeaderModifier")});
  out.push_back({"filter.requestMirror must be nil if the filter.type is not RequestMirror",
                 member_only_for_type("requestMirror", "RequestMirror")});
  out.push_back({"filter.requestMirror must be specified for RequestMirror filter.type",
                 member_required_for_type("requestMirror", "RequestMirror")});
  out.push_back({"filter.requestRedirect must be nil if the filter.type is not RequestRedirect",
                 member_only_for_type("requestRedirect", "RequestRedirect")});
  out.push_back({"filter.requestRedirect must be specified for RequestRedirect filter.type",
                 member_required_for_type("requestRedirect", "RequestRedirect")});
  out.push_back({"filter.urlRewrite must be nil if the filter.type is not URLRewrite",
                 member_only_for_type("urlRewrite", "URLRewrite")});
  out.push_back({"filter.urlRewrite must be specified for URLRewrite filter.type",
                 member_required_for_type("urlRewrite", "URLRewrite")});
  out.push_back({"filter.extensionRef must be nil if the filter.type is not ExtensionRef",
                 member_only_for_type("extensionRef", "ExtensionRef")});
  out.push_back({"filter.extensionRef must be specified for ExtensionRef filter.type",
                 member_required_for_type("extensionRef", "ExtensionRef")});
  out.push_back({"filter.externalAuth must be nil if the filter.type is not ExternalAuth",
                 member_only_for_type("externalAuth", "ExternalAuth")});
  out.push_back({"filter.externalAuth must be specified for ExternalAuth filter.type",
                 member_required_for_type("externalAuth", "ExternalAuth")});

  // Upstream says "methods" in the AllowHeaders message too.
  out.push_back({"AllowHeaders cannot contain '*' alongside other methods",
                 [](const Value& self) { return !star_with_others(self); }});
  out.push_back({"AllowMethods cannot contain '*' alongside other methods",
                 [](const Value& self) { return !star_with_others(self); }});
  out.push_back({"AllowOrigins cannot contain '*' alongside other origins",
                 [](const Value& self) { return !star_with_others(self); }});

  out.push_back(
      {"Only one of percent or fraction may be specified in HTTPRequestMirrorFilter",
       [](const Value& self) { return !(has(self, "percent") && has(self, "fraction")); }});
  out.push_back({"numerator must be less than or equal to denominator", [](const Value& self) {
                   const auto numerator = integer(self, "numerator");
                   const auto denominator = integer(self, "denominator");
                   return !numerator || !denominator || *numerator <= *denominator;
                 }});

  out.push_back({"replaceFullPath must be specified when type is set to 'ReplaceFullPath'",
                 type_requires("ReplaceFullPath", "replaceFullPath")});
  out.push_back({"type must be 'ReplaceFullPath' when replaceFullPath is set",
                 member_requires_type("replaceFullPath", "ReplaceFullPath")});
  out.push_back({"replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'",
                 type_requires("ReplacePrefixMatch", "replacePrefixMatch")});
  out.push_back({"type must be 'ReplacePrefixMatch' when replacePrefixMatch is set",
                 member_requires_type("replacePrefixMatch", "ReplacePrefixMatch")});

  out.push_back(
      {"grpc must be specified when protocol is set to 'GRPC'", protocol_requires("GRPC", "grpc")});
  out.push_back(
      {"protocol must be 'GRPC' when grpc is set", member_requires_protocol("grpc", "GRPC")});
  out.push_back(
      {"http must be specified when protocol is set to 'HTTP'", protocol_requires("HTTP", "http")});
  out.push_back(
      {"protocol must be 'HTTP' when http is set", member_requires_protocol("http", "HTTP")});
}

}  // namespace im::validate
