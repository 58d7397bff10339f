#pragma once
// Reading Gateway API objects given on the command line (the output of an
// earlier convert, perhaps edited by hand) into the converter's IR, so the
// Gateway model treats them the same way as a fresh conversion.

#include "convert/gateway_ir.h"
#include "diag/finding.h"
#include "parse/document.h"

namespace im::verify {

/// Reads the Gateways and HTTPRoutes of `doc` (also inside a `kind: List`)
/// into `out`. Parts the model cannot follow become warnings with id
/// "verify-input"; other kinds are ignored. Returns how many Gateway API
/// objects were read.
size_t read_gateway_objects(const Document& doc, ConversionOutput& out, Findings& findings,
                            const std::string& default_ns = "default");

}  // namespace im::verify
