#include "targets/kong_plugin_config.h"

#include <fmt/format.h>

#include <cmath>
#include <tuple>

#include <nlohmann/json.hpp>

#include "convert/filter_set.h"
#include "targets/target_actions.h"
#include "util/text.h"

namespace im {
namespace {

using Json = nlohmann::ordered_json;

const Json* config_field(const KongPlugin& p, const char* name) {
  if (!p.config.is_object()) return nullptr;
  auto it = p.config.find(name);
  if (it == p.config.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string text_field(const KongPlugin& p, const char* name, const char* fallback) {
  const Json* v = config_field(p, name);
  return v && v->is_string() ? v->get<std::string>() : fallback;
}

// A whole number from 1 to `max` (Kong's numbers may be fractional).
bool whole_in_range(const Json& v, uint64_t max, uint64_t& out) {
  if (v.is_number_unsigned()) {
    out = v.get<uint64_t>();
  } else if (v.is_number_integer()) {
    const long long n = v.get<long long>();
    if (n < 1) return false;
    out = static_cast<uint64_t>(n);
  } else if (v.is_number_float()) {
    const double d = v.get<double>();
    if (!(d >= 1 && d <= static_cast<double>(max)) || d != std::floor(d)) return false;
    out = static_cast<uint64_t>(d);
  } else {
    return false;
  }
  return out >= 1 && out <= max;
}

// The status a plugin refuses with; `fallback` when unset.
bool status_field(const KongPlugin& p, const char* name, uint64_t fallback, uint64_t& out, std::string& why) {
  out = fallback;
  const Json* v = config_field(p, name);
  if (!v) return true;
  if (!whole_in_range(*v, 999, out) || out < 100) {
    why = fmt::format("config.{} is not an HTTP status", name);
    return false;
  }
  return true;
}

const KongWindow kWindows[] = {{"second", "Second", "1s"}, {"minute", "Minute", "1m"}, {"hour", "Hour", "1h"},
                           {"day", "Day", "24h"},      {"month", "Month", ""},     {"year", "Year", ""}};

}  // namespace

bool read_kong_rate_limit(const KongPlugin& p, KongRateLimit& out, std::string& why) {
  for (const KongWindow& w : kWindows) {
    const Json* v = config_field(p, w.kong);
    if (!v) continue;
    uint64_t n = 0;
    if (!whole_in_range(*v, 4294967295ULL, n)) {
      why = fmt::format("config.{} is not a whole number of requests from 1 to 4294967295", w.kong);
      return false;
    }
    out.limits.emplace_back(&w, n);
  }
  if (out.limits.empty()) {
    why = "its config sets no limit (second, minute, hour, day, month or year)";
    return false;
  }
  out.limit_by = text_field(p, "limit_by", "consumer");
  if (out.limit_by != "consumer" && out.limit_by != "credential" && out.limit_by != "ip" &&
      out.limit_by != "service" && out.limit_by != "header" && out.limit_by != "path") {
    why = fmt::format("config.limit_by \"{}\" is none of consumer, credential, ip, service, header, path",
                      escape_control(out.limit_by));
    return false;
  }
  out.header_name = text_field(p, "header_name", "");
  if (out.limit_by == "header" && !is_header_name(out.header_name)) {
    why = "limit_by header needs a header name in config.header_name";
    return false;
  }
  out.policy = text_field(p, "policy", "local");
  return status_field(p, "error_code", 429, out.error_code, why);
}

bool kong_limits_per_client(const KongRateLimit& rl) {
  return rl.limit_by == "consumer" || rl.limit_by == "credential" || rl.limit_by == "ip";
}

namespace {

// config.allow / config.deny (Kong before 3.0 also read whitelist/blacklist).
bool read_address_list(const KongPlugin& p, const char* name, const char* old_name, std::vector<std::string>& out,
                       std::string& why) {
  const Json* v = config_field(p, name);
  if (!v) v = config_field(p, old_name);
  if (!v) return true;
  std::vector<std::string> items;
  for (const Json& item : v->is_array() ? *v : Json::array({*v})) {
    if (!item.is_string()) {
      why = fmt::format("config.{} holds something other than addresses", name);
      return false;
    }
    items.push_back(item.get<std::string>());
  }
  if (items.empty()) return true;
  std::string bad;
  if (!cidr_list(join(items, ","), out, bad)) {
    why = fmt::format("config.{}: {}", name, bad);
    return false;
  }
  return true;
}

}  // namespace

bool read_kong_ip_restriction(const KongPlugin& p, KongIpRestriction& out, std::string& why) {
  if (!read_address_list(p, "allow", "whitelist", out.allow, why)) return false;
  if (!read_address_list(p, "deny", "blacklist", out.deny, why)) return false;
  if (out.allow.empty() && out.deny.empty()) {
    why = "its config lists no address to allow or deny";
    return false;
  }
  return status_field(p, "status", 403, out.status, why);
}

bool read_kong_size_limit(const KongPlugin& p, KongSizeLimit& out, std::string& why) {
  uint64_t size = 128;
  if (const Json* v = config_field(p, "allowed_payload_size")) {
    if (!whole_in_range(*v, 4294967295ULL, size)) {
      why = "config.allowed_payload_size is not a whole number from 1 to 4294967295";
      return false;
    }
  }
  const std::string unit = text_field(p, "size_unit", "megabytes");
  static const std::tuple<const char*, uint64_t, const char*> kUnits[] = {
      {"bytes", 1, ""}, {"kilobytes", 1024, "Ki"}, {"megabytes", 1048576, "Mi"}};
  for (const auto& [name, factor, suffix] : kUnits) {
    if (unit != name) continue;
    out.bytes = size * factor;
    out.quantity = std::to_string(size) + suffix;
  }
  if (out.quantity.empty()) {
    why = fmt::format("config.size_unit \"{}\" is none of bytes, kilobytes, megabytes", escape_control(unit));
    return false;
  }
  const Json* need = config_field(p, "require_content_length");
  out.require_content_length = need && need->is_boolean() && need->get<bool>();
  return true;
}

}  // namespace im
