#include "convert/contour_retry.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>
#include <string_view>
#include <vector>

#include "util/text.h"

namespace im {

namespace {

/// Contour's annotation.NumRetries: strconv.ParseInt(s, 10, 32); -1 turns
/// retries off (0); anything else below 2, or unparsable, is 1.
int contour_num_retries(const Setting* s) {
  if (!s) return 1;
  int32_t n = 0;
  std::string_view v = s->value;
  if (v.size() > 1 && v[0] == '+') v.remove_prefix(1);  // ParseInt takes a sign; from_chars only '-'
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size()) return 1;
  if (n == -1) return 0;
  return n < 2 ? 1 : n;
}

/// The status codes an Envoy retry_on condition retries on; an empty set
/// for the connection failures every Gateway implementation retries
/// whenever retry is set (GEP-1731); nullopt when Gateway API has none.
std::optional<std::vector<int>> codes_of(const std::string& condition) {
  if (condition == "5xx") {
    std::vector<int> all;
    for (int c = 500; c <= 599; ++c) all.push_back(c);
    return all;
  }
  if (condition == "gateway-error") return std::vector<int>{502, 503, 504};
  if (condition == "retriable-4xx") return std::vector<int>{409};
  if (condition == "reset" || condition == "reset-before-request" || condition == "connect-failure" ||
      condition == "refused-stream") {
    return std::vector<int>{};
  }
  return std::nullopt;
}

void not_used_without_retry_on(const Setting* s, const char* key, Findings& findings) {
  if (!s) return;
  findings.info(s->location,
                fmt::format("{} is not used: Contour reads it only with projectcontour.io/retry-on", key),
                s->rule_id);
}

}  // namespace

// Modelled on Contour's internal/dag/policy.go ingressRetryPolicy and
// internal/envoy/v3/route.go retryPolicy: without retry-on there is no
// retry policy at all; retry-on goes to Envoy's retry_on verbatim,
// num-retries to num_retries and per-try-timeout (timeout.Parse) to
// per_try_timeout. Gateway API's retry.attempts counts retries as Envoy's
// num_retries does.
ContourRetry contour_retry(const IngressPolicy& policy, bool experimental,
                           const std::optional<ContourTimeout>& route_timeout, Findings& findings) {
  ContourRetry out;
  const Setting* on = policy.setting("retry-on");
  const Setting* attempts = policy.setting("retry-attempts");
  const Setting* per_try = policy.setting("retry-attempt-timeout");
  if (!on || trim(on->value).empty()) {
    not_used_without_retry_on(attempts, "projectcontour.io/num-retries", findings);
    not_used_without_retry_on(per_try, "projectcontour.io/per-try-timeout", findings);
    return out;
  }
  if (!experimental) return out;  // the partial verdict says --experimental is needed
  const int retries = contour_num_retries(attempts);
  if (retries == 0) {
    findings.info(attempts->location,
                  "projectcontour.io/num-retries \"-1\" turns Contour's retries off; no retry is written",
                  attempts->rule_id);
    return out;
  }
  std::set<int> codes;
  std::vector<std::string> unmatched;
  bool any = false;
  for (const std::string& part : split(on->value, ',')) {
    const std::string condition = trim(part);
    if (condition.empty()) continue;
    if (auto c = codes_of(condition)) {
      any = true;
      codes.insert(c->begin(), c->end());
    } else {
      unmatched.push_back(condition);
    }
  }
  if (!unmatched.empty()) {
    findings.warning(on->location,
                     fmt::format("projectcontour.io/retry-on conditions {} have no Gateway API retry form "
                                 "(it retries on response codes and connection errors); {}",
                                 join(unmatched, ", "),
                                 any ? "requests failing only that way are no longer retried"
                                     : "no retry is written"),
                     on->rule_id);
  }
  if (!any) return out;
  auto retry = std::make_shared<RetryIR>();
  retry->attempts = retries;
  retry->codes.assign(codes.begin(), codes.end());
  out.retry = std::move(retry);

  if (!per_try || per_try->value.empty()) return out;
  const std::string& value = per_try->value;
  const ContourDuration d = contour_duration(value);
  switch (d.kind) {
    case ContourDuration::Kind::Invalid:
      findings.warning(per_try->location,
                       fmt::format("projectcontour.io/per-try-timeout \"{}\" is not a duration Contour accepts "
                                   "(a Go duration or infinity); Contour retried without a per-try timeout, "
                                   "and so does the route",
                                   value),
                       per_try->rule_id);
      return out;
    case ContourDuration::Kind::Zero:
      return out;  // Contour leaves per_try_timeout unset for zero
    case ContourDuration::Kind::Unwritable:
      findings.warning(per_try->location,
                       fmt::format("projectcontour.io/per-try-timeout \"{}\" cannot be written as a Gateway API "
                                   "duration (whole milliseconds, at most 99999h); not converted",
                                   value),
                       per_try->rule_id);
      return out;
    case ContourDuration::Kind::Infinite:
    case ContourDuration::Kind::Value:
      break;
  }
  // timeouts.backendRequest may not exceed a non-zero timeouts.request
  // (HTTPRoute CEL); Envoy lets the route timeout cut such attempts short.
  if (d.kind == ContourDuration::Kind::Value && route_timeout && route_timeout->nanos > 0 &&
      d.nanos > route_timeout->nanos) {
    findings.info(per_try->location,
                  fmt::format("projectcontour.io/per-try-timeout \"{}\" is longer than the route timeout {}, "
                              "which ends every attempt first; not written",
                              value, route_timeout->gateway),
                  per_try->rule_id);
    return out;
  }
  out.attempt_timeout = d.gateway;
  return out;
}

}  // namespace im
