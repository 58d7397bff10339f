#include "convert/go_duration.h"

#include <limits>

namespace im {

namespace {

struct Unit {
  std::string_view name;
  int64_t nanos;
};

// Go's unitMap (src/time/format.go); longer names first so "ms" is not read
// as "m" followed by junk.
constexpr Unit kUnits[] = {{"ns", 1},
                           {"us", 1000},
                           {"\xC2\xB5s", 1000},  // U+00B5 micro sign
                           {"\xCE\xBCs", 1000},  // U+03BC Greek mu
                           {"ms", 1000 * 1000},
                           {"s", 1000 * 1000 * 1000},
                           {"m", 60LL * 1000 * 1000 * 1000},
                           {"h", 3600LL * 1000 * 1000 * 1000}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<int64_t> parse_go_duration(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return 0;
  if (s.empty()) return std::nullopt;
  // Summed as unsigned, as Go does, so that -9223372036854775808ns parses.
  const uint64_t limit = negative ? uint64_t{1} << 63 : uint64_t(std::numeric_limits<int64_t>::max());
  uint64_t total = 0;
  while (!s.empty()) {
    // The integer part, then an optional fraction; one of them has digits.
    uint64_t whole = 0;
    size_t i = 0;
    bool overflow = false;
    while (i < s.size() && is_digit(s[i])) {
      if (whole > (std::numeric_limits<uint64_t>::max() - 9) / 10) overflow = true;
      whole = whole * 10 + uint64_t(s[i] - '0');
      ++i;
    }
    const bool had_whole = i > 0;
    uint64_t fraction = 0;
    uint64_t scale = 1;
    bool had_fraction = false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      while (i < s.size() && is_digit(s[i])) {
        had_fraction = true;
        // Go drops digits past what the scale can hold (leadingFraction).
        if (scale <= std::numeric_limits<uint64_t>::max() / 10 / 10) {
          fraction = fraction * 10 + uint64_t(s[i] - '0');
          scale *= 10;
        }
        ++i;
      }
    }
    if (!had_whole && !had_fraction) return std::nullopt;
    if (overflow) return std::nullopt;
    s.remove_prefix(i);
    const Unit* unit = nullptr;
    for (const Unit& u : kUnits) {
      if (s.substr(0, u.name.size()) == u.name &&
          (unit == nullptr || u.name.size() > unit->name.size())) {
        unit = &u;
      }
    }
    // A unit is a run of non-digit, non-'.' characters that must be known.
    size_t unit_end = 0;
    while (unit_end < s.size() && !is_digit(s[unit_end]) && s[unit_end] != '.') ++unit_end;
    if (unit == nullptr || unit->name.size() != unit_end) return std::nullopt;
    s.remove_prefix(unit_end);
    const uint64_t per = uint64_t(unit->nanos);
    if (whole > limit / per) return std::nullopt;
    uint64_t value = whole * per;
    if (fraction > 0) {
      // fraction/scale of a unit, truncated to whole nanoseconds, in
      // float64 as Go computes it.
      value += uint64_t(double(fraction) * (double(per) / double(scale)));
      if (value > limit) return std::nullopt;
    }
    if (total > limit - value) return std::nullopt;
    total += value;
  }
  if (negative) return total == (uint64_t{1} << 63) ? std::numeric_limits<int64_t>::min() : -int64_t(total);
  return int64_t(total);
}

std::optional<std::string> gateway_duration_from_nanos(int64_t nanos) {
  constexpr int64_t kMs = 1000 * 1000;
  if (nanos < 0 || nanos % kMs != 0) return std::nullopt;
  int64_t ms = nanos / kMs;
  if (ms == 0) return "0s";
  const int64_t hours = ms / 3'600'000;
  if (hours > 99999) return std::nullopt;
  ms %= 3'600'000;
  const int64_t minutes = ms / 60'000;
  ms %= 60'000;
  const int64_t seconds = ms / 1000;
  ms %= 1000;
  std::string out;
  if (hours) out += std::to_string(hours) + "h";
  if (minutes) out += std::to_string(minutes) + "m";
  if (seconds) out += std::to_string(seconds) + "s";
  if (ms) out += std::to_string(ms) + "ms";
  return out;
}

}  // namespace im
