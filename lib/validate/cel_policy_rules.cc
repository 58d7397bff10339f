// CEL rules of BackendTLSPolicy: targetRefs and the validation block.

#include "validate/cel_rules.h"
#include "validate/cel_support.h"

namespace im::validate {
namespace {

using namespace cel;  // NOLINT(google-build-using-namespace): the rules read like CEL

bool same_target(const Value& p1, const Value& p2) {
  return same(p1, p2, "group") && same(p1, p2, "kind") && same(p1, p2, "name");
}

bool section_specified_for_shared_target(const Value& self) {
  return all(self, [&](const Value& p1) {
    return all(self, [&](const Value& p2) {
      return !same_target(p1, p2) ||
             unset_or_empty(p1, "sectionName") == unset_or_empty(p2, "sectionName");
    });
  });
}

bool section_unique_for_shared_target(const Value& self) {
  return all(self, [&](const Value& p1) {
    if (!has(p1, "group") || !has(p1, "kind") || !has(p1, "name")) return true;
    return exists_one(self, [&](const Value& p2) {
      return same_target(p1, p2) &&
             ((unset_or_empty(p1, "sectionName") && unset_or_empty(p2, "sectionName")) ||
              (has(p1, "sectionName") && has(p2, "sectionName") && same(p1, p2, "sectionName")));
    });
  });
}

bool has_ca_refs(const Value& self) {
  return self["caCertificateRefs"].size() > 0;
}

// has(self.wellKnownCACertificates) && self.wellKnownCACertificates != ""
bool has_well_known(const Value& self) {
  return !unset_or_empty(self, "wellKnownCACertificates");
}

// !(self.type == T && (!has(self.member) || self.member == ""))
std::function<bool(const Value&)> member_required_for_type(std::string_view member,
                                                           std::string_view type) {
  return [member, type](const Value& self) {
    return !(str_eq(self, "type", type) && unset_or_empty(self, member));
  };
}

// !(self.type != T && has(self.member) && self.member != ""); a missing type
// fails the CEL expression, which the required check reports instead.
std::function<bool(const Value&)> member_only_for_type(std::string_view member,
                                                       std::string_view type) {
  return [member, type](const Value& self) {
    const std::string* t = str(self, "type");
    return !(t && *t != type && !unset_or_empty(self, member));
  };
}

}  // namespace

void add_policy_cel_rules(std::vector<CelRule>& out) {
  out.push_back(
      {"sectionName must be specified when targetRefs includes 2 or more references to the same "
       "target",
       section_specified_for_shared_target});
  out.push_back(
      {"sectionName must be unique when targetRefs includes 2 or more references to the same "
       "target",
       section_unique_for_shared_target});
  out.push_back({"must not contain both CACertificateRefs and WellKnownCACertificates",
                 [](const Value& self) { return !(has_ca_refs(self) && has_well_known(self)); }});
  out.push_back({"must specify either CACertificateRefs or WellKnownCACertificates",
                 [](const Value& self) { return has_ca_refs(self) || has_well_known(self); }});
  out.push_back({"SubjectAltName element must contain Hostname, if Type is set to Hostname",
                 member_required_for_type("hostname", "Hostname")});
  out.push_back({"SubjectAltName element must not contain Hostname, if Type is not set to Hostname",
                 member_only_for_type("hostname", "Hostname")});
  out.push_back({"SubjectAltName element must contain URI, if Type is set to URI",
                 member_required_for_type("uri", "URI")});
  out.push_back({"SubjectAltName element must not contain URI, if Type is not set to URI",
                 member_only_for_type("uri", "URI")});
}

}  // namespace im::validate
