// Go duration strings (Contour's timeout annotations) and their Gateway API
// Duration spelling.

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "convert/contour_timeout.h"
#include "convert/go_duration.h"

TEST_CASE("Go durations parse as time.ParseDuration does", "[contour]") {
  using im::parse_go_duration;
  const int64_t ms = 1000 * 1000, s = 1000 * ms, m = 60 * s, h = 60 * m;
  CHECK(parse_go_duration("0") == 0);
  CHECK(parse_go_duration("30s") == 30 * s);
  CHECK(parse_go_duration("1m30s") == 90 * s);
  CHECK(parse_go_duration("1.5s") == 1500 * ms);
  CHECK(parse_go_duration(".5m") == 30 * s);
  CHECK(parse_go_duration("1.s") == s);
  CHECK(parse_go_duration("2h45m30s500ms") == 2 * h + 45 * m + 30 * s + 500 * ms);
  CHECK(parse_go_duration("100us") == 100 * 1000);
  CHECK(parse_go_duration("100\xC2\xB5s") == 100 * 1000);
  CHECK(parse_go_duration("100\xCE\xBCs") == 100 * 1000);
  CHECK(parse_go_duration("7ns") == 7);
  CHECK(parse_go_duration("-1.5h") == -90 * m);
  CHECK(parse_go_duration("+3s") == 3 * s);
  CHECK(parse_go_duration("9223372036854775807ns") == std::numeric_limits<int64_t>::max());
  CHECK(parse_go_duration("-9223372036854775808ns") == std::numeric_limits<int64_t>::min());
  // What Go rejects.
  for (const char* bad : {"", "30", "s", ".s", "1x", "1.5", "1s2", "infinity", "1 s", "9223372036854775808ns",
                          "3000000h", "--1s", "1sm"}) {
    INFO(bad);
    CHECK(parse_go_duration(bad) == std::nullopt);
  }
}

TEST_CASE("durations are spelled in the Gateway API Duration grammar", "[contour]") {
  using im::gateway_duration_from_nanos;
  const int64_t ms = 1000 * 1000, s = 1000 * ms, h = 3600 * s;
  CHECK(gateway_duration_from_nanos(0) == "0s");
  CHECK(gateway_duration_from_nanos(30 * s) == "30s");
  CHECK(gateway_duration_from_nanos(90 * s) == "1m30s");
  CHECK(gateway_duration_from_nanos(1500 * ms) == "1s500ms");
  CHECK(gateway_duration_from_nanos(2 * h + 500 * ms) == "2h500ms");
  CHECK(gateway_duration_from_nanos(99999 * h + 59 * 60 * s + 59 * s + 999 * ms) == "99999h59m59s999ms");
  // Not exactly writable: below a millisecond, past 99999h, negative.
  CHECK(gateway_duration_from_nanos(100 * 1000) == std::nullopt);
  CHECK(gateway_duration_from_nanos(s + 1) == std::nullopt);
  CHECK(gateway_duration_from_nanos(100000 * h) == std::nullopt);
  CHECK(gateway_duration_from_nanos(-s) == std::nullopt);
}

TEST_CASE("Contour duration values are read as internal/timeout Parse reads them", "[contour]") {
  using im::contour_duration;
  using Kind = im::ContourDuration::Kind;
  const auto infinite = contour_duration("infinity");
  CHECK(infinite.kind == Kind::Infinite);
  CHECK(infinite.gateway == "0s");
  CHECK(contour_duration("infinite").kind == Kind::Infinite);
  const auto value = contour_duration("1.5s");
  CHECK(value.kind == Kind::Value);
  CHECK(value.nanos == 1'500'000'000);
  CHECK(value.gateway == "1s500ms");
  CHECK(contour_duration("0s").kind == Kind::Zero);
  CHECK(contour_duration("0").kind == Kind::Zero);
  CHECK(contour_duration("-5s").kind == Kind::Invalid);
  CHECK(contour_duration("soon").kind == Kind::Invalid);
  CHECK(contour_duration("").kind == Kind::Invalid);
  const auto fine = contour_duration("1500us");
  CHECK(fine.kind == Kind::Unwritable);
  CHECK(fine.nanos == 1'500'000);
}
