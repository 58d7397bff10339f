// convert_for_targets (report) shares one conversion between output
// profiles that would convert alike; each result must be exactly what
// convert_for_target (convert --target-controller) makes on its own.

#include <catch2/catch.hpp>

#include <optional>
#include <sstream>
#include <utility>

#include "driver/convert_job.h"
#include "driver/load.h"
#include "emit/objects.h"
#include "emit/yaml_writer.h"
#include "golden_support.h"

namespace {

/// The objects and findings of one conversion, as text.
std::string describe(const im::ConversionResult& result, im::Findings findings) {
  std::string text;
  im::for_each_object(result.output, [&](const nlohmann::ordered_json& obj) { text += "---\n" + im::to_yaml(obj); });
  findings.sort_and_dedupe();
  for (const auto& f : findings.items()) text += im::format_finding(f) + "\n";
  text += "ingresses " + std::to_string(result.stats.ingresses) + ", converted " +
          std::to_string(result.stats.converted_ingresses) + "\n";
  return text;
}

/// With `from_standard`, the profiles start from the standard conversion as
/// `report` passes it (its findings sorted, as run_convert leaves them).
void check_shared_equals_separate(const std::string& case_name, bool from_standard) {
  const std::string input = (im::testing::testdata_dir() / "convert" / case_name / "input.yaml").string();
  std::istringstream no_stdin;
  im::Findings load_findings;
  im::LoadResult load = im::load_inputs({input}, no_stdin, im::ParseLimits{}, load_findings);
  load.inventory.assign_namespace("default");
  const im::Catalog& catalog = im::Catalog::builtin();
  const std::vector<std::string> targets = {"envoy-gateway", "", "istio", "kgateway", "nginx-gateway-fabric", "traefik"};
  std::vector<std::string> shared(targets.size());
  size_t calls = 0;
  std::optional<std::pair<im::ConversionResult, im::Findings>> standard;
  if (from_standard) {
    im::Findings findings = load_findings;
    im::ConversionResult result = im::convert(load.inventory, im::ConvertOptions{}, catalog, findings);
    findings.sort_and_dedupe();
    standard.emplace(std::move(result), std::move(findings));
  }
  im::convert_for_targets(
      load.inventory, im::ConvertOptions{}, catalog, targets, im::TargetOptions{}, load_findings,
      [&](size_t i, im::ConversionResult& result, im::Findings& findings) {
        ++calls;
        shared[i] = describe(result, findings);
      },
      std::move(standard));
  CHECK(calls == targets.size());
  for (size_t i = 0; i < targets.size(); ++i) {
    INFO("target \"" << targets[i] << "\"");
    im::Findings findings = load_findings;
    im::ConversionResult alone =
        im::convert_for_target(load.inventory, im::ConvertOptions{}, catalog, targets[i], im::TargetOptions{}, findings);
    CHECK(shared[i] == describe(alone, findings));
  }
}

}  // namespace

TEST_CASE("profiles that share a conversion get what each would get alone, without a capture-group rewrite",
          "[report][targets]") {
  check_shared_equals_separate("annotations-core", false);
  check_shared_equals_separate("annotations-core", true);
}

TEST_CASE("profiles get what each would get alone where a capture-group rewrite makes Envoy Gateway's differ",
          "[report][targets]") {
  check_shared_equals_separate("rewrite-capture", false);
  check_shared_equals_separate("rewrite-capture", true);
}
