// lint's tables, suppression and renderers, and the properties of
// --in-place-stream and --findings-file that whole-output goldens cannot
// state on their own.

#include <catch2/catch.hpp>
#include <re2/re2.h>

#include <unistd.h>

#include <filesystem>
#include <set>
#include <sstream>

#include "cli.h"
#include "findings_render/render.h"
#include "golden_support.h"
#include "lint/checks.h"
#include "lint/linter.h"
#include "lint/tables.h"
#include "parse/document_splitter.h"

namespace fs = std::filesystem;
using namespace im;

TEST_CASE("the target version reads 1.N, v1.N and 1.N.P and nothing else", "[lint]") {
  CHECK(parse_kube_version("1.30")->str() == "1.30");
  CHECK(parse_kube_version("v1.22")->str() == "1.22");
  CHECK(parse_kube_version("1.19.4")->str() == "1.19");
  for (const char* bad : {"", "1", "2.0", "1.", ".3", "1.x", "1.30.", "v", "1.2.3.4", "1.99999"}) {
    INFO(bad);
    CHECK(!parse_kube_version(bad));
  }
}

TEST_CASE("the lint rules table has unique ids with a summary and help each", "[lint]") {
  std::set<std::string> ids;
  for (const RuleInfo& r : lint_rules()) {
    INFO(r.id);
    CHECK(ids.insert(r.id).second);
    CHECK(!r.summary.empty());
    CHECK(!r.help.empty());
  }
  CHECK(ids.count("removed-api-version"));
}

TEST_CASE("the removed-API table holds the Ingress and IngressClass removals in 1.22", "[lint]") {
  std::set<std::string> rows;
  for (const ApiLifecycle& a : api_lifecycles()) {
    rows.insert(a.api_version + " " + a.kind + " " + a.deprecated.str() + " " +
                (a.removed ? a.removed->str() : "-"));
  }
  CHECK(rows.count("extensions/v1beta1 Ingress 1.14 1.22"));
  CHECK(rows.count("networking.k8s.io/v1beta1 Ingress 1.19 1.22"));
  CHECK(rows.count("networking.k8s.io/v1beta1 IngressClass 1.19 1.22"));
}

TEST_CASE("every finding id in the golden outputs has a description for SARIF", "[lint]") {
  // A finding id the table and catalog do not know would reach SARIF
  // without help text; the goldens cover every path that reports.
  const re2::RE2 id(R"(: (?:error|warning|info): .* \[([a-z0-9-]+)\]$)");
  size_t seen = 0;
  for (const auto& dir : testing::golden_cases()) {
    for (const char* name : {"expected.stdout", "expected.stderr"}) {
      std::istringstream lines(testing::read_text(dir / name));
      for (std::string line; std::getline(lines, line);) {
        std::string rule_id;
        if (!re2::RE2::PartialMatch(line, id, &rule_id)) continue;
        ++seen;
        INFO(dir.string() << ": " << line);
        CHECK(describe_rule(rule_id));
      }
    }
  }
  CHECK(seen > 100);
}

namespace {

Finding finding(Severity s, const char* file, uint32_t line, std::string message, std::string id) {
  return Finding{s, Location{std::make_shared<const std::string>(file), line, 3}, std::move(message),
                 std::move(id), {}};
}

}  // namespace

TEST_CASE("GitHub workflow commands escape data and properties", "[lint][render]") {
  FindingsReport r;
  r.findings.push_back(finding(Severity::Warning, "a,b:c%.yaml", 2, "50% off\r\nnext", "x-rule"));
  r.findings.push_back(finding(Severity::Info, "f.yaml", 0, "whole file", "empty-input"));
  CHECK(render_github(r) ==
        "::warning file=a%2Cb%3Ac%25.yaml,line=2,col=3,title=x-rule::50%25 off%0D%0Anext [x-rule]\n"
        "::notice file=f.yaml,col=3,title=empty-input::whole file [empty-input]\n");
}

TEST_CASE("JUnit XML escapes markup and replaces control characters", "[lint][render]") {
  FindingsReport r;
  r.findings.push_back(finding(Severity::Error, "in.yaml", 1, "<a href=\"x\">&'\x01", "parse-error"));
  std::string xml = render_junit(r);
  CHECK(xml.find("message=\"&lt;a href=&quot;x&quot;&gt;&amp;&apos;\xEF\xBF\xBD [parse-error]\"") !=
        std::string::npos);
  CHECK(xml.find('\x01') == std::string::npos);
}

TEST_CASE("SARIF percent-encodes URIs and leaves out the region of whole-file findings",
          "[lint][render]") {
  FindingsReport r;
  r.findings.push_back(finding(Severity::Error, "<stdin>", 0, "m", "parse-error"));
  r.findings.push_back(finding(Severity::Info, "./dir/a b.yaml", 4, "m", "missing-path-type"));
  std::string sarif = render_sarif(r);
  CHECK(sarif.find("\"uri\": \"%3Cstdin%3E\"\n") != std::string::npos);
  CHECK(sarif.find("\"uri\": \"dir/a%20b.yaml\"") != std::string::npos);
  CHECK(sarif.find("\"startLine\": 4,\n") != std::string::npos);
  CHECK(sarif.find("\"level\": \"note\"") != std::string::npos);
}

