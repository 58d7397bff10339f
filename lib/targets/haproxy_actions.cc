// HAProxy's rate limit for the targets that count requests per client
// address. What HAProxy does, from haproxytech/kubernetes-ingress:
// pkg/annotations/ingress/reqRateLimit.go reads the annotations;
// pkg/haproxy/rules/reqTrack.go tracks every request of the Ingress's paths
// in a stick table keyed by the client address (src) that stores
// http_req_rate(period), one table per period ("RateLimit-<ms>", default
// 1s, 100k entries); pkg/haproxy/rules/reqRatelimit.go denies a request
// when that rate is above rate-limit-requests (with rate-limit-status-code,
// default 403), except for rate-limit-whitelist's addresses;
// pkg/utils/utils.go ParseTime reads the period (ms, s, m, h, d; bare
// numbers are milliseconds).

#include "targets/haproxy_actions.h"

#include <fmt/format.h>

#include "util/text.h"

namespace im {
namespace {

using Json = nlohmann::ordered_json;
using Ctx = TargetActionContext;

struct HaproxyRateLimit {
  uint64_t requests = 0;
  uint64_t period_ms = 1000;
  std::vector<std::string> exempt;  ///< rate-limit-whitelist, as CIDRs
};

// "10s" -> 10000, as ParseTime: the unit suffix, else milliseconds.
bool parse_period_ms(const std::string& v, uint64_t& ms) {
  static const std::pair<const char*, uint64_t> kUnits[] = {
      {"ms", 1}, {"s", 1000}, {"m", 60000}, {"h", 3600000}, {"d", 86400000}};
  std::string digits = v;
  uint64_t scale = 1;
  for (const auto& [suffix, factor] : kUnits) {
    const std::string s(suffix);
    if (v.size() > s.size() && v.compare(v.size() - s.size(), s.size(), s) == 0) {
      digits = v.substr(0, v.size() - s.size());
      scale = factor;
      break;
    }
  }
  uint64_t n = 0;
  if (!whole_number(digits, n) || n == 0) return false;
  ms = n * scale;  // whole_number caps n at nine digits: no overflow
  return true;
}

// A sibling's fault is reported at the sibling when it is the annotation
// being converted, and quietly otherwise (its own rule reports it).
bool fault(const Ctx& c, const Annotation* at, const std::string& why) {
  if (at == &c.annotation) return c.reject(why);
  return false;
}

// The Ingress's rate limit as HAProxy applied it (0 requests: none, as
// ReqRateLimit.Create writes no rule then); false, after reporting,
// when it cannot be read (rate-limit-period, -status-code, -size and
// -whitelist all require rate-limit-requests, reqRateLimit.go). The exempt
// addresses are read only for targets that can exempt them.
bool read_haproxy_rate_limit(const Ctx& c, bool with_exempt, HaproxyRateLimit& out) {
  const Annotation* requests = c.sibling("rate-limit-requests");
  if (!requests) return c.reject("needs rate-limit-requests, as HAProxy does");
  if (!whole_number(requests->value, out.requests))
    return fault(c, requests, "expected a whole number of requests");
  if (const Annotation* period = c.sibling("rate-limit-period")) {
    if (!parse_period_ms(period->value, out.period_ms))
      return fault(c, period, "expected a positive time such as 1s, 500ms or 1m");
  }
  const Annotation* exempt = with_exempt ? c.sibling("rate-limit-whitelist") : nullptr;
  if (exempt) {
    std::string why;
    if (exempt->value.find("patterns/") != std::string::npos)
      return fault(c, exempt, "it names a pattern file inside the controller's pod; write its addresses here");
    if (!cidr_list(exempt->value, out.exempt, why)) return fault(c, exempt, why);
  }
  return true;
}

// The period as a Go duration Traefik reads: "1s", "250ms", "10m".
std::string go_duration(uint64_t ms) {
  if (ms % 3600000 == 0) return std::to_string(ms / 3600000) + "h";
  if (ms % 60000 == 0) return std::to_string(ms / 60000) + "m";
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + "s";
  return std::to_string(ms) + "ms";
}

// Envoy Gateway's local rate limit: `requests` per Second, Minute, Hour or
// Day for each distinct client address (sourceCIDR Distinct, one rule per
// address family), the exempt ranges excluded by inverted selectors, as
// the ingress-nginx limit-rps conversion writes it.
bool act_eg_rate_limit(const Ctx& c) {
  HaproxyRateLimit limit;
  if (!read_haproxy_rate_limit(c, true, limit)) return false;
  static const std::pair<uint64_t, const char*> kUnits[] = {
      {1000, "Second"}, {60000, "Minute"}, {3600000, "Hour"}, {86400000, "Day"}};
  const char* unit = nullptr;
  for (const auto& [ms, name] : kUnits) {
    if (limit.period_ms == ms) unit = name;
  }
  if (!unit) {
    const Annotation* period = c.sibling("rate-limit-period");
    return c.reject(fmt::format("rate-limit-period \"{}\": {} counts requests per second, minute, hour or day",
                                period ? escape_control(period->value) : "", c.profile.project));
  }
  // The requests rule writes the limit; 0 needs none.
  if (c.rule.key != "rate-limit-requests" || limit.requests == 0) return true;
  Json rules = Json::array();
  for (const char* all : {"0.0.0.0/0", "::/0"}) {
    Json selectors = Json::array({{{"sourceCIDR", {{"type", "Distinct"}, {"value", all}}}}});
    for (const auto& cidr : limit.exempt) selectors.push_back({{"sourceCIDR", {{"value", cidr}, {"invert", true}}}});
    rules.push_back({{"clientSelectors", selectors}, {"limit", {{"requests", limit.requests}, {"unit", unit}}}});
  }
  c.spec()["rateLimit"]["local"]["rules"] = rules;
  return true;
}

// Traefik's rateLimit middleware counts per client address by default
// (pkg/middlewares/ratelimiter: the peer address): `average` requests per
// `period`, with a burst of the same number, so a client may send the
// whole allowance at once, as within HAProxy's window.
bool act_traefik_rate_limit(const Ctx& c) {
  HaproxyRateLimit limit;
  if (!read_haproxy_rate_limit(c, false, limit)) return false;
  if (c.rule.key != "rate-limit-requests" || limit.requests == 0) return true;
  if (const Annotation* exempt = c.sibling("rate-limit-whitelist")) {
    c.findings.warning(exempt->location,
                       fmt::format("{}: {}'s rateLimit middleware has no exempt list, so these clients are now "
                                   "rate limited too",
                                   exempt->key, c.profile.project),
                       "target-rate-limit-exempt");
  }
  c.spec()["rateLimit"] = {
      {"average", limit.requests}, {"period", go_duration(limit.period_ms)}, {"burst", limit.requests}};
  return true;
}

const std::vector<TargetAction> kHaproxyActions = {
    {"haproxy-eg-rate-limit", "HAProxy's per-client rate limit as a local rate limit per client",
     act_eg_rate_limit},
    {"haproxy-traefik-rate-limit", "HAProxy's per-client rate limit as a rateLimit middleware",
     act_traefik_rate_limit},
};

}  // namespace

const std::vector<TargetAction>& haproxy_target_actions() { return kHaproxyActions; }

}  // namespace im
