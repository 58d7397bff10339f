#pragma once
// The config of the Kong plugins the targets convert, read as Kong reads it.
// What each plugin did, from Kong's source
// (Kong/kong, kong/plugins/<name>/handler.lua and schema.lua):
// - rate-limiting counts the requests of each window (second, minute, hour,
//   day, month, year; windows that start on the clock) per identifier:
//   limit_by consumer (the default: the authenticated consumer, else its
//   credential), credential, ip, service (every client together), header
//   (that header's value) or path, falling back to the client address
//   (kong.client.get_forwarded_ip) where that is absent (get_identifier).
//   Each plugin instance counts apart (policies/init.lua: the key holds its
//   route); policy local counts in each Kong node, cluster and redis across
//   nodes; a refused request gets error_code (default 429).
// - ip-restriction refuses a client in `deny`, then one outside `allow`
//   (do_restrict; binary_remote_addr, the connection's peer unless Kong's
//   real_ip settings say otherwise), with `status` (default 403).
// - request-size-limiting refuses a body above allowed_payload_size
//   (default 128) size_units (megabytes = 2^20 bytes, kilobytes = 2^10)
//   with 413, judged by Content-Length or the body read;
//   require_content_length answers 411 to a request without one.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "model/kong_plugin.h"

namespace im {

/// A rate-limiting window: its config field, Envoy Gateway's unit, and a Go
/// duration ("" for the calendar month and year).
struct KongWindow {
  const char* kong;
  const char* unit;
  const char* duration;
};

struct KongRateLimit {
  std::vector<std::pair<const KongWindow*, uint64_t>> limits;  ///< shortest window first
  std::string limit_by;
  std::string header_name;
  std::string policy;
  uint64_t error_code = 429;
};

struct KongIpRestriction {
  std::vector<std::string> allow;  ///< CIDRs
  std::vector<std::string> deny;   ///< CIDRs
  uint64_t status = 403;
};

struct KongSizeLimit {
  uint64_t bytes = 0;
  std::string quantity;  ///< the same size as a Kubernetes quantity
  bool require_content_length = false;
};

/// Each reader returns false, with `why`, for a config the target cannot
/// write (a value Kong would refuse, or one no target can count).
bool read_kong_rate_limit(const KongPlugin& p, KongRateLimit& out, std::string& why);
bool read_kong_ip_restriction(const KongPlugin& p, KongIpRestriction& out, std::string& why);
bool read_kong_size_limit(const KongPlugin& p, KongSizeLimit& out, std::string& why);

/// Counted per client: the consumer and credential fall back to the client
/// address where no authentication plugin identified one.
bool kong_limits_per_client(const KongRateLimit& rl);

}  // namespace im
