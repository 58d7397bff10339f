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

namespace {

bool writes_files(const fs::path& dir) {
  auto args = read_args(dir);
  return std::find(args.begin(), args.end(), kOutputDirToken) != args.end();
}

/// The same file list, then each file's whole content (one failure per file).
void check_tree(const std::map<std::string, std::string>& written,
                const std::map<std::string, std::string>& expected) {
  std::vector<std::string> written_paths, expected_paths;
  for (const auto& [path, text] : written) written_paths.push_back(path);
  for (const auto& [path, text] : expected) expected_paths.push_back(path);
  CHECK(written_paths == expected_paths);
  for (const auto& [path, text] : expected) {
    auto it = written.find(path);
    if (it == written.end()) continue;
    INFO(path);
    CHECK(it->second == text);
  }
}

}  // namespace

TEST_CASE("golden cases produce exactly the expected output", "[golden]") {
  const bool update = std::getenv("IM_UPDATE_GOLDEN") != nullptr;
  auto cases = golden_cases();
  REQUIRE(!cases.empty());
  for (const auto& dir : cases) {
    DYNAMIC_SECTION(dir.lexically_relative(testdata_dir()).string()) {
      GoldenRun run = run_case(dir);
      if (update) {
        write_text(dir / "expected.stdout", run.out);
        write_text(dir / "expected.stderr", run.err);
        write_text(dir / "expected.exit", std::to_string(run.exit_code) + "\n");
        if (writes_files(dir)) write_tree(dir / "expected.files", run.files);
        continue;
      }
      CHECK(run.err == read_text(dir / "expected.stderr"));
      CHECK(run.out == read_text(dir / "expected.stdout"));
      CHECK(std::to_string(run.exit_code) + "\n" == read_text(dir / "expected.exit"));
      if (writes_files(dir)) check_tree(run.files, read_tree(dir / "expected.files"));
    }
  }
}

TEST_CASE("every golden case's output is valid Gateway API (schema and CEL)", "[golden][crd]") {
  for (const auto& dir : golden_cases()) {
    DYNAMIC_SECTION(dir.lexically_relative(testdata_dir()).string()) {
      auto args = read_args(dir);
      if (args.empty() || args[0] != "convert") continue;  // only convert prints objects
      bool experimental = std::find(args.begin(), args.end(), "--experimental") != args.end();
      for (const auto& problem : validate_emitted(read_text(dir / "expected.stdout"), experimental)) {
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
