#pragma once
// konghq.com/headers.NAME as HTTPRoute header matches: the Kong route only
// takes requests whose header NAME has one of the listed values.

#include <string>
#include <vector>

#include "convert/gateway_ir.h"
#include "diag/finding.h"
#include "model/ingress.h"

namespace im {

/// One konghq.com/headers.NAME as KIC reads it: the header name as
/// written, its values split and trimmed (a "~*" value is a regex).
struct KongHeader {
  const Annotation* annotation = nullptr;
  std::string name;
  std::vector<std::string> values;
};

/// annotations.go ExtractHeaders, in annotation order.
std::vector<KongHeader> read_kong_headers(const Ingress& ing);

/// The header matches each path of a Kong Ingress becomes, one list per
/// rule to write ({} when the Ingress has no headers.* annotation). False,
/// with an error at the annotation, when one has no Gateway API form: the
/// paths are then left out, since without the condition they would take
/// requests Kong refused.
bool kong_header_alternatives(const Ingress& ing,
                              std::vector<std::vector<HeaderMatchIR>>& alternatives,
                              Findings& findings);

}  // namespace im
