#pragma once
// The whole `verify` pipeline: read the inputs, take the Gateway API
// objects among them or convert the Ingresses, then run every probe.

#include <iosfwd>

#include "driver/convert_job.h"
#include "verify/verify.h"

namespace im::verify {

struct VerifyJob {
  LoadResult load;
  ConversionOutput gateway;
  size_t gateway_objects = 0;  ///< Gateway API objects read from the inputs (0 = converted)
  Findings conversion_findings;  ///< what convert reported; they explain differences
  VerifyResult result;
};

/// Findings of the conversion itself are not reported (convert reports
/// them) but explain differences; input failures and "verify-input" notes
/// are reported. Throws RuleLoadError.
VerifyJob run_verify_job(const ConvertRequest& request, const VerifyOptions& options,
                         std::istream& stdin_stream, Findings& findings);

}  // namespace im::verify
