#pragma once
// verify: every probe through both models, and which outcomes differ.

#include <string>
#include <vector>

#include "convert/gateway_ir.h"
#include "diag/finding.h"
#include "model/inventory.h"
#include "verify/outcome.h"
#include "verify/probe.h"

namespace im::verify {

struct VerifyOptions {
  std::string annotation_prefix = "nginx.ingress.kubernetes.io";
  std::string default_class;
  std::vector<Probe> extra_probes;  ///< --probe / --probes
  bool generate = true;             ///< also the probes made from the Ingresses
};

struct ProbeResult {
  enum class Status { Same, Differ, Uncertain };
  Probe probe;
  Outcome before;  ///< ingress-nginx
  Outcome after;   ///< Gateway API
  Status status = Status::Same;
};

struct VerifyResult {
  std::vector<ProbeResult> results;  ///< in probe order (grouped by host)
  size_t differ = 0;
  size_t uncertain = 0;
};

VerifyResult run_verify(const Inventory& inventory, const ConversionOutput& gateway,
                        const VerifyOptions& options);

/// One finding per differing probe, at the Ingress path it was made for
/// (convert --verify). Id "verify-differs".
void add_verify_findings(const VerifyResult& result, Findings& findings);

const char* status_name(ProbeResult::Status s);

}  // namespace im::verify
