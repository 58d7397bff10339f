// Shell completion is generated from the CLI definition; these tests keep the
// committed scripts in sync and run the bash one in a real bash.

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
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
/// the word being completed), one candidate per line, sorted. The first word
/// is the binary under test, which the script asks (`__complete`).
std::string complete(const std::vector<std::string>& typed) {
  std::string words = std::string("'") + IM_BINARY + "'";
  for (const auto& w : typed) words += " '" + w + "'";
  std::string script = "source '" + kSource + "/completions/ingress-migrate.bash'\n" + "COMP_WORDS=(" + words +
                       ")\nCOMP_CWORD=" + std::to_string(typed.size()) +
                       "\n_ingress_migrate\n(( ${#COMPREPLY[@]} )) && printf '%s\\n' \"${COMPREPLY[@]}\" | LC_ALL=C sort\n"
                       "exit 0\n";
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
  // Flags are offered once a '-' is typed, as cobra does.
  CHECK(complete({""}) == "convert\nlint\nplan\nreport\nrules\nverify\n");
  CHECK(complete({"-"}) == "--help\n--version\n-h\n");
  CHECK(complete({"r"}) == "report\nrules\n");
  CHECK(complete({"rules", ""}) == "explain\nlist\n");
  CHECK(complete({"rules", "-"}) == "--color\n--help\n--quiet\n--verbose\n-h\n-q\n-v\n");
  CHECK(complete({"convert", "--from"}) == "--from-cluster\n");
  CHECK(complete({"convert", "--from-cluster", "--all"}) == "--all-namespaces\n--allow-snippets\n");
  CHECK(complete({"convert", "--from-cluster", "--all-"}) == "--all-namespaces\n");
  CHECK(complete({"convert", "--from-cluster", "-o", ""}) == "json\nyaml\n");
  CHECK(complete({"report", "--format", "m"}) == "markdown\n");
  CHECK(complete({"rules", "list", "--m"}) == "--markdown\n");
  // bash splits --flag=value at '='; the value is completed after it.
  CHECK(complete({"lint", "--output", "=", "s"}) == "sarif\n");
  CHECK(complete({"lint", "--color", ""}) == "always\nauto\nnever\n");
  CHECK(complete({"lint", "--fail-on", "w"}) == "warning\n");
  CHECK(complete({"plan", "-f", "x", "--group-by", ""}) == "host\ningress-class\nnamespace\n");
  CHECK(complete({"report", "--controller", "is"}) == "istio\n");
  CHECK(complete({"convert", "--target-controller", "envoy"}) == "envoy-gateway\n");
  CHECK(complete({"rules", "list", "--target-controller", ""}) == "aws-load-balancer-controller\nenvoy-gateway\ngke\nistio\nkgateway\nnginx-gateway-fabric\ntraefik\n");
  CHECK(complete({"rules", "list", "--controller", "k"}) == "kong\n");
  CHECK(complete({"rules", "explain", "rewrite-t"}) == "rewrite-target\n");
  CHECK(complete({"rules", "explain", "nginx.ingress.kubernetes.io/rewrite-t"}) ==
        "nginx.ingress.kubernetes.io/rewrite-target\n");
  CHECK(complete({"lint", "--ignore", "ingress-class-a"}) == "ingress-class-assumed\n");
  // Files: -f offers YAML and JSON files and directories, which end in '/'.
  CHECK(complete({"convert", "-f", kSource + "/exa"}) == kSource + "/examples/\n");
  CHECK(complete({"convert", "-f", kSource + "/examples/quick"}) == kSource + "/examples/quickstart.yaml\n");
  CHECK(complete({"convert", "-f", kSource + "/READ"}) == "");
  CHECK(complete({"convert", "--output-dir", kSource + "/ex"}) == kSource + "/examples/\n");
  CHECK(complete({"convert", "--output-dir", kSource + "/README"}) == "");
  CHECK(complete({"convert", "--report", kSource + "/README"}) == kSource + "/README.md\n");
  // A flag without known values offers nothing, not file names.
  CHECK(complete({"convert", "--gateway", ""}) == "");
}

