// CEL rules of the Istio CRDs the tool emits (AuthorizationPolicy and
// DestinationRule of tag 1.30.3, dumps in rules/crd/istio/). Each entry names
// the exact CEL expression it implements, as for the other vendors.

#include <functional>
#include <string>
#include <vector>

#include "validate/cel_rules.h"
#include "validate/cel_vendor_support.h"

namespace im::validate {
namespace {

using namespace cel;  // NOLINT(google-build-using-namespace): the rules read like CEL

// (has(self.selector) ? 1 : 0) + (has(self.targetRef) ? 1 : 0) + (has(self.targetRefs) ? 1 : 0) <= 1
bool one_way_to_select(const Value& s) {
  return (has(s, "selector") ? 1 : 0) + (has(s, "targetRef") ? 1 : 0) + (has(s, "targetRefs") ? 1 : 0) <= 1;
}

// (has(self.serviceAccounts) || has(self.notServiceAccounts)) ? (no
// principals or namespaces, negated or not) : true
bool service_accounts_alone(const Value& s) {
  if (!has(s, "serviceAccounts") && !has(s, "notServiceAccounts")) return true;
  return !has(s, "principals") && !has(s, "notPrincipals") && !has(s, "namespaces") && !has(s, "notNamespaces");
}

// self.size() == 0 on a string (a namespace).
bool empty_string(const Value& s) {
  const std::string* v = s.str();
  return !v || v->empty();
}

// duration(self) >= duration('1ms'); a value that is not a CEL duration
// fails the rule too, as the API server's evaluation error does.
bool duration_at_least_1ms(const Value& s) {
  const auto ns = duration_ns(s.str());
  return ns && *ns >= 1'000'000;
}

}  // namespace

void add_istio_cel_rules(std::vector<CelRule>& out) {
  out.push_back({"Cannot set serviceAccounts with namespaces or principals", service_accounts_alone,
                 R"cel((has(self.serviceAccounts) || has(self.notServiceAccounts)) ? (!has(self.principals) && !has(self.notPrincipals) && !has(self.namespaces) && !has(self.notNamespaces)) : true)cel"});
  out.push_back({"cross namespace referencing is not currently supported", empty_string,
                 R"cel(self.size() == 0)cel"});
  out.push_back({"must be a valid duration greater than 1ms", duration_at_least_1ms,
                 R"cel(duration(self) >= duration('1ms'))cel"});
  out.push_back({"only one of targetRefs or selector can be set", one_way_to_select,
                 R"cel((has(self.selector) ? 1 : 0) + (has(self.targetRef) ? 1 : 0) + (has(self.targetRefs) ? 1 : 0) <= 1)cel"});
}

}  // namespace im::validate
