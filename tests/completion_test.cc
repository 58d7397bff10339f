// Shell completion is generated from the CLI definition; these tests keep the
// committed scripts in sync and run the bash one in a real bash.

#include <catch2/catch.hpp>

#include <sstream>

#include "cli.h"
#include "cluster/process.h"
#include "golden_support.h"

namespace {

std::string generated(const std::string& shell) {
  std::istringstream in;
  std::ostringstream out, err;
  im::cli::Io io{in, out, err, false};
  im::cli::run({"completion", shell}, io);
  return out.str();
}

const std::string kSource = IM_SOURCE_DIR;

/// What bash completion offers for the words typed so far (the last one is
/// the word being completed), one candidate per line, sorted.
std::string complete(const std::vector<std::string>& typed) {
  std::string words = "ingress-migrate";
  for (const auto& w : typed) words += " '" + w + "'";
  std::string script = "source '" + kSource + "/completions/ingress-migrate.bash'\n" + "COMP_WORDS=(" + words +
                       ")\nCOMP_CWORD=" + std::to_string(typed.size()) +
                       "\n_ingress_migrate\nprintf '%s\\n' \"${COMPREPLY[@]}\" | LC_ALL=C sort\n";
  auto r = im::run_process({"bash", "--norc", "--noprofile", "-c", script});
  REQUIRE(r.started);
  INFO(r.err);
  REQUIRE(r.exit_status == 0);
  return r.out;
}

}  // namespace

TEST_CASE("the committed completion scripts are the ones the CLI generates", "[completion]") {
  CHECK(im::testing::read_text(kSource + "/completions/ingress-migrate.bash") == generated("bash"));
  CHECK(im::testing::read_text(kSource + "/completions/_ingress-migrate") == generated("zsh"));
  CHECK(im::testing::read_text(kSource + "/completions/kubectl_complete-ingress_migrate") == generated("kubectl"));
}

TEST_CASE("bash completes subcommands, their flags and flag values", "[completion]") {
  CHECK(complete({""}) == "--help\n--version\n-h\nconvert\nlint\nplan\nreport\nrules\nverify\n");
  CHECK(complete({"r"}) == "report\nrules\n");
  CHECK(complete({"rules", ""}) == "--color\n--help\n--quiet\n--verbose\n-h\n-q\n-v\nexplain\nlist\n");
  CHECK(complete({"convert", "--from"}) == "--from-cluster\n");
  CHECK(complete({"convert", "--from-cluster", "--all"}) == "--all-namespaces\n--allow-snippets\n");
  CHECK(complete({"convert", "--from-cluster", "--all-"}) == "--all-namespaces\n");
  CHECK(complete({"convert", "--from-cluster", "-o", ""}) == "json\nyaml\n");
  CHECK(complete({"report", "--format", "m"}) == "markdown\n");
  CHECK(complete({"rules", "list", "--m"}) == "--markdown\n");
  // A file argument completes file names.
  CHECK(complete({"convert", "-f", kSource + "/examples/quick"}) == kSource + "/examples/quickstart.yaml\n");
}

TEST_CASE("the kubectl plugin completion helper answers in kubectl's protocol", "[completion]") {
  auto r = im::run_process({"bash", kSource + "/completions/kubectl_complete-ingress_migrate", "convert", "--all-"});
  REQUIRE(r.started);
  CHECK(r.exit_status == 0);
  CHECK(r.out == "--all-namespaces\n:4\n");
}

TEST_CASE("the zsh completion script parses", "[completion]") {
  auto r = im::run_process({"zsh", "-n", kSource + "/completions/_ingress-migrate"});
  REQUIRE(r.started);  // scripts/install-deps installs zsh
  CHECK(r.err == "");
  CHECK(r.exit_status == 0);
}
