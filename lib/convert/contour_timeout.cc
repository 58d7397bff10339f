#include "convert/contour_timeout.h"

#include <fmt/format.h>

#include "convert/go_duration.h"

namespace im {

namespace {

const std::string& key_of(const Setting& s) {
  static const std::string primary = "projectcontour.io/response-timeout";
  static const std::string fallback = "projectcontour.io/request-timeout";
  return s.params.count("fallback") ? fallback : primary;
}

}  // namespace

ContourDuration contour_duration(const std::string& value) {
  ContourDuration d;
  if (value == "infinity" || value == "infinite") {
    d.kind = ContourDuration::Kind::Infinite;
    d.gateway = "0s";  // Gateway API: a zero timeout disables it
    return d;
  }
  const std::optional<int64_t> nanos = parse_go_duration(value);
  if (!nanos || *nanos < 0) return d;  // Invalid
  d.nanos = *nanos;
  if (*nanos == 0) {
    d.kind = ContourDuration::Kind::Zero;
    return d;
  }
  const std::optional<std::string> gateway = gateway_duration_from_nanos(*nanos);
  d.kind = gateway ? ContourDuration::Kind::Value : ContourDuration::Kind::Unwritable;
  if (gateway) d.gateway = *gateway;
  return d;
}

// Modelled on Contour's internal/dag/policy.go ingressTimeoutPolicy and
// internal/timeout/timeout.go Parse: response-timeout, else (absent or
// empty) the older request-timeout, sets Envoy's route timeout for every
// route of the Ingress. "infinity" and "infinite" disable it; "" and any
// zero duration mean Contour's default (Envoy's 15s); a value
// time.ParseDuration rejects is logged and the default used.
std::optional<ContourTimeout> contour_route_timeout(const IngressPolicy& policy, Findings& findings) {
  const Setting* chosen = nullptr;
  const Setting* fallback = nullptr;
  for (const auto& [action, s] : policy.settings) {
    if (action != "route-timeout") continue;
    if (s.params.count("fallback")) {
      if (!fallback) fallback = &s;
    } else if (!chosen && !s.value.empty()) {
      chosen = &s;
    }
  }
  if (!chosen && fallback && !fallback->value.empty()) chosen = fallback;
  if (chosen && fallback && chosen != fallback) {
    findings.info(fallback->location,
                  fmt::format("{} is not used: Contour reads it only when {} is absent or empty",
                              key_of(*fallback), key_of(*chosen)),
                  fallback->rule_id);
  }
  if (!chosen) return std::nullopt;
  const std::string& key = key_of(*chosen);
  const std::string& value = chosen->value;
  const ContourDuration d = contour_duration(value);
  switch (d.kind) {
    case ContourDuration::Kind::Infinite:
    case ContourDuration::Kind::Value:
      return ContourTimeout{d.gateway, d.nanos};
    case ContourDuration::Kind::Invalid:
      findings.warning(chosen->location,
                       fmt::format("{} \"{}\" is not a duration Contour accepts (a Go duration such as 30s, "
                                   "1m30s or 500ms, or infinity); Contour used its 15s default instead; not "
                                   "converted, so the Gateway implementation's default timeout applies",
                                   key, value),
                       chosen->rule_id);
      break;
    case ContourDuration::Kind::Zero:
      findings.info(chosen->location,
                    fmt::format("{} \"{}\" is zero, which Contour reads as its 15s default (infinity turns "
                                "the timeout off); not converted, so the Gateway implementation's default "
                                "timeout applies",
                                key, value),
                    chosen->rule_id);
      break;
    case ContourDuration::Kind::Unwritable:
      findings.warning(chosen->location,
                       fmt::format("{} \"{}\" cannot be written as a Gateway API duration (whole "
                                   "milliseconds, at most 99999h); not converted, so the Gateway "
                                   "implementation's default timeout applies",
                                   key, value),
                       chosen->rule_id);
      break;
  }
  return std::nullopt;
}

}  // namespace im
