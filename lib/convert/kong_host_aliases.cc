#include "convert/kong_host_aliases.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>

#include "util/text.h"

namespace im {

namespace {

constexpr const char* kKey = "konghq.com/host-aliases";
constexpr const char* kRuleId = "kong-host-aliases";

}  // namespace

std::optional<std::vector<std::string>> read_kong_host_aliases(const Ingress& ing,
                                                               std::string* bad_item) {
  const Annotation* a = ing.annotation(kKey);
  if (!a || a->value.empty()) return std::nullopt;
  // kongstate/route.go validHosts: a leading "*." or a trailing ".*"
  // wildcard, labels of letters, digits and inner dashes.
  static const RE2 valid_host(
      R"(^(\*\.)?([a-zA-Z0-9]+(-[a-zA-Z0-9]+)*)+(\.([a-zA-Z0-9]+(-[a-zA-Z0-9]+)*))*?(\.\*)?$)");
  std::vector<std::string> out;
  for (const std::string& item : split(a->value, ',')) {
    const std::string alias = trim(item);
    if (alias.empty()) continue;
    if (!RE2::FullMatch(alias, valid_host)) {
      if (bad_item) *bad_item = alias;
      return std::nullopt;
    }
    out.push_back(alias);
  }
  if (out.empty()) return std::nullopt;
  return out;
}

std::vector<std::string> kong_route_hosts(const std::string& rule_host,
                                          const std::vector<std::string>& aliases) {
  std::vector<std::string> hosts;
  if (!rule_host.empty()) hosts.push_back(rule_host);
  for (const std::string& alias : aliases) {
    if (std::find(hosts.begin(), hosts.end(), alias) == hosts.end()) hosts.push_back(alias);
  }
  return hosts;
}

std::optional<Ingress> with_kong_host_aliases(const Ingress& ing, Findings& findings) {
  const Annotation* a = ing.annotation(kKey);
  if (!a) return std::nullopt;
  std::string bad;
  auto aliases = read_kong_host_aliases(ing, &bad);
  if (!aliases) {
    if (!bad.empty()) {
      findings.error(
          a->location,
          fmt::format(
              "{}: \"{}\" is not a host name, so the Kong Ingress Controller ignored every alias; "
              "none is added here either",
              kKey, escape_control(bad)),
          kRuleId);
    }
    return std::nullopt;
  }
  std::vector<std::string> usable;
  for (const std::string& alias : *aliases) {
    if (ends_with(alias, ".*")) {
      findings.error(
          a->location,
          fmt::format(
              "{}: \"{}\" ends in a wildcard label, which a Gateway API hostname cannot; its "
              "requests now find no route (404)",
              kKey, alias),
          kRuleId);
      continue;
    }
    // Kong matched hosts case-insensitively; Gateway API hostnames are
    // lower case.
    usable.push_back(to_lower(alias));
  }
  if (usable.empty()) return std::nullopt;
  Ingress out = ing;
  out.rules.clear();
  for (const IngressRule& rule : ing.rules) {
    for (const std::string& host : kong_route_hosts(rule.host, usable)) {
      IngressRule copy = rule;
      copy.host = host;
      out.rules.push_back(std::move(copy));
    }
  }
  return out;
}

}  // namespace im
