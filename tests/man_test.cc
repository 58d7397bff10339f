// The man page is generated from the CLI definition; these tests keep the
// committed copy in sync and make sure it renders.

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <functional>
#include <sstream>

#include "cli.h"
#include "commands.h"
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

/// Every visible command path: {}, {"convert"}, {"rules", "list"}, ...
std::vector<std::vector<std::string>> command_paths() {
  std::istringstream in;
  std::ostringstream out, err;
  im::cli::Io io{in, out, err, false};
  im::cli::Context ctx{io, "ingress-migrate", {}};
  im::cli::Handler handler;
  auto app = im::cli::build_app(ctx, handler);
  std::vector<std::vector<std::string>> paths;
  std::function<void(const CLI::App&, std::vector<std::string>)> walk = [&](const CLI::App& a,
                                                                            std::vector<std::string> path) {
    paths.push_back(path);
    for (const CLI::App* sub : a.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); })) {
      auto next = path;
      next.push_back(sub->get_name());
      walk(*sub, next);
    }
  };
  walk(*app, {});
  return paths;
}

TEST_CASE("every option --help prints, for every subcommand, is in the man page", "[man]") {
  std::string man = run_cli({"man"});
  auto paths = command_paths();
  REQUIRE(paths.size() >= 6);  // the tool, convert, report, rules, rules list, rules explain
  size_t checked = 0;
  for (auto cmd : paths) {
    cmd.push_back("--help");
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
      ++checked;
    }
  }
  CHECK(checked >= 30);
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
