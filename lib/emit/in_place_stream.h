#pragma once
// `convert --in-place-stream`: the input stream written back with each
// Ingress document replaced by the Gateway API objects made from it, every
// other document byte for byte as it came, so that
// `kustomize build | ingress-migrate convert --in-place-stream | kubectl apply -f -`
// works.
//
// Decisions (also in the README):
// - IngressClass objects, like every non-Ingress object, pass through
//   unchanged: the old controller keeps serving until the Ingresses are gone.
// - An Ingress that produced no object (no class, invalid, every path
//   refused) is kept unchanged, with an `in-place-kept` warning, so nothing
//   that served traffic silently disappears from the stream.
// - A document holding anything besides Ingresses (a `kind: List` mixing
//   kinds) is kept whole, with the same warning for its Ingresses, whose
//   Gateway API objects are then not written (they cannot take the
//   document's place without dropping the other objects).
// - Gateways and ReferenceGrants serve many Ingresses; they are written
//   where the first replaced Ingress was.

#include <memory>
#include <string>
#include <vector>

#include "convert/gateway_ir.h"
#include "diag/finding.h"
#include "lint/object_index.h"

namespace im {

struct StreamText {
  std::shared_ptr<const std::string> origin;  ///< as findings name it
  std::string text;
};

/// The rewritten streams, concatenated in input order. `objects` are the
/// objects read from them, sorted (ObjectIndex::sorted()), `output` their conversion.
std::string rewrite_streams(const std::vector<StreamText>& streams, const std::vector<ObjectSpan>& objects,
                            const ConversionOutput& output, Findings& findings);

}  // namespace im
