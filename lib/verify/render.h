#pragma once
// Printing a verify result: a table per host, or JSON
// (docs/verify.schema.json).

#include <string>

#include "verify/verify.h"

namespace im::verify {

/// Rows of each host: "=" same, "!" differs (with both outcomes), "?"
/// uncertain (with the reason); then the summary line.
std::string render_text(const VerifyResult& result);

std::string render_json(const VerifyResult& result);

/// "N probes: U unexpected, E explained, C uncertain, S same".
std::string summary_line(const VerifyResult& result);

}  // namespace im::verify
