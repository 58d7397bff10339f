#pragma once
// Readers of ingress-nginx annotation groups that more than one target
// writes (basic auth, the auth service URL, cookie affinity, hash keys,
// retry triggers). Each reads the annotation and its siblings as
// ingress-nginx does and returns false after reporting why not at the
// annotation being converted (or quietly, where a sibling is at fault and
// reports itself); the target actions then write their own objects.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "targets/target_actions.h"

namespace im {

/// A duration the Envoy-based CRDs accept (^([0-9]{1,5}(h|m|s|ms)){1,4}$)
/// for a number of seconds: 172800 -> "48h", 90 -> "1m30s".
std::string seconds_hms(uint64_t seconds);

/// auth-type basic + auth-secret: the htpasswd Secret (ns empty = the
/// Ingress's own). `implementation` names the target in the digest message.
bool read_basic_auth(const TargetActionContext& c, const std::string& implementation, std::string& ns,
                     std::string& name);

/// auth-url as a cluster Service: http://SVC.NS.svc[.cluster.local][:PORT]/PATH.
struct AuthService {
  std::string name;
  std::string ns;
  int port = 80;
  std::string path;  ///< "/" when the URL has none
};
bool read_auth_url(const TargetActionContext& c, AuthService& out);

/// A literal header value for Envoy's header formatter, which ext_authz
/// headers_to_add goes through: % is escaped as %%. False for values with
/// nginx variables, which have no literal value.
bool literal_header_value(const std::string& v, std::string& out);

/// auth-proxy-set-headers: the entries of the ConfigMap it names
/// ("namespace/name", authreq/main.go) that are a header name with a literal
/// value, in key order. The others are left out with an error at the
/// annotation; false when none is left (or the ConfigMap is not in the input).
bool read_auth_proxy_headers(const TargetActionContext& c, const std::string& implementation,
                             std::vector<std::pair<std::string, std::string>>& out);

/// The address list being converted (an allow or deny list: the rule's
/// params allow-keys / deny-keys name another family's, newest name first),
/// as CIDRs. False, after reporting, when it cannot be, or when a newer name
/// of the same list is set and wins (allowlist-source-range over its
/// deprecated twin whitelist-source-range, annotations/ipallowlist/main.go).
bool read_own_source_list(const TargetActionContext& c, std::vector<std::string>& out);

/// The list being converted (read_own_source_list), and both lists of the
/// Ingress; a list that is unreadable is empty here (its own annotation
/// reports).
struct SourceRanges {
  std::vector<std::string> allow;
  std::vector<std::string> deny;
};
bool read_source_ranges(const TargetActionContext& c, SourceRanges& out);

/// limit-rps or limit-rpm with limit-burst-multiplier (annotations/
/// ratelimit/main.go: default multiplier 5). Implementations with one limit
/// per route take limit-rps over limit-rpm: converting limit-rpm with
/// limit-rps set is an error naming the one written.
struct RateLimit {
  uint64_t rate = 0;  ///< requests per second, or per minute
  bool per_minute = false;
  uint64_t burst = 0;  ///< rate x multiplier
};
bool read_rate_limit(const TargetActionContext& c, const std::string& one_limit_per, RateLimit& out);

/// A comma-separated list of header names (auth-response-headers).
bool read_header_names(const TargetActionContext& c, std::vector<std::string>& out);

/// affinity: cookie and its session-cookie-* siblings
/// (annotations/sessionaffinity/main.go).
struct CookieAffinity {
  std::string name;  ///< INGRESSCOOKIE by default
  uint64_t ttl_seconds = 0;  ///< max-age, else expires; 0 = a session cookie
  std::optional<std::string> path;
  std::optional<std::string> domain;
  std::optional<std::string> same_site;  ///< None, Lax or Strict
  bool secure = false;
};
bool read_cookie_affinity(const TargetActionContext& c, CookieAffinity& out);
/// A cookie attribute value a proxy writes as is after "NAME=" (Envoy) or
/// checks and drops silently (Go's net/http): no separator, space or
/// control character that would end the attribute early.
bool cookie_attribute_value(const std::string& v);

/// upstream-hash-by as a hash on one request property (balancer.lua chash).
struct HashKey {
  enum class Kind { SourceIP, Header, Cookie } kind = Kind::SourceIP;
  std::string name;  ///< header or cookie name
};
/// `implementation` names the target in the message for other variables.
bool read_hash_key(const TargetActionContext& c, const std::string& implementation, HashKey& out);

/// load-balance as ingress-nginx picks its balancer (balancer.lua
/// get_implementation): cookie affinity, then upstream-hash-by, then
/// load-balance; an error naming the one that wins, or an unknown value.
enum class Balancer { RoundRobin, Ewma };
bool read_load_balance(const TargetActionContext& c, Balancer& out);

/// proxy-next-upstream as Envoy retry triggers: error/timeout/invalid_header
/// -> connect-failure and reset, http_NNN -> retriable-status-codes with the
/// code; off stops retries.
struct RetryTriggers {
  bool off = false;
  std::vector<std::string> triggers;
  std::vector<uint64_t> status_codes;
};
bool read_retry_triggers(const TargetActionContext& c, const std::string& value, RetryTriggers& out);

}  // namespace im
