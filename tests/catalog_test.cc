// The annotation catalog: complete, tied to fixtures and docs, and strict
// about malformed rule files.

#include <catch2/catch.hpp>
#include <cstdlib>

#include <filesystem>
#include <set>

#include "golden_support.h"
#include "report/rules_doc.h"
#include "report/target_doc.h"
#include "rules/catalog.h"

namespace fs = std::filesystem;
using im::Catalog;
using im::RuleLoadError;

namespace {

std::string load_error(const std::string& text) {
  Catalog c;
  try {
    c.load(text, "rules/test.yaml");
  } catch (const RuleLoadError& e) {
    return e.what();
  }
  return "";
}

const char* kHeader = "controller: ingress-nginx\nprefixes: [\"nginx.ingress.kubernetes.io/\"]\nrules:\n";

}  // namespace

TEST_CASE("the built-in catalog has every catalogued key of the nine families", "[catalog]") {
  const Catalog& c = Catalog::builtin();
  // 525 catalogued keys, plus external-dns provider patterns, its v0.22 spellings,
  // ingress-hostname-source (carried to routes) and Contour's older request-timeout,
  // which its code still reads (internal/dag/policy.go ingressTimeoutPolicy).
  CHECK(c.rules().size() == 531);
  std::map<std::string, size_t> per_family;
  for (const auto& r : c.rules()) ++per_family[r.controller];
  CHECK(per_family == std::map<std::string, size_t>{{"aws-alb", 71},  {"contour", 20},
                                                    {"generic", 41},  {"gke", 27},
                                                    {"haproxy", 51},  {"ingress-nginx", 156},
                                                    {"kong", 32},     {"nginx-inc", 80},
                                                    {"traefik", 53}});
}

TEST_CASE("every rule has a summary and a golden fixture named by its id", "[catalog]") {
  for (const auto& r : Catalog::builtin().rules()) {
    INFO(r.id);
    CHECK(!r.summary.empty());
    fs::path dir = im::testing::testdata_dir() / "rules" / r.id;
    CHECK(fs::exists(dir / "args"));
    CHECK(fs::exists(dir / "expected.stdout"));
    CHECK(fs::exists(dir / "expected.stderr"));
  }
}

TEST_CASE("every fixture under testdata/rules belongs to a rule", "[catalog]") {
  std::set<std::string> ids;
  for (const auto& r : Catalog::builtin().rules()) ids.insert(r.id);
  for (const auto& e : fs::directory_iterator(im::testing::testdata_dir() / "rules")) {
    INFO(e.path().filename().string());
    CHECK(ids.count(e.path().filename().string()) == 1);
  }
}

TEST_CASE("docs/annotations.md is generated from the catalog", "[catalog]") {
  const fs::path doc = fs::path(IM_SOURCE_DIR) / "docs" / "annotations.md";
  if (std::getenv("IM_UPDATE_GOLDEN")) im::testing::write_text(doc, im::rules_markdown(Catalog::builtin()));
  CHECK(im::testing::read_text(doc) == im::rules_markdown(Catalog::builtin()));
}

TEST_CASE("keys match by family prefix, pattern and custom nginx prefix", "[catalog]") {
  const Catalog& c = Catalog::builtin();
  auto m = c.match("nginx.ingress.kubernetes.io/rewrite-target", "ingress-nginx");
  REQUIRE(m.rule != nullptr);
  CHECK(m.rule->id == "nginx-rewrite-target");
  // --annotations-prefix: the custom prefix replaces the default one.
  auto custom = c.match("custom.io/rewrite-target", "ingress-nginx", "custom.io");
  REQUIRE(custom.rule != nullptr);
  CHECK(custom.rule->id == "nginx-rewrite-target");
  CHECK(c.match("nginx.ingress.kubernetes.io/rewrite-target", "ingress-nginx", "custom.io").rule == nullptr);
  // Pattern keys.
  auto action = c.match("alb.ingress.kubernetes.io/actions.blue-green", "aws-alb");
  REQUIRE(action.rule != nullptr);
  CHECK(action.rule->key == "actions.*");
  // A known family with an unknown key.
  auto unknown = c.match("nginx.ingress.kubernetes.io/no-such-key", "ingress-nginx");
  CHECK(unknown.family != nullptr);
  CHECK(unknown.rule == nullptr);
  // Cross-controller keys resolve whatever the controller.
  auto cls = c.match("kubernetes.io/ingress.class", "traefik");
  REQUIRE(cls.rule != nullptr);
  CHECK(cls.rule->controller == "generic");
}

