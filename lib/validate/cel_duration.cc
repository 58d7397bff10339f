// The CEL duration() and quantity() readings the vendor and Gateway API rules
// compare (declared in cel_support.h).

#include <cctype>
#include <optional>
#include <string>

#include "validate/cel_support.h"

namespace im::validate::cel {

// Go time.ParseDuration restricted to integer amounts, which is all the
// Duration pattern admits; anything else returns nullopt and the pattern
// check reports it.
std::optional<int64_t> duration_ns(const std::string* s) {
  if (!s || s->empty()) return std::nullopt;
  int64_t total = 0;
  size_t i = 0;
  while (i < s->size()) {
    int64_t amount = 0;
    const size_t start = i;
    while (i < s->size() && (*s)[i] >= '0' && (*s)[i] <= '9' && i - start < 15) {
      amount = amount * 10 + ((*s)[i++] - '0');
    }
    if (i == start) return std::nullopt;
    const size_t unit_start = i;
    while (i < s->size() && std::isalpha(static_cast<unsigned char>((*s)[i]))) ++i;
    const std::string_view unit = std::string_view(*s).substr(unit_start, i - unit_start);
    int64_t scale = 0;
    if (unit == "h")
      scale = 3600'000'000'000;
    else if (unit == "m")
      scale = 60'000'000'000;
    else if (unit == "s")
      scale = 1'000'000'000;
    else if (unit == "ms")
      scale = 1'000'000;
    else if (unit == "us")
      scale = 1'000;
    else if (unit == "ns")
      scale = 1;
    else
      return std::nullopt;
    total += amount * scale;
  }
  return total;
}

std::optional<long double> quantity_value(const std::string& s) {
  size_t digits = 0;
  while (digits < s.size() && std::isdigit(static_cast<unsigned char>(s[digits]))) ++digits;
  if (digits == 0 || digits > 18) return std::nullopt;
  const long double amount = std::stold(s.substr(0, digits));
  const std::string suffix = s.substr(digits);
  static const std::pair<const char*, long double> kSuffixes[] = {
      {"", 1.0L},       {"Ki", 1024.0L},  {"Mi", 1048576.0L}, {"Gi", 1073741824.0L}, {"Ti", 1099511627776.0L},
      {"Pi", 1125899906842624.0L}, {"Ei", 1152921504606846976.0L}, {"k", 1e3L}, {"M", 1e6L},
      {"G", 1e9L},      {"T", 1e12L},     {"P", 1e15L},       {"E", 1e18L}};
  for (const auto& [name, scale] : kSuffixes) {
    if (suffix == name) return amount * scale;
  }
  return std::nullopt;
}

}  // namespace im::validate::cel
