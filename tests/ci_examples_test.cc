// The CI examples in docs/ci/ are tried against the tool's real output:
// every `ingress-migrate ...` command line in them must be the command line
// of a golden case under testdata/ci/ (which runs it on a sample repository
// and pins its whole output; the SARIF one is also schema-validated).

#include <catch2/catch.hpp>
#include <re2/re2.h>

#include <filesystem>
#include <set>
#include <sstream>

#include "golden_support.h"
#include "util/text.h"

namespace fs = std::filesystem;
using namespace im::testing;

namespace {

/// The words of each `ingress-migrate` command in `text`, up to the first
/// shell operator (redirection, pipe, ||, &&).
std::vector<std::vector<std::string>> commands_in(const std::string& text) {
  std::vector<std::vector<std::string>> out;
  const re2::RE2 command(R"((?:^|[\s:-])ingress-migrate ([^\n]*))");
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::string code = line.substr(0, line.find('#'));
    std::string rest;
    if (!re2::RE2::PartialMatch(code, command, &rest)) continue;
    std::vector<std::string> words;
    std::istringstream in(rest);
    for (std::string w; in >> w;) {
      if (w == ">" || w == "|" || w == "||" || w == "&&" || w == "2>") break;
      words.push_back(w);
    }
    out.push_back(words);
  }
  return out;
}

}  // namespace

TEST_CASE("every command line of the CI examples is a golden case", "[golden][ci]") {
  std::set<std::vector<std::string>> cases;
  for (const auto& dir : golden_cases()) {
    if (dir.parent_path().filename() == "ci") cases.insert(read_args(dir));
  }
  size_t checked = 0;
  for (const char* example : {"github-actions.yml", "gitlab-ci.yml"}) {
    auto commands = commands_in(read_text(fs::path(IM_SOURCE_DIR) / "docs" / "ci" / example));
    CHECK(commands.size() >= 2);
    for (const auto& words : commands) {
      INFO(example << ": ingress-migrate " << im::join(words, " "));
      CHECK(cases.count(words) == 1);
      ++checked;
    }
  }
  CHECK(checked == 5);
}
