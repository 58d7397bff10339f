#pragma once
// Values from the input that land in emitted Gateway API fields, checked
// against those fields' CRD constraints before anything is planned. A value
// that fails is an error at its annotation or field (with the constraint in
// words) and only what it feeds is left out, so a merely unusual value never
// makes an emitted object invalid (which would be an internal error, exit 3).

#include "diag/finding.h"
#include "model/ingress.h"
#include "rules/policy.h"

namespace im {

/// metadata.name (an RFC 1123 subdomain) and metadata.namespace (an RFC 1123
/// label) as the API server requires them; the emitted objects reuse both.
/// False (after an error at the Ingress) when the Ingress cannot be converted.
bool check_ingress_names(const Ingress& ing, Findings& findings);

/// A networking.k8s.io/v1 path without pathType: the API server rejects
/// the Ingress as written, so the manifest is not what a cluster serves.
void check_v1_path_types(const Ingress& ing, Findings& findings);

/// Drops, with an error at the annotation, every policy value that would
/// break the constraint of the field it is emitted into.
void check_policy_values(IngressPolicy& policy, Findings& findings);

/// "" when `value` may be an HTTP header value (HTTPHeader.value: 1-4096
/// characters; no control characters, which would split the header), else why not.
std::string header_value_problem(const std::string& value);

/// The reason a CORS setting (the ingress-nginx action: cors-allow-origin,
/// cors-allow-methods, cors-allow-headers, cors-expose-headers,
/// cors-max-age; comma-separated items) cannot become its HTTPCORSFilter
/// field, or "".
std::string cors_problem(const std::string& action, const std::string& value);

/// "" when `v` may be a path a filter replaces the request path with, else why not.
std::string path_problem(const std::string& v);

/// "" when `value` has no control characters (CR, LF, NUL, ...), else why not.
std::string control_character_problem(const std::string& value);

}  // namespace im