TEST_CASE("contexts complete from the kubeconfig given on the line", "[completion]") {
  char tmpl[] = "/tmp/im-complete-XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  const std::string kubeconfig = std::string(tmpl) + "/config";
  im::testing::write_text(kubeconfig,
                          "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: "
                          "https://127.0.0.1:1\ncontexts:\n- name: prod-eu\n  context:\n    cluster: c\n"
                          "- name: prod-us\n  context:\n    cluster: c\n- name: staging\n  context:\n"
                          "    cluster: c\ncurrent-context: staging\nusers: []\n");
  CHECK(complete({"convert", "--from-cluster", "--kubeconfig", kubeconfig, "--context", "prod"}) ==
        "prod-eu\nprod-us\n");
  CHECK(complete({"convert", "--from-cluster", "--kubeconfig=" + kubeconfig, "--context", "=", ""}) ==
        "prod-eu\nprod-us\nstaging\n");
  std::filesystem::remove_all(tmpl);
}

TEST_CASE("__complete speaks cobra's protocol: values, then the directive", "[completion]") {
  auto complete_raw = [](const std::vector<std::string>& words) {
    std::vector<std::string> args{"__complete"};
    args.insert(args.end(), words.begin(), words.end());
    std::istringstream in;
    std::ostringstream out, err;
    im::cli::Io io{in, out, err, false};
    CHECK(im::cli::run(args, io) == 0);
    return out.str();
  };
  CHECK(complete_raw({"conv"}) == "convert\n:4\n");
  CHECK(complete_raw({"convert", "-f", "exa"}) == "yaml\nyml\njson\n:8\n");
  CHECK(complete_raw({"convert", "--output-dir", ""}) == ":16\n");
  CHECK(complete_raw({"convert", "--report", ""}) == ":0\n");
  CHECK(complete_raw({"convert", "--output=j"}) == "--output=json\n:4\n");
  CHECK(complete_raw({"convert", "--nope=j"}) == ":1\n");
  CHECK(complete_raw({"rules", "list", "-q", "--target-controller", "n"}) == "nginx-gateway-fabric\n:4\n");
  CHECK(complete_raw({}) == "convert\nlint\nplan\nreport\nrules\nverify\n:4\n");
}

TEST_CASE("the kubectl plugin completion helper hands the words to the plugin's __complete", "[completion]") {
  char tmpl[] = "/tmp/im-complete-XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  std::filesystem::create_symlink(IM_BINARY, std::string(tmpl) + "/kubectl-ingress_migrate");
  auto r = im::run_process({"/usr/bin/env", "PATH=" + std::string(tmpl) + ":/usr/bin:/bin", "sh",
                            kSource + "/completions/kubectl_complete-ingress_migrate", "convert", "--all-"});
  std::filesystem::remove_all(tmpl);
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

TEST_CASE("the zsh script hands the words to __complete and acts on the directive", "[completion]") {
  // compadd and _files exist only inside zsh's completion system; stand-ins
  // print what the script asked of them.
  std::string script = "compadd() { shift $(( ${@[(i)--]} )); print -l -- \"$@\"; }\n"
                       "_files() { print -r -- \"_files $*\"; }\n"
                       "compdef() { :; }\n"
                       "source '" + kSource + "/completions/_ingress-migrate'\n"
                       "words=('" + IM_BINARY + "' report --controller is); CURRENT=4; _ingress_migrate\n"
                       "words=('" + IM_BINARY + "' convert -f exa); CURRENT=4; _ingress_migrate\n"
                       "words=('" + IM_BINARY + "' convert --output-dir ex); CURRENT=4; _ingress_migrate\n"
                       "words=('" + IM_BINARY + "' lint --output=s); CURRENT=3; _ingress_migrate\n";
  auto r = im::run_process({"zsh", "-f", "-c", script});
  REQUIRE(r.started);
  INFO(r.err);
  CHECK(r.exit_status == 0);
  CHECK(r.out == "istio\n_files -g *.(yaml|yml|json)\n_files -/\n--output=sarif\n");
}
