// The man page is generated from the CLI definition; these tests keep the
// committed copy in sync and make sure it renders.

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <sstream>

#include "cli.h"
#include "golden_support.h"

namespace {

std::string run_cli(const std::vector<std::string>& args) {
  std::istringstream in;
  std::ostringstream out, err;
  im::cli::Io io{in, out, err, false};
  im::cli::run(args, io);
  return out.str();
}

}  // namespace

TEST_CASE("the committed man page is the one the CLI generates", "[man]") {
  std::string committed = im::testing::read_text(std::string(IM_SOURCE_DIR) + "/man/ingress-migrate.1");
  CHECK(committed == run_cli({"man"}));
}

TEST_CASE("every option --help prints is in the man page", "[man]") {
  std::string man = run_cli({"man"});
  for (auto cmd : std::vector<std::vector<std::string>>{
           {"--help"}, {"convert", "--help"}, {"rules", "list", "--help"}, {"rules", "explain", "--help"}}) {
    std::string help = run_cli(cmd);
    REQUIRE(!help.empty());
    std::istringstream lines(help);
    for (std::string line; std::getline(lines, line);) {
      auto pos = line.find("--");
      if (pos == std::string::npos || line.find_first_not_of(' ') != line.find('-')) continue;
      std::string opt = line.substr(pos + 2, line.find_first_of(" ,=", pos) - pos - 2);
      if (opt == "help" || opt.empty()) continue;
      INFO(line);
      std::string escaped;
      for (char c : opt) escaped += c == '-' ? std::string("\\-") : std::string(1, c);
      CHECK(man.find("\\-\\-" + escaped) != std::string::npos);
    }
  }
}

TEST_CASE("the man page renders without groff warnings", "[man]") {
  std::string cmd = "groff -man -Tutf8 -ww -z " + std::string(IM_SOURCE_DIR) + "/man/ingress-migrate.1 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  std::array<char, 256> buf{};
  while (fgets(buf.data(), buf.size(), pipe)) output += buf.data();
  int status = pclose(pipe);
  CHECK(output.empty());
  CHECK(status == 0);
}
