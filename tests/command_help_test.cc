// Every subcommand's --help ends with real examples and its own exit
// statuses; the examples are run here, so they cannot rot.

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "cli.h"
#include "command_help.h"
#include "commands.h"
#include "golden_support.h"
#include "util/text.h"

namespace fs = std::filesystem;

namespace {

struct Run {
  int code;
  std::string out, err;
};

Run run(const std::vector<std::string>& args) {
  std::istringstream in;
  std::ostringstream out, err;
  im::cli::Io io{in, out, err, false};
  int code = im::cli::run(args, io);
  return {code, out.str(), err.str()};
}

}  // namespace

TEST_CASE("every subcommand's help examples run: deploy/ stands for the bundled examples", "[help]") {
  char tmpl[] = "/tmp/im-help-XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  size_t ran = 0;
  for (const auto& spec : im::cli::commands()) {
    const auto& help = im::cli::command_help(spec.name);
    REQUIRE(help.examples.size() >= 2);
    REQUIRE(help.examples.size() <= 4);
    for (const auto& example : help.examples) {
      INFO(example.words);
      // A live cluster is not at hand; the shell redirection is not ours.
      if (example.words.find("--from-cluster") != std::string::npos) continue;
      std::string words = example.words.substr(0, example.words.find(" > "));
      std::vector<std::string> args;
      for (auto& word : im::split(words, ' ')) {
        if (word == "deploy/") word = std::string(IM_SOURCE_DIR) + "/examples/";
        if (word == "gateway/" || word == "cutover/") word = std::string(tmpl) + "/out-" + std::to_string(ran);
        args.push_back(word);
      }
      Run r = run(args);
      INFO(r.err);
      CHECK((r.code == 0 || r.code == 1));
      ++ran;
    }
  }
  fs::remove_all(tmpl);
  CHECK(ran >= 12);
}

TEST_CASE("--help ends with the subcommand's examples and exit statuses, choices shown once", "[help]") {
  Run lint = run({"lint", "--help"});
  CHECK(lint.code == 0);
  CHECK(im::ends_with(lint.out,
                      "Examples:\n"
                      "  # Check manifests before upgrading the cluster to Kubernetes 1.34\n"
                      "  ingress-migrate lint -f deploy/ --target-version 1.34\n"
                      "  # Findings as SARIF for code scanning\n"
                      "  ingress-migrate lint -f deploy/ -o sarif > lint.sarif\n"
                      "  # Fail on warnings too, and print only what fails\n"
                      "  ingress-migrate lint -f deploy/ --fail-on warning -q\n"
                      "\n"
                      "Exit status:\n"
                      "  0  no finding at or above --fail-on\n"
                      "  1  a finding at or above --fail-on\n"
                      "  2  bad usage, or an input that could not be read or parsed (the rest is still processed)\n"
                      "  3  internal error: an emitted object failed Gateway API validation (a bug; please report "
                      "it)\n\n"));
  Run convert = run({"convert", "--help"});
  CHECK(convert.out.find("  -o,--output FORMAT          Output format (yaml or json; default yaml)\n") !=
        std::string::npos);
  CHECK(convert.out.find("{yaml,json}") == std::string::npos);
  // The limits once, in their own group.
  CHECK(convert.out.find("\nLimits (hostile or huge input):\n  --max-depth N=256") != std::string::npos);
  // rules has its own exit statuses, not convert's.
  Run rules = run({"rules", "--help"});
  CHECK(im::ends_with(rules.out, "Exit status:\n  0  printed\n  2  bad usage, or no rule, finding id or controller "
                                 "by that name\n\n"));
}
