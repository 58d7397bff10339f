#include "rules/value_format.h"

#include <algorithm>

namespace im {

std::optional<bool> parse_go_bool(const std::string& s) {
  static const char* const kTrue[] = {"1", "t", "T", "TRUE", "true", "True"};
  static const char* const kFalse[] = {"0", "f", "F", "FALSE", "false", "False"};
  for (const char* t : kTrue) {
    if (s == t) return true;
  }
  for (const char* f : kFalse) {
    if (s == f) return false;
  }
  return std::nullopt;
}

std::optional<long long> parse_int(const std::string& s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  long long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

const std::vector<std::string>& value_formats() {
  static const std::vector<std::string> formats = {"any",  "bool",     "cidr-list", "duration",
                                                   "int",  "lowercase", "path",    "regex",
                                                   "size", "string", "url"};
  return formats;
}

std::string check_value(const std::string& format, const std::string& value) {
  if (format == "bool") {
    return parse_go_bool(value) ? "" : "expected true or false";
  }
  if (format == "int") {
    return parse_int(value) ? "" : "expected a non-negative integer";
  }
  if (format == "path") {
    if (value.empty()) return "expected a path";
    return "";
  }
  if (format == "duration") {
    // nginx-style: plain seconds ("60") or with a unit ("60s", "5m", "500ms").
    size_t i = 0;
    while (i < value.size() && value[i] >= '0' && value[i] <= '9') ++i;
    std::string unit = value.substr(i);
    if (i == 0 || !(unit.empty() || unit == "ms" || unit == "s" || unit == "m" || unit == "h")) {
      return "expected a duration such as 60, 60s, 5m or 500ms";
    }
    return "";
  }
  if (format == "size") {
    size_t i = 0;
    while (i < value.size() && value[i] >= '0' && value[i] <= '9') ++i;
    std::string unit = value.substr(i);
    if (i == 0 || unit.size() > 1 || (unit.size() == 1 && std::string("kKmMgG").find(unit) == std::string::npos)) {
      return "expected a size such as 8k, 1m or 1024";
    }
    return "";
  }
  if (format == "url") {
    return value.find("://") == std::string::npos ? "expected a URL" : "";
  }
  if (format == "cidr-list" || format == "regex") {
    return value.empty() ? "expected a value" : "";
  }
  if (format == "lowercase") {
    // Kong's protocol names, compared case-sensitively (KIC util/protocol.go).
    if (value.empty()) return "expected a non-empty value";
    for (char c : value) {
      if (c >= 'A' && c <= 'Z') return "expected lower case";
    }
    return "";
  }
  if (format == "string") {
    return value.empty() ? "expected a non-empty value" : "";
  }
  return "";
}

}  // namespace im
