#pragma once
// The last step of every conversion: each emitted object checked against
// its CRD's schema and CEL rules, and, for `convert` printing to standard
// output, rendered in the same pass, so that no object is built twice.

#include <functional>
#include <string>
#include <vector>

#include "convert/gateway_ir.h"
#include "emit/object_writer.h"
#include "validate/validator.h"

namespace im {

/// Builds every object of `output` once, checks it and (with `writer`)
/// renders it, appending the text to `writer` in print order and telling
/// `rendered` (may be empty) per object. The objects are independent, so
/// batches of them are split between worker threads and joined in order.
/// Returns "Kind ns/name: problem" for each object the API server would
/// reject, in print order.
std::vector<std::string> check_objects(const ConversionOutput& output, Channel channel, ObjectWriter* writer,
                                       const std::function<void()>& rendered);

}  // namespace im
