#include "convert/input_values.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <set>

#include "convert/filter_set.h"
#include "model/names.h"
#include "rules/value_format.h"
#include "util/text.h"

namespace im {

namespace {

// Limits of the Gateway API v1 CRDs (rules/crd/standard-httproutes-v1.txt).
constexpr size_t kMaxPath = 1024;          // HTTPPathModifier replaceFullPath / replacePrefixMatch
constexpr size_t kMaxHeaderValue = 4096;   // HTTPHeader.value
constexpr size_t kMaxCorsItems = 64;       // HTTPCORSFilter allowOrigins/allowHeaders/exposeHeaders
constexpr long long kMaxInt32 = 2147483647;

std::vector<std::string> comma_items(const std::string& s) {
  std::vector<std::string> out;
  for (auto& part : split(s, ',')) {
    std::string v = trim(part);
    if (!v.empty()) out.push_back(v);
  }
  return out;
}

std::string upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

void drop(IngressPolicy& p, const std::string& action) {
  p.settings.erase(std::remove_if(p.settings.begin(), p.settings.end(),
                                  [&](const auto& s) { return s.first == action; }),
                   p.settings.end());
}


/// HTTPCORSFilter.allowOrigins[] (the CRD's pattern): "*", or
/// http(s)://host[:port] where host may start with "*.".
std::string origin_problem(const std::string& origin) {
  static const RE2 re(
      R"((^\*$)|(^(http(s)?):\/\/(((\*\.)?([a-zA-Z0-9\-]+\.)*[a-zA-Z0-9-]+|\*)(:([0-9]{1,5}))?)$))");
  if (origin.size() > 253 || !RE2::FullMatch(origin, re)) {
    return fmt::format("has origin \"{}\"; HTTPCORSFilter allowOrigins accepts only \"*\" or "
                       "http(s)://host[:port] of at most 253 characters",
                       origin);
  }
  return "";
}

}  // namespace

std::string path_problem(const std::string& v) {
  if (v.size() > kMaxPath) {
    return fmt::format("is {} characters long; a Gateway API path is at most {}", v.size(), kMaxPath);
  }
  return control_character_problem(v);
}

std::string cors_problem(const std::string& action, const std::string& value) {
  auto items = comma_items(value);
  if (action == "cors-allow-origin") {
    if (items.size() > kMaxCorsItems) return fmt::format("lists {} origins; a CORS filter holds at most {}", items.size(), kMaxCorsItems);
    for (const auto& o : items) {
      if (auto why = origin_problem(o); !why.empty()) return why;
    }
    if (items.size() > 1 && std::find(items.begin(), items.end(), "*") != items.end()) {
      return "lists \"*\", which cannot be listed with other origins in HTTPCORSFilter allowOrigins";
    }
  } else if (action == "cors-allow-methods") {
    static const std::set<std::string> methods = {"GET",     "HEAD",    "POST",  "PUT", "DELETE",
                                                  "CONNECT", "OPTIONS", "TRACE", "PATCH", "*"};
    for (const auto& m : items) {
      if (!methods.count(upper(m))) {
        return fmt::format("has method \"{}\"; HTTPCORSFilter allowMethods accepts only GET, HEAD, "
                           "POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH and *",
                           m);
      }
    }
  } else if (action == "cors-allow-headers" || action == "cors-expose-headers") {
    if (items.size() > kMaxCorsItems) return fmt::format("lists {} headers; a CORS filter holds at most {}", items.size(), kMaxCorsItems);
    for (const auto& h : items) {
      if (!is_header_name(h)) {
        return fmt::format("has \"{}\", not an HTTP header name (1-256 token characters: letters, "
                           "digits and !#$%&'*+-.^_`|~)",
                           h.size() > 64 ? h.substr(0, 64) + "..." : h);
      }
    }
  } else if (action == "cors-max-age") {
    auto v = parse_int(value);
    if (v && (*v < 1 || *v > kMaxInt32)) {
      return fmt::format("is {}, outside 1-{}, the range of HTTPCORSFilter maxAge", *v, kMaxInt32);
    }
  }
  return "";
}


std::string control_character_problem(const std::string& value) {
  for (size_t i = 0; i < value.size(); ++i) {
    auto c = static_cast<unsigned char>(value[i]);
    if (c < 0x20 || c == 0x7f) {
      return fmt::format("contains the control character 0x{:02X} at offset {}, which would split or "
                         "corrupt the HTTP request",
                         static_cast<unsigned>(c), i);
    }
  }
  return "";
}

std::string header_value_problem(const std::string& value) {
  if (value.empty()) return "is empty; a Gateway API header value has 1-4096 characters";
  if (value.size() > kMaxHeaderValue) {
    return fmt::format("is {} characters long; a Gateway API header value is at most {}", value.size(),
                       kMaxHeaderValue);
  }
  // A tab is allowed inside a header value (RFC 9110 field-vchar / obs-text and HTAB).
  std::string without_tabs = value;
  std::replace(without_tabs.begin(), without_tabs.end(), '\t', ' ');
  return control_character_problem(without_tabs);
}

bool check_ingress_names(const Ingress& ing, Findings& findings) {
  bool ok = true;
  if (!is_dns_subdomain(ing.name)) {
    findings.error(ing.location,
                   fmt::format("metadata.name \"{}\" is not a lowercase RFC 1123 subdomain (lowercase "
                               "letters, digits, '-' and '.', at most 253 characters, starting and "
                               "ending with a letter or digit); the API server rejects it and so "
                               "would reject the routes named after it; not converted",
                               ing.name),
                   "invalid-object-name");
    ok = false;
  }
  if (!ing.ns.empty() && (ing.ns.size() > 63 || ing.ns.find('.') != std::string::npos ||
                          !is_dns_subdomain(ing.ns))) {
    findings.error(ing.location,
                   fmt::format("metadata.namespace \"{}\" is not a lowercase RFC 1123 label (lowercase "
                               "letters, digits and '-', at most 63 characters, starting and ending "
                               "with a letter or digit); no namespace can have this name; not "
                               "converted",
                               ing.ns),
                   "invalid-object-name");
    ok = false;
  }
  return ok;
}

void check_v1_path_types(const Ingress& ing, Findings& findings) {
  if (ing.api_version != "networking.k8s.io/v1") return;
  for (const auto& rule : ing.rules) {
    for (const auto& p : rule.paths) {
      if (p.type_given) continue;
      findings.warning(p.location,
                       fmt::format("path \"{}\" has no pathType, which networking.k8s.io/v1 "
                                   "requires: the API server rejects this Ingress as written, so no "
                                   "cluster serves it like this; converted as ImplementationSpecific "
                                   "(set pathType: Prefix or Exact)",
                                   p.path),
                       "path-type-required");
    }
  }
}

void check_policy_values(IngressPolicy& policy, Findings& findings) {
  if (policy.rewrite_target) {
    if (auto why = path_problem(*policy.rewrite_target); !why.empty()) {
      findings.error(policy.rewrite_location,
                     fmt::format("rewrite-target {}; the rewrite is not converted, so requests would "
                                 "reach the backend with their original path",
                                 why),
                     "invalid-annotation-value");
      policy.rewrite_target.reset();
    }
  }
  std::vector<std::string> drops;
  bool cors_broken = false;
  for (const auto& [action, s] : policy.settings) {
    std::string why;
    std::string effect;
    if (action == "app-root") {
      why = path_problem(s.value);
      effect = "the redirect of / is not converted";
    } else if (action == "x-forwarded-prefix") {
      why = header_value_problem(s.value);
      effect = "the X-Forwarded-Prefix header is not set";
    } else if (action == "mirror-target" || action == "upstream-vhost" ||
               action == "permanent-redirect" || action == "temporal-redirect") {
      why = control_character_problem(s.value);
      effect = "it is not converted";
    } else if (action == "static-ip") {
      // Gateway spec.addresses[].value: 1-253 characters.
      why = s.value.empty() || s.value.size() > 253
                ? fmt::format("is {} characters long; a Gateway address is 1-253", s.value.size())
                : control_character_problem(s.value);
      effect = "the Gateway gets no fixed address";
    } else if (action.rfind("cors-", 0) == 0) {
      why = cors_problem(action, s.value);
      if (why.empty()) why = control_character_problem(s.value);
      effect = "the CORS filter is not converted, so browsers get no CORS headers from the route";
      if (!why.empty()) cors_broken = true;
    }
    if (why.empty()) continue;
    findings.error(s.location, fmt::format("{} {}; {}", action, why, effect), s.rule_id);
    if (action.rfind("cors-", 0) != 0) drops.push_back(action);
  }
  for (const auto& a : drops) drop(policy, a);
  if (cors_broken) drop(policy, "cors-enable");
}

}  // namespace im
