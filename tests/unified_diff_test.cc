// The line diff behind `convert --check`: whole outputs pinned.

#include <catch2/catch.hpp>

#include "util/unified_diff.h"

using im::unified_diff;

TEST_CASE("equal texts have no diff", "[diff]") { CHECK(unified_diff("a\nb\n", "a\nb\n", "x", "y") == ""); }

TEST_CASE("a one-character change is one hunk with three lines of context", "[diff]") {
  std::string a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
  std::string b = "1\n2\n3\n4\n5x\n6\n7\n8\n9\n";
  CHECK(unified_diff(a, b, "old", "new") ==
        "--- old\n+++ new\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+5x\n 6\n 7\n 8\n");
}

TEST_CASE("distant changes make separate hunks, near ones share a hunk", "[diff]") {
  std::string a, b;
  for (int i = 1; i <= 20; ++i) {
    a += std::to_string(i) + "\n";
    b += (i == 2 || i == 18 ? "x" : std::to_string(i)) + "\n";
  }
  CHECK(unified_diff(a, b, "a", "b") ==
        "--- a\n+++ b\n"
        "@@ -1,5 +1,5 @@\n 1\n-2\n+x\n 3\n 4\n 5\n"
        "@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+x\n 19\n 20\n");
  std::string c = "1\n2\n3\n4\n5\n6\n7\n";
  std::string d = "1\nx\n3\n4\n5\n6\ny\n";
  CHECK(unified_diff(c, d, "c", "d") == "--- c\n+++ d\n@@ -1,7 +1,7 @@\n 1\n-2\n+x\n 3\n 4\n 5\n 6\n-7\n+y\n");
}

TEST_CASE("added and removed files diff against empty text", "[diff]") {
  CHECK(unified_diff("", "a\nb\n", "/dev/null", "new.yaml") == "--- /dev/null\n+++ new.yaml\n@@ -0,0 +1,2 @@\n+a\n+b\n");
  CHECK(unified_diff("a\n", "", "old.yaml", "/dev/null") == "--- old.yaml\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-a\n");
}

TEST_CASE("a missing final newline is a difference and is marked", "[diff]") {
  CHECK(unified_diff("a\nb\n", "a\nb", "x", "y") ==
        "--- x\n+++ y\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n");
}

TEST_CASE("the edit script is a shortest one", "[diff]") {
  std::vector<std::string_view> a = {"a", "b", "c", "a", "b", "b", "a"};
  std::vector<std::string_view> b = {"c", "b", "a", "b", "a", "c"};
  auto script = im::diff_lines(a, b);
  size_t edits = 0;
  std::vector<std::string_view> rebuilt_a, rebuilt_b;
  for (const auto& l : script) {
    if (l.op != im::DiffLine::Op::Keep) ++edits;
    if (l.op != im::DiffLine::Op::Add) rebuilt_a.push_back(l.text);
    if (l.op != im::DiffLine::Op::Remove) rebuilt_b.push_back(l.text);
  }
  CHECK(edits == 5);  // Myers' own example: D = 5
  CHECK(rebuilt_a == a);
  CHECK(rebuilt_b == b);
}
