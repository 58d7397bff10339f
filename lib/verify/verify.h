#pragma once
// verify: every probe through both models, and which outcomes differ.

#include <string>
#include <vector>

#include "convert/gateway_ir.h"
#include "diag/finding.h"
#include "model/inventory.h"
#include "model/nginx_controller_config.h"
#include "verify/gateway_model.h"
#include "verify/outcome.h"
#include "verify/probe.h"

namespace im::verify {

struct VerifyOptions {
  std::string annotation_prefix = "nginx.ingress.kubernetes.io";
  std::string default_class;
  NginxControllerConfig nginx_config;  ///< --nginx-config
  std::vector<Probe> extra_probes;  ///< --probe / --probes
  bool generate = true;             ///< also the probes made from the Ingresses
  /// The conversion's findings: a difference one of them explains is
  /// "explained", not "unexpected". Null (Gateway API objects read from the
  /// input): every difference is unexpected.
  const Findings* conversion_findings = nullptr;
  /// What is known of the Gateway implementation (--target-controller).
  GatewayDialect gateway_dialect;
};

struct ProbeResult {
  enum class Status { Same, Explained, Unexpected, Uncertain };
  Probe probe;
  /// The controller whose model gave `before` ("ingress-nginx", "Traefik",
  /// "Kong"); "" when no model could (`before` is uncertain).
  std::string controller;
  Outcome before;  ///< the Ingress controller
  Outcome after;   ///< Gateway API
  Status status = Status::Same;
  /// Explained: the findings that explain it, nearest first (copies: the
  /// findings they come from may grow).
  std::vector<Finding> explained_by;
};

struct VerifyResult {
  std::vector<ProbeResult> results;  ///< in probe order (grouped by host)
  size_t unexpected = 0;
  size_t explained = 0;
  size_t uncertain = 0;
};

VerifyResult run_verify(const Inventory& inventory, const ConversionOutput& gateway,
                        const VerifyOptions& options);

/// One finding per differing probe, at the Ingress path it was made for
/// (convert --verify): an error "verify-differs" for an unexpected
/// difference, an info "verify-explained" naming the finding that explains
/// the others.
void add_verify_findings(const VerifyResult& result, Findings& findings);

/// Whether two outcomes count as the same: equal text forms, or the
/// controller's 404 against a request the Gateway does not serve (no backend either way).
bool same_outcome(const Outcome& before, const Outcome& after, const std::string& host);

/// "same", "explained", "unexpected", "uncertain".
const char* status_name(ProbeResult::Status s);

/// The distinct ids of `r.explained_by`, nearest first: "a, b".
std::string explanation_ids(const ProbeResult& r);

}  // namespace im::verify
