// What the terminal sees: colours only where they can be shown and are
// wanted, and a progress line only on a terminal. Every run here has
// standard input and standard error on a pseudo-terminal, as a person at a
// shell has, with standard output in a pipe.

#include <catch2/catch.hpp>

#include <re2/re2.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

#include "cli.h"
#include "terminal_manners.h"
#include "util/text.h"

#include "golden_support.h"
#include "terminal_session.h"

using namespace im::testing;

namespace {

const std::string kQuickstart = std::string(IM_SOURCE_DIR) + "/examples/quickstart.yaml";

TerminalRun run_at_terminal(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  TerminalOptions options;
  options.env = env;
  options.env.push_back("PATH=/usr/bin:/bin");
  std::vector<std::string> argv{IM_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_on_terminal(argv, options);
}

const char* const kWarning = "examples/quickstart.yaml:13:1: \033[33mwarning\033[0m: Ingress store/shop has no class";
const char* const kInfo = "examples/quickstart.yaml:13:1: \033[36minfo\033[0m: the HTTPS redirect keeps";

}  // namespace

TEST_CASE("on a terminal, severities are coloured unless NO_COLOR, TERM=dumb or --color never", "[terminal]") {
  const std::vector<std::string> convert{"convert", "-f", kQuickstart};
  TerminalRun coloured = run_at_terminal(convert, {"TERM=xterm"});
  REQUIRE(!coloured.timed_out);
  CHECK(coloured.exit_status == 0);
  CHECK(coloured.terminal.find(kWarning) != std::string::npos);
  CHECK(coloured.terminal.find(kInfo) != std::string::npos);

  for (const auto& env : std::vector<std::vector<std::string>>{{"TERM=xterm", "NO_COLOR=1"}, {"TERM=dumb"}}) {
    INFO(env.back());
    TerminalRun plain = run_at_terminal(convert, env);
    CHECK(plain.exit_status == 0);
    CHECK(plain.terminal.find("\033") == std::string::npos);
    CHECK(plain.terminal.find("examples/quickstart.yaml:13:1: warning: Ingress store/shop has no class") !=
          std::string::npos);
  }
  TerminalRun never = run_at_terminal({"convert", "-f", kQuickstart, "--color", "never"}, {"TERM=xterm"});
  CHECK(never.terminal.find("\033") == std::string::npos);
  // NO_COLOR set but empty does not count (https://no-color.org).
  TerminalRun empty = run_at_terminal(convert, {"TERM=xterm", "NO_COLOR="});
  CHECK(empty.terminal.find(kWarning) != std::string::npos);
}

TEST_CASE("colour forced with --color always reaches a pipe, the report's verdicts too", "[terminal]") {
  GoldenRun lint = run_case(IM_SOURCE_DIR, {"lint", "-f", "examples/quickstart.yaml", "--color", "always"});
  CHECK(lint.out.find(kWarning) != std::string::npos);
  GoldenRun report = run_case(IM_SOURCE_DIR, {"report", "-f", "examples/quickstart.yaml", "--color", "always",
                                              "--controller", "istio"});
  CHECK(report.out.find("\033[") != std::string::npos);
  GoldenRun plain = run_case(IM_SOURCE_DIR, {"report", "-f", "examples/quickstart.yaml", "--controller", "istio"});
  CHECK(plain.out.find("\033") == std::string::npos);
}

TEST_CASE("the progress line shows on a terminal only, is erased, and -q silences it", "[terminal]") {
  // Enough Ingresses for a few redraws (ten a second); IM_PROGRESS_DELAY_MS=0
  // draws from the start instead of after a second.
  char tmpl[] = "/tmp/im-progress-XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  const std::string input = std::string(tmpl) + "/many.yaml";
  std::string yaml;
  for (int i = 0; i < 3000; ++i) {
    yaml += "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: app" + std::to_string(i) +
            "\n  namespace: shop\nspec:\n  ingressClassName: nginx\n  rules:\n  - host: app" + std::to_string(i) +
            ".example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n"
            "          service:\n            name: app\n            port:\n              number: 80\n";
  }
  write_text(input, yaml);

  TerminalRun live = run_at_terminal({"convert", "-f", input}, {"TERM=xterm", "IM_PROGRESS_DELAY_MS=0"});
  REQUIRE(!live.timed_out);
  CHECK(live.exit_status == 0);
  INFO(live.terminal.substr(0, 2000));
  CHECK(RE2::PartialMatch(live.terminal, "^\r\033\\[Kingress-migrate: read [0-9]+ documents? \\([0-9]+/s\\)"));
  // Erased before the findings, which follow on a clean line.
  CHECK(RE2::PartialMatch(live.terminal, "\\)[^\r]*\r\033\\[K/[^\r]*/many\\.yaml:2:1: "));
  CHECK(im::ends_with(live.terminal, "3000 Ingresses → 47 Gateways, 3000 HTTPRoutes; 0 errors, 0 warnings, 2 infos\r\n"));
  CHECK(live.out.find("kind: HTTPRoute\n") != std::string::npos);

  TerminalRun quiet = run_at_terminal({"convert", "-q", "-f", input}, {"TERM=xterm", "IM_PROGRESS_DELAY_MS=0"});
  CHECK(quiet.exit_status == 0);
  CHECK(quiet.terminal.empty());  // no progress, and -q leaves out warnings, infos and the summary

  TerminalRun dumb = run_at_terminal({"convert", "-f", input}, {"TERM=dumb", "IM_PROGRESS_DELAY_MS=0"});
  CHECK(dumb.terminal.find("read ") == std::string::npos);

  // Standard error in a pipe (the test's run_case): never a progress line.
  GoldenRun piped = run_case(IM_SOURCE_DIR, {"convert", "-f", input});
  CHECK(piped.err.find("read ") == std::string::npos);
  std::filesystem::remove_all(tmpl);
}

TEST_CASE("the progress line names the step after reading, then the objects written, and ends erased", "[terminal]") {
  ::setenv("IM_PROGRESS_DELAY_MS", "0", 1);
  std::istringstream in;
  std::ostringstream out, err;
  im::cli::Io io{in, out, err, /*err_is_tty=*/true};
  {
    im::cli::ProgressLine progress(io, im::cli::Manners{}, "ingress-migrate");
    for (int i = 0; i < 3; ++i) progress.document_read();
    progress.step("converting");
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    for (int i = 0; i < 5; ++i) progress.object_written();
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    progress.finish();
  }
  ::unsetenv("IM_PROGRESS_DELAY_MS");
  CHECK(RE2::PartialMatch(err.str(), "\r\033\\[Kingress-migrate: read 3 documents \\([0-9]+/s\\); converting"));
  CHECK(RE2::PartialMatch(err.str(), "\r\033\\[Kingress-migrate: read 3 documents \\([0-9]+/s\\); wrote 5 objects"));
  CHECK(im::ends_with(err.str(), "; wrote 5 objects\r\033[K"));
}

TEST_CASE("verbose runs (-v) say what was read and how fast, after the findings", "[terminal]") {
  GoldenRun run = run_case(IM_SOURCE_DIR, {"lint", "-v", "-o", "json", "-f", "examples/quickstart.yaml"});
  CHECK(run.exit_code == 0);
  CHECK(RE2::FullMatch(run.err, "ingress-migrate: read 4 documents in [0-9]+\\.[0-9]{2} s \\([0-9]+/s\\)\n"));
}
