// The standard library's regex backtracks (exponential time on hostile patterns or input, and
// deep recursion that overflows the stack); every regular expression goes
// through RE2, which runs in linear time. This keeps it that way.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

TEST_CASE("no source file uses the standard library regex, RE2 is the only regex engine", "[source]") {
  // Spelled in pieces so that this file does not find itself.
  const std::vector<std::string> needles = {"std::" + std::string("regex"),
                                            "<" + std::string("regex>")};
  std::vector<std::string> offenders;
  size_t scanned = 0;
  for (const char* dir : {"lib", "app", "tests", "fuzz", "bench"}) {
    for (const auto& e : fs::recursive_directory_iterator(fs::path(IM_SOURCE_DIR) / dir)) {
      const auto ext = e.path().extension();
      if (!e.is_regular_file() || (ext != ".cc" && ext != ".h")) continue;
      ++scanned;
      std::ifstream in(e.path());
      std::stringstream text;
      text << in.rdbuf();
      for (const auto& needle : needles) {
        if (text.str().find(needle) != std::string::npos) {
          offenders.push_back(e.path().lexically_relative(IM_SOURCE_DIR).string() + ": " + needle);
        }
      }
    }
  }
  CHECK(scanned > 100);
  CHECK(offenders == std::vector<std::string>{});
}
