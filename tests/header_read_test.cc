// Reading only the header (apiVersion, kind) of documents the tool does not
// convert must never change what it reports: the same objects counted, the
// same findings at the same positions, limits hit at the same place.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "model/inventory.h"
#include "parse/document.h"

namespace {

// Skipped-object counts and findings after reading `text` with `options`.
std::string outcome(const std::string& text, const im::ReadOptions& options,
                    const im::ParseLimits& limits) {
  im::Findings findings;
  std::vector<im::Inventory> runs(options.threads);
  im::read_documents(text, std::make_shared<const std::string>("in.yaml"), limits, findings,
                     options, [&](size_t run, im::Document&& doc, im::Findings& run_findings) {
                       im::read_objects(doc, runs[run], run_findings);
                     });
  std::string out;
  for (auto& run : runs) {
    for (const auto& [kind, n] : run.skipped) out += kind + " x" + std::to_string(n) + "\n";
  }
  for (const auto& f : findings.items()) out += im::format_finding(f) + "\n";
  return out;
}

}  // namespace

TEST_CASE("documents read for their header only give the findings of whole documents",
          "[parse]") {
  const std::vector<std::string> documents = {
      "apiVersion: apps/v1\nkind: Deployment\nspec: {replicas: 2, template: {spec: [1, 2]}}\n",
      "kind: Deployment\n",
      "apiVersion: [apps, v1]\nkind: Deployment # comment\n",
      "apiVersion: v1\nkind: Secret\ndata: {a: b}\nkind: ConfigMap\n",
      "kind: Deployment\napiVersion: {group: apps}\n",
      "metadata: &m {name: x}\nkind: Deployment\nother: *m\n",
      "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
      "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nkind: Deployment\n",
      "a: &a [[[[1]]]]\nb: [*a]\nkind: Deployment\n",
      "a: &a [1, *a]\nkind: Deployment\n",
      "kind: Deployment\nx: [[[[[[1]]]]]]\n",
      "kind: Deployment\nx: \"abcdefghijklmnopqrstuvwxyz\"\n",
      "kind: Deployment\nx: [\n",
      "k: &k Deployment\nkind: *k\n",
      "? [complex, key]\n: v\nkind: Deployment\n",
      "kind: Deployment\n? kind\n: Other\n",
      "- kind: Deployment\n",
      "kind: Deployment\nkind: Job\n",
      "apiVersion: v1\nkind: Service\nspec: {ports: [{port: x}]}\n",
      "kind: Deployment\nx: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,\n"
      "   21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40]\n",
      "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: [*a, *a, *a]\nkind: Deployment\n",
      "kind: Deployment\nmetadata: {name: a, name: b}\n",
      "k: &k x\nkind: Deployment\nx: 1\n*k : 2\n",
      "kind: Deployment\nkind: Deployment\napiVersion: v1\napiVersion: apps/v1\n",
      "kind: Deployment\nx: {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, a: 0}\n",
      "base: &b {apiVersion: apps/v1}\n<<: *b\nkind: Deployment\n",
      "kind: Deployment\nx: {<<: 5}\n",
  };
  std::string stream;
  for (const auto& d : documents) stream += "---\n" + d;
  im::ParseLimits limits;
  limits.max_depth = 5;
  limits.max_alias_nodes = 50;
  limits.max_scalar_bytes = 20;
  limits.max_nodes = 40;
  im::ReadOptions whole;
  whole.threads = 2;
  im::ReadOptions headers = whole;
  headers.needs_body = im::needs_body;
  const std::string expected = outcome(stream, whole, limits);
  CHECK(outcome(stream, headers, limits) == expected);
  // Each document alone, too, so that one cannot hide another's mistake.
  for (const auto& d : documents) {
    DYNAMIC_SECTION(d) { CHECK(outcome(d, headers, limits) == outcome(d, whole, limits)); }
  }
}
