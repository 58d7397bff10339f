// CEL rules shared by the route kinds (HTTPRoute, GRPCRoute, TLSRoute):
// parentRefs, rule-level limits, backend references, timeouts, rule names
// and (experimental) session persistence.

#include <cctype>
#include <optional>

#include "validate/cel_rules.h"
#include "validate/cel_support.h"

namespace im::validate {
namespace {

using namespace cel;  // NOLINT(google-build-using-namespace): the rules read like CEL

// "Both unset (or empty), or both set and equal": the CEL idiom the
// parentRefs rules use for namespace and sectionName.
bool same_or_both_unset(const Value& a, const Value& b, std::string_view key) {
  return (unset_or_empty(a, key) && unset_or_empty(b, key)) ||
         (has(a, key) && has(b, key) && same(a, b, key));
}

// For `port`, unset means absent or 0.
bool port_unset(const Value& p) {
  const Value v = p["port"];
  return !v || v.json() == 0;
}

bool same_port_or_both_unset(const Value& a, const Value& b) {
  return (port_unset(a) && port_unset(b)) ||
         (has(a, "port") && has(b, "port") && same(a, b, "port"));
}

bool same_parent(const Value& p1, const Value& p2) {
  return same(p1, p2, "group") && same(p1, p2, "kind") && same(p1, p2, "name") &&
         ((unset_or_empty(p1, "namespace") && unset_or_empty(p2, "namespace")) ||
          (has(p1, "namespace") && has(p2, "namespace") && same(p1, p2, "namespace")));
}

// A reference without a name makes the CEL expression fail; skip it, the
// schema reports the missing name.
bool named(const Value& p) {
  return has(p, "name");
}

bool section_specified_for_shared_parent(const Value& self) {
  return all(self, [&](const Value& p1) {
    return all(self, [&](const Value& p2) {
      return !same_parent(p1, p2) ||
             unset_or_empty(p1, "sectionName") == unset_or_empty(p2, "sectionName");
    });
  });
}

bool section_unique_for_shared_parent(const Value& self) {
  return all(self, [&](const Value& p1) {
    return !named(p1) || exists_one(self, [&](const Value& p2) {
      return same_parent(p1, p2) && same_or_both_unset(p1, p2, "sectionName");
    });
  });
}

bool section_or_port_specified_for_shared_parent(const Value& self) {
  return all(self, [&](const Value& p1) {
    return all(self, [&](const Value& p2) {
      return !same_parent(p1, p2) ||
             (unset_or_empty(p1, "sectionName") == unset_or_empty(p2, "sectionName") &&
              port_unset(p1) == port_unset(p2));
    });
  });
}

bool section_or_port_unique_for_shared_parent(const Value& self) {
  return all(self, [&](const Value& p1) {
    return !named(p1) || exists_one(self, [&](const Value& p2) {
      return same_parent(p1, p2) && same_or_both_unset(p1, p2, "sectionName") &&
             same_port_or_both_unset(p1, p2);
    });
  });
}

// The CRD spells out self[0] ... self[15]: only the first 16 rules count
// (more than 16 is a maxItems error anyway).
bool total_matches_at_most_128(const Value& self) {
  size_t total = 0;
  for (size_t i = 0; self.is_array() && i < self.size() && i < 16; ++i)
    total += self.at(i)["matches"].size();
  return total <= 128;
}

bool redirect_without_backends(const Value& self) {
  if (self["backendRefs"].size() == 0) return true;
  const Value filters = self["filters"];
  return !filters || all(filters, [](const Value& f) { return !has(f, "requestRedirect"); });
}

// has(f.X) && has(f.X.path) && f.X.path.type == 'ReplacePrefixMatch' &&
// has(f.X.path.replacePrefixMatch)
bool replaces_prefix(const Value& filter, std::string_view member) {
  const Value path = filter[member]["path"];
  return path && str_eq(path, "type", "ReplacePrefixMatch") && has(path, "replacePrefixMatch");
}

// size(self.matches) == 1 && has(self.matches[0].path) && self.matches[0].path.type == 'PathPrefix'
bool single_prefix_match(const Value& rule) {
  const Value matches = rule["matches"];
  if (!matches.is_array()) return true;  // defaulted; absent only if malformed
  if (matches.size() != 1) return false;
  const Value path = matches.at(0)["path"];
  return path && str_eq(path, "type", "PathPrefix");
}

bool rule_prefix_rewrite_needs_one_prefix_match(const Value& self, std::string_view member) {
  const bool uses =
      exists_one(self["filters"], [&](const Value& f) { return replaces_prefix(f, member); });
  return !uses || single_prefix_match(self);
}

bool backend_prefix_rewrite_needs_one_prefix_match(const Value& self, std::string_view member) {
  const bool uses = exists_one(self["backendRefs"], [&](const Value& b) {
    return exists_one(b["filters"], [&](const Value& f) { return replaces_prefix(f, member); });
  });
  return !uses || single_prefix_match(self);
}

bool service_ref_has_port(const Value& self) {
  const std::string* group = str(self, "group");
  const std::string* kind = str(self, "kind");
  if (!group || !kind) return true;
  return !(code_points(*group) == 0 && *kind == "Service") || has(self, "port");
}

bool backend_timeout_within_request(const Value& self) {
  const auto request = duration_ns(str(self, "request"));
  const auto backend = duration_ns(str(self, "backendRequest"));
  if (!has(self, "request") || !has(self, "backendRequest") || !request || !backend) return true;
  return !(*request != 0 && *backend > *request);
}

bool rule_names_unique(const Value& self) {
  return all(self, [&](const Value& l1) {
    return !has(l1, "name") || exists_one(self, [&](const Value& l2) {
      return has(l2, "name") && same(l1, l2, "name");
    });
  });
}

}  // namespace

void add_route_cel_rules(std::vector<CelRule>& out) {
  out.push_back(
      {"sectionName must be specified when parentRefs includes 2 or more references to "
       "the same parent",
       section_specified_for_shared_parent});
  out.push_back(
      {"sectionName must be unique when parentRefs includes 2 or more references to the "
       "same parent",
       section_unique_for_shared_parent});
  out.push_back(
      {"sectionName or port must be specified when parentRefs includes 2 or more "
       "references to the same parent",
       section_or_port_specified_for_shared_parent});
  out.push_back(
      {"sectionName or port must be unique when parentRefs includes 2 or more "
       "references to the same parent",
       section_or_port_unique_for_shared_parent});
  out.push_back(
      {"While 16 rules and 64 matches per rule are allowed, the total number of matches "
       "across all rules in a route must be less than 128",
       total_matches_at_most_128});
  out.push_back({"RequestRedirect filter must not be used together with backendRefs",
                 redirect_without_backends});
  out.push_back(
      {"When using RequestRedirect filter with path.replacePrefixMatch, exactly one "
       "PathPrefix match must be specified",
       [](const Value& self) {
         return rule_prefix_rewrite_needs_one_prefix_match(self, "requestRedirect");
       }});
  out.push_back(
      {"When using URLRewrite filter with path.replacePrefixMatch, exactly one "
       "PathPrefix match must be specified",
       [](const Value& self) {
         return rule_prefix_rewrite_needs_one_prefix_match(self, "urlRewrite");
       }});
  out.push_back(
      {"Within backendRefs, when using RequestRedirect filter with "
       "path.replacePrefixMatch, exactly one PathPrefix match must be specified",
       [](const Value& self) {
         return backend_prefix_rewrite_needs_one_prefix_match(self, "requestRedirect");
       }});
  // Upstream capitalises "When" in this one message.
  out.push_back(
      {"Within backendRefs, When using URLRewrite filter with path.replacePrefixMatch, "
       "exactly one PathPrefix match must be specified",
       [](const Value& self) {
         return backend_prefix_rewrite_needs_one_prefix_match(self, "urlRewrite");
       }});
  out.push_back({"Must have port for Service reference", service_ref_has_port});
  out.push_back({"backendRequest timeout cannot be longer than request timeout",
                 backend_timeout_within_request});
  out.push_back({"Rule name must be unique within the route", rule_names_unique});

  out.push_back({"AbsoluteTimeout must be specified when cookie lifetimeType is Permanent",
                 [](const Value& self) {
                   return !str_eq(self["cookieConfig"], "lifetimeType", "Permanent") ||
                          has(self, "absoluteTimeout");
                 }});
  out.push_back({"cookieConfig can only be set with type Cookie", [](const Value& self) {
                   return !has(self, "cookieConfig") || str_eq(self, "type", "Cookie");
                 }});
}

}  // namespace im::validate
