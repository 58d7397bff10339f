// Golden tests: every folder testdata/<area>/<case>/ holds
//   args              the command line, one argument per line (paths relative to the folder)
//   stdin             (optional) standard input
//   expected.stdout, expected.stderr, expected.exit
//   expected.files/   (when args name $OUTPUT_DIR) every file written there
// The test runs the CLI in-process from inside the folder and compares whole
// outputs. IM_UPDATE_GOLDEN=1 rewrites the expected files instead (review
// the diff before committing).

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "golden_support.h"

namespace fs = std::filesystem;
using namespace im::testing;

TEST_CASE("golden cases produce exactly the expected output", "[golden]") {
  auto cases = golden_cases();
  REQUIRE(!cases.empty());
  for (const auto& dir : cases) {
    DYNAMIC_SECTION(dir.lexically_relative(testdata_dir()).string()) {
      check_golden(dir, run_case(dir));
    }
  }
}

TEST_CASE("every golden case's output is valid Gateway API (schema and CEL)", "[golden][crd]") {
  for (const auto& dir : golden_cases()) {
    DYNAMIC_SECTION(dir.lexically_relative(testdata_dir()).string()) {
      auto args = read_args(dir);
      if (args.empty() || args[0] != "convert") continue;  // only convert prints objects
      auto has = [&](const char* flag) { return std::find(args.begin(), args.end(), flag) != args.end(); };
      if (has("--check")) continue;  // stdout is a diff
      for (const auto& problem : validate_emitted(read_text(dir / "expected.stdout"), has("--experimental"),
                                                  has("--in-place-stream"))) {
        FAIL_CHECK(problem);
      }
    }
  }
}

TEST_CASE("convert is deterministic: same bytes twice and with inputs reversed", "[golden]") {
  // testdata/convert holds the multi-input and ordering cases; the one-file
  // rule fixtures add nothing here but run time.
  for (const auto& dir : golden_cases()) {
    auto args = read_args(dir);
    if (args.empty() || args[0] != "convert" || dir.parent_path().filename() != "convert") continue;
    DYNAMIC_SECTION(dir.lexically_relative(testdata_dir()).string()) {
      GoldenRun first = run_case(dir);
      GoldenRun second = run_case(dir);
      CHECK(first.out == second.out);
      CHECK(first.err == second.err);
      auto reversed = reverse_inputs(args);
      if (reversed != args) {
        GoldenRun rev = run_case(dir, reversed);
        CHECK(rev.out == first.out);
        CHECK(rev.err == first.err);
        CHECK(rev.exit_code == first.exit_code);
      }
    }
  }
}