TEST_CASE("an unknown action is a load error at its position with a suggestion", "[catalog]") {
  CHECK(load_error(std::string(kHeader) +
                   "  - id: x\n    key: x\n    action: rewrite-targt\n    verdict: converted\n"
                   "    summary: s\n") ==
        "rules/test.yaml:6:13: error: unknown action \"rewrite-targt\" (did you mean \"rewrite-target\"?)");
}

TEST_CASE("per-value verdicts are checked like rule verdicts", "[catalog]") {
  const std::string rule = std::string(kHeader) +
                           "  - id: x\n    key: x\n    action: consumed\n    verdict: converted\n    summary: s\n";
  CHECK(load_error(rule + "    values:\n      A: {verdict: partial}\n") ==
        "rules/test.yaml:10:10: error: rule x: value A is partial but does not say what is lost");
  CHECK(load_error(rule + "    values:\n      A: {verdict: none, severity: fatal}\n") ==
        "rules/test.yaml:10:36: error: severity must be error or warning");
  CHECK(load_error(rule + "    values:\n      A: {verdit: none}\n") ==
        "rules/test.yaml:10:10: error: rule x: value A is missing \"verdict\"");
}

TEST_CASE("malformed rules are load errors with positions", "[catalog]") {
  CHECK(load_error(std::string(kHeader) + "  - id: x\n    key: x\n    actoin: consumed\n") ==
        "rules/test.yaml:6:5: error: unknown rule field \"actoin\" (did you mean \"action\"?)");
  CHECK(load_error(std::string(kHeader) + "  - id: x\n    key: x\n    action: consumed\n    summary: s\n") ==
        "rules/test.yaml:4:5: error: rule is missing \"verdict\"");
  CHECK(load_error(std::string(kHeader) +
                   "  - id: x\n    key: x\n    action: consumed\n    verdict: partial\n    summary: s\n") ==
        "rules/test.yaml:4:5: error: rule x is partial but does not say what is lost (\"lost\")");
  CHECK(load_error(std::string(kHeader) +
                   "  - id: x\n    key: x\n    action: not-converted\n    verdict: converted\n    summary: s\n") ==
        "rules/test.yaml:4:5: error: rule x: action not-converted goes with verdict none, and only with it");
  CHECK(load_error(std::string(kHeader) +
                   "  - id: x\n    key: x\n    action: consumed\n    verdict: convertd\n    summary: s\n") ==
        "rules/test.yaml:7:14: error: unknown verdict \"convertd\" (did you mean \"converted\"?)");
  CHECK(load_error(std::string(kHeader) +
                   "  - {id: x, key: x, action: consumed, verdict: converted, summary: s}\n"
                   "  - {id: x, key: y, action: consumed, verdict: converted, summary: s}\n") ==
        "rules/test.yaml:5:5: error: duplicate rule id \"x\"");
  CHECK(load_error("controller: x\nprefixes: [a/]\nrules: [\n") ==
        "rules/test.yaml:4:1: error: YAML syntax error: end of sequence flow not found [parse-error]");
}

TEST_CASE("rule files loaded with --rules override built-in rules by id", "[catalog]") {
  Catalog c = Catalog::builtin();
  c.load(std::string(kHeader) +
             "  - id: nginx-use-regex\n    key: use-regex\n    action: not-converted\n    verdict: none\n"
             "    summary: s\n    instead: i\n",
         "rules/local.yaml");
  // 525 catalogued keys, plus external-dns provider patterns, its v0.22 spellings,
  // ingress-hostname-source (carried to routes) and Contour's older request-timeout,
  // which its code still reads (internal/dag/policy.go ingressTimeoutPolicy).
  CHECK(c.rules().size() == 531);
  CHECK(c.find("nginx-use-regex")->verdict == im::Verdict::None);
}

TEST_CASE("docs/targets.md is generated from the catalog and the target profiles", "[catalog]") {
  const fs::path doc = fs::path(IM_SOURCE_DIR) / "docs" / "targets.md";
  if (std::getenv("IM_UPDATE_GOLDEN")) im::testing::write_text(doc, im::targets_markdown(Catalog::builtin()));
  CHECK(im::testing::read_text(doc) == im::targets_markdown(Catalog::builtin()));
}
