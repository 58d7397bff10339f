// CEL rules on what routes match: HTTPRoute path matches, GRPCRoute method
// matches and TLSRoute hostnames.

#include <arpa/inet.h>
#include <re2/re2.h>

#include <cstring>

#include "validate/cel_rules.h"
#include "validate/cel_support.h"

namespace im::validate {
namespace {

using namespace cel;  // NOLINT(google-build-using-namespace): the rules read like CEL

// ---- HTTPPathMatch: each check applies to Exact and PathPrefix only. ----

template <typename Check>
bool for_exact_or_prefix(const Value& self, Check check) {
  const std::string* type = str(self, "type");
  const std::string* value = str(self, "value");
  if (!type || !(*type == "Exact" || *type == "PathPrefix")) return true;
  return !value || check(std::string_view(*value));
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

CelRule path_must_not_contain(const char* message, std::string_view needle) {
  return {message, [needle](const Value& self) {
            return for_exact_or_prefix(
                self, [&](std::string_view v) { return v.find(needle) == v.npos; });
          }};
}

CelRule path_must_not_end_with(const char* message, std::string_view suffix) {
  return {message, [suffix](const Value& self) {
            return for_exact_or_prefix(self,
                                       [&](std::string_view v) { return !ends_with(v, suffix); });
          }};
}

// ---- TLSRoute hostnames ----

// CEL isIP(): IPv4 in dotted-decimal or IPv6, with no zone and not an
// IPv4-mapped IPv6 address (k8s.io/apiserver/pkg/cel/library/ip.go).
bool is_ip(const std::string& s) {
  unsigned char buf[16];
  if (inet_pton(AF_INET, s.c_str(), buf) == 1) return true;
  if (inet_pton(AF_INET6, s.c_str(), buf) != 1) return false;
  static const unsigned char mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  return std::memcmp(buf, mapped_prefix, sizeof mapped_prefix) != 0;
}

const RE2& rfc1123_re() {
  static const RE2 re(R"(^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)$)");
  return re;
}

template <typename Pred>
bool all_strings(const Value& self, Pred pred) {
  return all(self, [&](const Value& h) { return !h.str() || pred(*h.str()); });
}

}  // namespace

void add_match_cel_rules(std::vector<CelRule>& out) {
  out.push_back(
      {"value must be an absolute path and start with '/' when type one of ['Exact', "
       "'PathPrefix']",
       [](const Value& self) {
         return for_exact_or_prefix(self,
                                    [](std::string_view v) { return !v.empty() && v[0] == '/'; });
       }});
  out.push_back(path_must_not_contain(
      "must not contain '//' when type one of ['Exact', 'PathPrefix']", "//"));
  out.push_back(path_must_not_contain(
      "must not contain '/./' when type one of ['Exact', 'PathPrefix']", "/./"));
  out.push_back(path_must_not_contain(
      "must not contain '/../' when type one of ['Exact', 'PathPrefix']", "/../"));
  out.push_back(path_must_not_contain(
      "must not contain '%2f' when type one of ['Exact', 'PathPrefix']", "%2f"));
  out.push_back(path_must_not_contain(
      "must not contain '%2F' when type one of ['Exact', 'PathPrefix']", "%2F"));
  out.push_back(
      path_must_not_contain("must not contain '#' when type one of ['Exact', 'PathPrefix']", "#"));
  out.push_back(path_must_not_end_with(
      "must not end with '/..' when type one of ['Exact', 'PathPrefix']", "/.."));
  out.push_back(path_must_not_end_with(
      "must not end with '/.' when type one of ['Exact', 'PathPrefix']", "/."));
  out.push_back(
      {"type must be one of ['Exact', 'PathPrefix', 'RegularExpression']", [](const Value& self) {
         const std::string* type = str(self, "type");
         return !type || *type == "Exact" || *type == "PathPrefix" || *type == "RegularExpression";
       }});
  out.push_back(
      {"must only contain valid characters (matching "
       R"(^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$) for types ['Exact', 'PathPrefix'])",
       [](const Value& self) {
         static const RE2 re(R"(^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$)");
         return for_exact_or_prefix(self,
                                    [](std::string_view v) { return RE2::PartialMatch(v, re); });
       }});

  out.push_back({"One or both of 'service' or 'method' must be specified", [](const Value& self) {
                   return !has(self, "type") || has(self, "service") || has(self, "method");
                 }});
  out.push_back(
      {R"(service must only contain valid characters (matching ^(?i)\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$))",
       [](const Value& self) {
         static const RE2 re(R"(^(?i)\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$)");
         const std::string* service = str(self, "service");
         const bool exact = !has(self, "type") || str_eq(self, "type", "Exact");
         return !(exact && service) || RE2::PartialMatch(*service, re);
       }});
  out.push_back({R"(method must only contain valid characters (matching ^[A-Za-z_][A-Za-z_0-9]*$))",
                 [](const Value& self) {
                   static const RE2 re(R"(^[A-Za-z_][A-Za-z_0-9]*$)");
                   const std::string* method = str(self, "method");
                   const bool exact = !has(self, "type") || str_eq(self, "type", "Exact");
                   return !(exact && method) || RE2::PartialMatch(*method, re);
                 }});

  out.push_back({"Hostnames cannot contain an IP", [](const Value& self) {
                   return all_strings(self, [](const std::string& h) { return !is_ip(h); });
                 }});
  out.push_back({"Hostnames must be valid based on RFC-1123", [](const Value& self) {
                   return all_strings(self, [](const std::string& h) {
                     return h.find('*') != h.npos || RE2::PartialMatch(h, rfc1123_re());
                   });
                 }});
  out.push_back(
      {"Wildcards on hostnames must be the first label, and the rest of hostname must be "
       "valid based on RFC-1123",
       [](const Value& self) {
         return all_strings(self, [](const std::string& h) {
           if (h.find('*') == h.npos) return true;
           return h.rfind("*.", 0) == 0 &&
                  RE2::PartialMatch(std::string_view(h).substr(2), rfc1123_re());
         });
       }});
}

}  // namespace im::validate
