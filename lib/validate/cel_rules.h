#pragma once
// Hand-written C++ for every CEL rule (x-kubernetes-validations) in the CRD
// dumps, keyed by the rule's exact message. We do not embed a CEL
// interpreter: the rules are few, fixed per release, and C++ is both faster
// on 100k objects and easier to debug. The loader refuses a dump with a
// message that has no entry here, so a new upstream rule cannot be skipped
// silently.
//
// Each function receives `self` (the node the rule hangs on) with schema
// defaults applied, as the API server evaluates it (see cel_support.h). Where the CEL
// expression would fail at run time because a required field is absent, the
// function returns true: the schema check already reports the missing field.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace im::validate {

namespace cel {
class Value;
}

/// One CEL rule: its message and a predicate that is true when `self` passes.
struct CelRule {
  std::string message;
  std::function<bool(const cel::Value& self)> holds;
  /// The exact CEL expression (whitespace collapsed) this implements; empty
  /// for the Gateway API rules, whose messages are unique. Vendor CRDs reuse
  /// one message for different expressions, so theirs are keyed by both.
  std::string rule = {};
};

/// The implementation for `message` (and, where the implementation names
/// one, the CEL expression `rule`), or nullptr.
const CelRule* find_cel_rule(std::string_view message, std::string_view rule = {});

/// Every implemented rule, sorted by message.
const std::vector<CelRule>& all_cel_rules();

// The table is assembled from one file per area; each appends its rules.
void add_gateway_cel_rules(std::vector<CelRule>& out);
void add_route_cel_rules(std::vector<CelRule>& out);
void add_match_cel_rules(std::vector<CelRule>& out);
void add_filter_cel_rules(std::vector<CelRule>& out);
void add_policy_cel_rules(std::vector<CelRule>& out);
void add_envoy_gateway_cel_rules(std::vector<CelRule>& out);
void add_nginx_gateway_fabric_cel_rules(std::vector<CelRule>& out);
void add_kgateway_cel_rules(std::vector<CelRule>& out);
void add_istio_cel_rules(std::vector<CelRule>& out);
void add_gke_cel_rules(std::vector<CelRule>& out);

}  // namespace im::validate
