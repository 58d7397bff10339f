// --exclude and .ingress-migrate-ignore patterns follow gitignore syntax.

#include <catch2/catch.hpp>

#include "parse/path_filter.h"

using im::PathFilter;

TEST_CASE("globs: * and ? stay in one folder, ** crosses folders, classes match one name character",
          "[input][exclude]") {
  CHECK(im::glob_match("*.yaml", "values.yaml"));
  CHECK(!im::glob_match("*.yaml", "chart/values.yaml"));
  CHECK(im::glob_match("**/values.yaml", "values.yaml"));
  CHECK(im::glob_match("**/values.yaml", "charts/shop/values.yaml"));
  CHECK(im::glob_match("charts/**", "charts/shop/templates/a.yaml"));
  CHECK(im::glob_match("a/**/b.yaml", "a/b.yaml"));
  CHECK(im::glob_match("a/**/b.yaml", "a/x/y/b.yaml"));
  CHECK(!im::glob_match("a/**/b.yaml", "ab.yaml"));
  CHECK(im::glob_match("v?.yaml", "v1.yaml"));
  CHECK(!im::glob_match("v?.yaml", "v/.yaml"));
  CHECK(im::glob_match("[a-c]*.yml", "b.yml"));
  CHECK(!im::glob_match("[!a-c]*.yml", "b.yml"));
}

TEST_CASE("ignore patterns: unanchored names match at any depth, a slash anchors, ! re-includes",
          "[input][exclude]") {
  PathFilter f;
  f.add_lines("# comment\n\nvalues.yaml\n/build\nvendor/\ndocs/*.yaml\n!docs/keep.yaml\n");
  CHECK(f.excluded("values.yaml", false));
  CHECK(f.excluded("charts/shop/values.yaml", false));
  CHECK(f.excluded("build", true));
  CHECK(!f.excluded("sub/build", true));           // anchored to the root
  CHECK(f.excluded("third/vendor", true));         // a folder at any depth
  CHECK(!f.excluded("vendor", false));             // "vendor/" matches folders only
  CHECK(f.excluded("docs/a.yaml", false));
  CHECK(!f.excluded("docs/keep.yaml", false));     // the last matching pattern decides
  CHECK(!f.excluded("docs/sub/a.yaml", false));    // "*" does not cross "/"
  CHECK(!f.excluded("deploy/ingress.yaml", false));
}
