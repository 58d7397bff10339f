#include "util/text.h"

#include <catch2/catch.hpp>

using im::split;
using Parts = std::vector<std::string>;

TEST_CASE("join puts the separator between parts only", "[util]") {
  CHECK(im::join({}, ", ") == "");
  CHECK(im::join({"a"}, ", ") == "a");
  CHECK(im::join({"a", "", "c"}, ", ") == "a, , c");
}

TEST_CASE("starts_with and ends_with compare bytes", "[util]") {
  CHECK(im::starts_with("nginx.ingress.kubernetes.io/x", "nginx.ingress"));
  CHECK(im::starts_with("abc", ""));
  CHECK_FALSE(im::starts_with("ab", "abc"));
  CHECK_FALSE(im::starts_with("Abc", "a"));
  CHECK(im::ends_with("route.yaml", ".yaml"));
  CHECK(im::ends_with("abc", ""));
  CHECK_FALSE(im::ends_with("c", "abc"));
  CHECK_FALSE(im::ends_with("route.yml", ".yaml"));
}

TEST_CASE("to_lower lowers ASCII and leaves other bytes alone", "[util]") {
  CHECK(im::to_lower("PathPrefix-ÄÖ 42") == "pathprefix-ÄÖ 42");
  CHECK(im::to_lower("") == "");
}

TEST_CASE("split keeps empty fields so join undoes it", "[util]") {
  CHECK(split("a,b,c", ',') == Parts{"a", "b", "c"});
  CHECK(split("a,,b", ',') == Parts{"a", "", "b"});
  CHECK(split(",a,", ',') == Parts{"", "a", ""});
  CHECK(split("", ',') == Parts{""});
  CHECK(split("abc", ',') == Parts{"abc"});
  for (const char* s : {"a,b", ",,", "", "x,"}) CHECK(im::join(split(s, ','), ",") == s);
}

TEST_CASE("trim removes ASCII whitespace at both ends only", "[util]") {
  CHECK(im::trim("  a b \t\r\n") == "a b");
  CHECK(im::trim("\v\fx") == "x");
  CHECK(im::trim(" \t\n ") == "");
  CHECK(im::trim("") == "");
  CHECK(im::trim("x") == "x");
}
