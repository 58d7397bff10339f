#pragma once
// Checks an emitted Gateway API object the way the API server would: the
// OpenAPI schema of the v1.6.1 CRD plus its CEL rules, after applying schema
// defaults. A non-empty result means our emitter produced an object that
// `kubectl apply` would reject, which is a bug in the tool, not in the input.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "validate/channel.h"

namespace im {

/// One reason the API server would reject an object.
struct ValidationError {
  std::string path;     ///< e.g. "spec.rules[3].matches[0].path"; "" for the whole object
  std::string message;  ///< the CRD's own message for CEL rules, ours for schema checks

  friend bool operator==(const ValidationError& a, const ValidationError& b) {
    return a.path == b.path && a.message == b.message;
  }
  friend bool operator!=(const ValidationError& a, const ValidationError& b) { return !(a == b); }
};

/// "path: message", or just the message when the path is empty.
std::string format_validation_error(const ValidationError& e);

/// Validates a whole object (apiVersion, kind, metadata, spec) of kind
/// Gateway, HTTPRoute, GRPCRoute, TLSRoute, ReferenceGrant or
/// BackendTLSPolicy. apiVersion must be gateway.networking.k8s.io/v1, or
/// v1beta1 for the kinds v1.6.1 still serves so (Gateway, HTTPRoute,
/// ReferenceGrant). Returns every error, top-down in document order.
/// HTTPRoute and GRPCRoute use the experimental schema when `channel` is
/// Experimental; the other kinds always use the standard one.
std::vector<ValidationError> validate_object(const nlohmann::ordered_json& obj,
                                             Channel channel = Channel::Standard);

}  // namespace im
