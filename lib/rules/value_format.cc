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
  static const std::vector<std::string> formats = {"any", "bool", "int", "path", "string"};
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
  if (format == "string") {
    return value.empty() ? "expected a non-empty value" : "";
  }
  return "";
}

}  // namespace im
