// The tool reads Secrets only to count them, and must never print their
// data, not even in an error about them. Every value in the fixtures under
// testdata/secrets/ contains TOPSECRET (its base64 form is VE9QU0VDUkVU...);
// the goldens pin each case's exact output, and this test makes the rule
// itself explicit, so a golden rewritten with a leak cannot pass.

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "golden_support.h"

namespace fs = std::filesystem;
using namespace im::testing;

TEST_CASE("no output or error message shows the data of a Secret", "[secrets]") {
  size_t cases = 0;
  for (const auto& e : fs::directory_iterator(testdata_dir() / "secrets")) {
    ++cases;
    DYNAMIC_SECTION(e.path().filename().string()) {
      const GoldenRun run = run_case(e.path());
      CHECK(!run.err.empty());  // every case has a broken Secret to report
      for (const char* secret : {"TOPSECRET", "VE9QU0VDUkVU"}) {
        CHECK(run.out.find(secret) == std::string::npos);
        CHECK(run.err.find(secret) == std::string::npos);
      }
    }
  }
  CHECK(cases >= 5);
}