TEST_CASE("suppression by --ignore and by annotation applies to its own object only", "[lint]") {
  ObjectSpan quiet;
  quiet.location = Location{std::make_shared<const std::string>("in.yaml"), 10, 1};
  quiet.last_line = 20;
  quiet.ignored = {"a-rule"};
  Findings all;
  all.warning(Location{quiet.location.origin, 12, 5}, "inside", "a-rule");
  all.warning(Location{quiet.location.origin, 21, 5}, "after", "a-rule");
  all.warning(Location{std::make_shared<const std::string>("other.yaml"), 12, 5}, "other file", "a-rule");
  all.warning(Location{quiet.location.origin, 12, 5}, "other rule", "b-rule");
  all.warning(Location{quiet.location.origin, 13, 5}, "flagged", "c-rule");
  Findings kept = without_suppressed(all, {quiet}, {"c-rule"});
  std::vector<std::string> messages;
  for (const auto& f : kept.items()) messages.push_back(f.message);
  CHECK(messages == std::vector<std::string>{"after", "other file", "other rule"});
}

TEST_CASE("in-place streams copy every non-Ingress document byte for byte, in order",
          "[lint][in-place]") {
  fs::path dir = testing::testdata_dir() / "convert-ci" / "in-place-stream";
  std::string input = testing::read_text(dir / "stream.yaml");
  testing::GoldenRun run = testing::run_case(dir);
  REQUIRE(run.exit_code == 0);
  DocumentSplitter splitter(input);
  Chunk chunk;
  size_t at = 0, kept = 0, replaced = 0;
  while (splitter.next(chunk)) {
    std::string text(chunk.text);
    if (text.find("\nkind: Ingress\n") != std::string::npos) {
      ++replaced;
      CHECK(run.out.find(text) == std::string::npos);
      continue;
    }
    size_t found = run.out.find(text, at);
    INFO(text);
    REQUIRE(found != std::string::npos);
    at = found + text.size();
    ++kept;
  }
  CHECK(kept == 6);
  CHECK(replaced == 2);
  CHECK(at == run.out.size());  // the last document ends the stream, unterminated as it came
}

TEST_CASE("a findings file gets the findings and stderr nothing", "[lint][convert]") {
  fs::path tmp = fs::temp_directory_path() / ("im-findings-" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  fs::path file = tmp / "findings.sarif";
  fs::path input = testing::testdata_dir() / "lint" / "no-class" / "input.yaml";
  std::istringstream in;
  std::ostringstream out, err;
  cli::Io io{in, out, err};
  int code = cli::run({"convert", "-f", input.string(), "--require-class", "--findings-format", "sarif", "--findings-file",
                       file.string()},
                      io);
  CHECK(code == 1);
  CHECK(err.str() == "");
  std::string sarif = testing::read_text(file);
  CHECK(sarif.find("\"ruleId\": \"no-ingress-class\"") != std::string::npos);
  fs::remove_all(tmp);
}

TEST_CASE("linting a cluster reports only what the upgrade from its version removes", "[lint]") {
  // kubectl returns objects in a version the cluster serves, so an API the
  // cluster already removed cannot be stored; one the window removes can.
  Inventory inventory;
  ObjectSpan ingress;
  ingress.api_version = "extensions/v1beta1";
  ingress.kind = "Ingress";
  ingress.ns = "shop";
  ingress.name = "web";
  ingress.api_version_location = Location{std::make_shared<const std::string>("cluster:prod/shop/Ingress/web"), 0, 0};
  std::vector<ObjectSpan> objects{ingress};
  auto messages = [&](std::optional<KubeVersion> current) {
    Findings findings;
    check_api_versions(LintContext{objects, inventory, *parse_kube_version("1.34"), current, {}}, findings);
    std::vector<std::string> out;
    for (const Finding& f : findings.items()) out.push_back(format_finding(f));
    return out;
  };
  CHECK(messages(parse_kube_version("1.21")) ==
        std::vector<std::string>{
            "cluster:prod/shop/Ingress/web: error: Ingress shop/web uses extensions/v1beta1, which "
            "Kubernetes 1.34 no longer serves (deprecated in 1.14, removed in 1.22); use networking.k8s.io/v1 "
            "Ingress before upgrading from 1.21 (fields change too: "
          "https://kubernetes.io/docs/reference/using-api/deprecation-guide/) [removed-api-version]"});
  CHECK(messages(parse_kube_version("1.22")).empty());
  CHECK(messages(std::nullopt).size() == 1);
}
