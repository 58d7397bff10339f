// success-codes: the ALB matched health check answers against HTTP status
// codes, or gRPC codes when the target group spoke gRPC
// (backend-protocol-version GRPC; pkg/ingress/model_build_target_group.go
// buildTargetGroupHealthCheckMatcher), which TargetGroupConfiguration
// healthCheckConfig.matcher holds as httpCode or grpcCode.

#include "targets/lbc_actions.h"

#include "util/text.h"

namespace im {
namespace {

using Ctx = TargetActionContext;

// "200", "200,202", "200-299" (gRPC: "0-99"): digits, commas and ranges.
bool code_list(const std::string& v) {
  if (v.empty()) return false;
  return v.find_first_not_of("0123456789,-") == std::string::npos && v.front() != ',' && v.front() != '-' &&
         v.back() != ',' && v.back() != '-';
}

bool act_success_codes(const Ctx& c) {
  const std::string v = trim(c.annotation.value);
  if (!code_list(v)) return c.reject("expected status codes such as 200, 200,202 or 200-299");
  const Annotation* version = c.sibling("backend-protocol-version");
  const bool grpc = version && trim(version->value) == "GRPC";
  c.spec()["defaultConfiguration"]["healthCheckConfig"]["matcher"] = {{grpc ? "grpcCode" : "httpCode", v}};
  return true;
}

const std::vector<TargetAction> kLbcActions = {
    {"lbc-success-codes", "health check answer codes, HTTP or gRPC", act_success_codes},
};

}  // namespace

const std::vector<TargetAction>& lbc_target_actions() { return kLbcActions; }

}  // namespace im
