// README examples are outputs the tool really printed: every fenced block
// after a `<!-- readme-test: KIND ARGS -->` comment is checked.
//   stdout ARGS         the block is the whole stdout of `ingress-migrate ARGS`
//   stdout-prefix ARGS  the block is how that stdout begins (an abridged example)
//   stderr ARGS         the block is the whole stderr
//   golden FILE         the block is FILE, a golden another test checks (kubectl runs)

#include <catch2/catch.hpp>

#include <sstream>

#include "golden_support.h"
#include "util/text.h"

namespace fs = std::filesystem;
using namespace im::testing;

namespace {

struct Example {
  std::string kind;
  std::vector<std::string> args;
  std::string block;
  size_t line = 0;
};

std::vector<Example> readme_examples() {
  std::istringstream in(read_text(fs::path(IM_SOURCE_DIR) / "README.md"));
  std::vector<Example> out;
  const std::string marker = "<!-- readme-test: ";
  size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (!im::starts_with(line, marker)) continue;
    Example ex;
    ex.line = number;
    std::string spec = line.substr(marker.size(), line.rfind(" -->") - marker.size());
    for (const auto& word : im::split(spec, ' ')) {
      if (ex.kind.empty()) {
        ex.kind = word;
      } else if (!word.empty()) {
        ex.args.push_back(word);
      }
    }
    std::string fence;
    std::getline(in, fence);
    ++number;
    REQUIRE(im::starts_with(fence, "```"));
    for (std::string body; std::getline(in, body) && body != "```";) {
      ++number;
      ex.block += body + "\n";
    }
    out.push_back(ex);
  }
  return out;
}

}  // namespace

TEST_CASE("README examples are what the tool prints", "[readme]") {
  auto examples = readme_examples();
  REQUIRE(examples.size() >= 4);
  for (const auto& ex : examples) {
    INFO("README.md:" << ex.line << ": " << ex.kind << " " << im::join(ex.args, " "));
    if (ex.kind == "golden") {
      REQUIRE(ex.args.size() == 1);
      CHECK(ex.block == read_text(fs::path(IM_SOURCE_DIR) / ex.args[0]));
      continue;
    }
    GoldenRun run = run_case(IM_SOURCE_DIR, ex.args);
    if (ex.kind == "stdout") {
      CHECK(ex.block == run.out);
    } else if (ex.kind == "stdout-prefix") {
      CHECK(ex.block == run.out.substr(0, ex.block.size()));
    } else if (ex.kind == "stderr") {
      CHECK(ex.block == run.err);
    } else {
      FAIL("unknown readme-test kind " << ex.kind);
    }
  }
}

TEST_CASE("the README's verify example passes: its one difference is explained", "[readme]") {
  GoldenRun run = run_case(IM_SOURCE_DIR, {"verify", "-f", "examples/quickstart.yaml"});
  CHECK(run.exit_code == 0);
  CHECK(im::ends_with(run.out, "18 probes: 0 unexpected, 1 explained, 0 uncertain, 17 same\n"));
  GoldenRun strict =
      run_case(IM_SOURCE_DIR, {"verify", "-f", "examples/quickstart.yaml", "--strict"});
  CHECK(strict.exit_code == 1);
}
