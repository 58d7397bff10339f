// kubectl may have to ask the person at the terminal before it can read the
// cluster: an exec credential plugin asking for a device code, an OIDC login
// or a password. With --from-cluster on a terminal, kubectl gets the
// terminal as its standard input and what it writes to standard error is
// shown as it is written; otherwise the prompt would stay invisible until
// kubectl gave up.
//
// The real kubectl sends credentials only over TLS and the loopback API
// server of the plugin tests is plain HTTP, so a stand-in kubectl on PATH
// plays the exec plugin's part: it prompts on standard error, reads the code
// from standard input and then answers like kubectl.

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "golden_support.h"
#include "terminal_session.h"

namespace fs = std::filesystem;
using namespace im::testing;

namespace {

class PromptingKubectl {
 public:
  PromptingKubectl() {
    char tmpl[] = "/tmp/im-prompt-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    dir_ = tmpl;
    write_text(dir_ / "list.json",
               R"({"kind": "List", "apiVersion": "v1", "items": [{"apiVersion": "networking.k8s.io/v1",
 "kind": "Ingress", "metadata": {"name": "shop", "namespace": "store"},
 "spec": {"ingressClassName": "nginx", "rules": [{"host": "shop.example.com", "http": {"paths": [
  {"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "shop", "port": {"number": 80}}}}]}}]}}]})");
    write_text(dir_ / "kubectl",
               "#!/bin/sh\n"
               "# The first run logs in, as an exec credential plugin would.\n"
               "if [ ! -f '" + (dir_ / "code").string() + "' ]; then\n"
               "  printf 'To sign in, enter the code shown in your browser: ' >&2\n"
               "  read code || exit 1\n"
               "  echo \"$code\" > '" + (dir_ / "code").string() + "'\n"
               "  echo 'Signed in.' >&2\n"
               "fi\n"
               "case \"$1\" in\n"
               "  config) echo fake ;;\n"
               "  api-resources) printf 'ingresses.networking.k8s.io\\nservices\\n' ;;\n"
               "  get) cat '" + (dir_ / "list.json").string() + "' ;;\n"
               "esac\n");
    ::chmod((dir_ / "kubectl").c_str(), 0755);
  }
  ~PromptingKubectl() { fs::remove_all(dir_); }
  const fs::path& dir() const { return dir_; }

 private:
  fs::path dir_;
};

}  // namespace

TEST_CASE("on a terminal, kubectl's login prompt shows at once and reads the terminal", "[plugin][terminal]") {
  PromptingKubectl kubectl;
  TerminalOptions options;
  options.env = {"PATH=" + kubectl.dir().string() + ":/usr/bin:/bin", "HOME=" + kubectl.dir().string(),
                 "TERM=dumb"};
  options.replies = {{"enter the code shown in your browser: ", "4711\n"}};
  TerminalRun run = run_on_terminal({IM_BINARY, "convert", "--from-cluster", "-q"}, options);
  INFO(run.terminal);
  REQUIRE(!run.timed_out);
  CHECK(run.exit_status == 0);
  CHECK(read_text(kubectl.dir() / "code") == "4711\n");
  // Prompt, the echoed typing and kubectl's next line, as the person saw them.
  CHECK(run.terminal.find("To sign in, enter the code shown in your browser: 4711\r\nSigned in.\r\n") !=
        std::string::npos);
  CHECK(run.out.find("kind: HTTPRoute\n") != std::string::npos);
}

TEST_CASE("without a terminal, kubectl reads no input: a prompt fails at once instead of waiting", "[plugin]") {
  PromptingKubectl kubectl;
  TerminalOptions options;
  options.env = {"PATH=" + kubectl.dir().string() + ":/usr/bin:/bin", "HOME=" + kubectl.dir().string()};
  // Standard input is the terminal, but standard error is not: no one would
  // see the prompt, so kubectl gets no input.
  TerminalRun run = run_on_terminal({"/bin/sh", "-c", std::string(IM_BINARY) + " convert --from-cluster 2>&1"}, options);
  REQUIRE(!run.timed_out);
  CHECK(run.exit_status == 2);
  CHECK(run.out.find("cannot read the cluster: `kubectl config current-context` failed (exit status 1):\n"
                     "To sign in, enter the code shown in your browser:") != std::string::npos);
  CHECK(!fs::exists(kubectl.dir() / "code"));
}
