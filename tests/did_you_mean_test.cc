#include "util/did_you_mean.h"

#include <catch2/catch.hpp>

using im::did_you_mean;
using im::edit_distance;

TEST_CASE("edit_distance counts insertions, deletions, substitutions, transpositions",
          "[util]") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("redirect", "redirect") == 0);
  CHECK(edit_distance("redirect", "rediretc") == 1);  // one transposition
  CHECK(edit_distance("rewrite", "rewirte") == 1);
  CHECK(edit_distance("abcdef", "badcfe") == 3);
}

TEST_CASE("edit_distance lets a transposed pair be edited again", "[util]") {
  // Optimal string alignment would say 3 here: it cannot insert between the
  // transposed "ca" -> "ac".
  CHECK(edit_distance("ca", "abc") == 2);
}

TEST_CASE("did_you_mean suggests the closest candidate within the limit", "[util]") {
  const std::vector<std::string> actions = {"set-header", "rewrite-path", "redirect", "mirror"};
  CHECK(did_you_mean("redirct", actions) == "redirect");
  CHECK(did_you_mean("rewrite-paht", actions) == "rewrite-path");
  CHECK(did_you_mean("mirorr", actions) == "mirror");
  CHECK(did_you_mean("redirect", actions) == "redirect");
}

TEST_CASE("did_you_mean allows max(2, length / 3) edits", "[util]") {
  // 12 bytes: limit 4.
  CHECK(did_you_mean("abcdefghijkl", {"abcdefghWXYZ"}) == "abcdefghWXYZ");
  CHECK(did_you_mean("abcdefghijkl", {"abcdefgVWXYZ"}) == "");
  // Short input: limit 2.
  CHECK(did_you_mean("ab", {"xy"}) == "xy");
  CHECK(did_you_mean("abc", {"xyz"}) == "");
}

TEST_CASE("did_you_mean breaks ties by candidate order", "[util]") {
  CHECK(did_you_mean("cat", {"bat", "cot", "cab"}) == "bat");
  CHECK(did_you_mean("cat", {"cab", "bat"}) == "cab");
}

TEST_CASE("did_you_mean suggests nothing for empty input or no candidates", "[util]") {
  CHECK(did_you_mean("", {"a", "ab"}) == "");
  CHECK(did_you_mean("redirect", {}) == "");
  CHECK(did_you_mean("completely-unrelated", {"mirror"}) == "");
}
