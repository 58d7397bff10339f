#pragma once
// Go duration strings (time.ParseDuration), as Contour reads its timeout
// annotations, rewritten in Gateway API's Duration grammar.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace im {

/// time.ParseDuration: an optional sign, then one or more decimal numbers
/// each with a unit (ns, us, µs, μs, ms, s, m, h), e.g. "1h30m", "1.5s",
/// "300ms"; "0" alone is zero. In nanoseconds; nullopt when Go rejects the
/// string or the value overflows int64, as Go does.
std::optional<int64_t> parse_go_duration(std::string_view text);

/// A non-negative duration in Gateway API's Duration grammar
/// (^([0-9]{1,5}(h|m|s|ms)){1,4}$): "90s" -> "1m30s", 1500 ms -> "1s500ms",
/// zero -> "0s". nullopt when it cannot be written exactly: a part below a
/// millisecond, or more than 99999 hours.
std::optional<std::string> gateway_duration_from_nanos(int64_t nanos);

}  // namespace im
