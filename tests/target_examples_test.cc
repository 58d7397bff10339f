// Every rule of every output profile (rules/targets/*.yaml), run on the
// catalog's example value of its key: the annotation must get the target's
// verdict (not an error, not the standard "not converted"), and every
// implementation object written must pass its vendored CRD's schema and CEL.

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "convert/class_resolver.h"
#include "convert/converter.h"
#include "golden_support.h"
#include "model/inventory.h"
#include "parse/document.h"
#include "rules/catalog.h"
#include "targets/apply_target.h"
#include "targets/profile.h"
#include "validate/validator.h"

namespace {

using namespace im;
using Json = nlohmann::ordered_json;

constexpr const char* kPrefix = "nginx.ingress.kubernetes.io/";

// The prefix a family's keys are written with: its first one
// (haproxy.org/ for HAProxy).
std::string prefix_of(const std::string& family) {
  if (family == "ingress-nginx") return kPrefix;
  const Family* f = Catalog::builtin().family(family);
  REQUIRE(f != nullptr);
  return f->prefixes.front();
}

// The key's golden case directory under testdata/targets/<target>/keys: the
// key itself for ingress-nginx's, the catalog rule id (haproxy-allow-list)
// for another family's.
std::string case_name(const TargetRule& rule) {
  if (rule.family == "ingress-nginx") return rule.key;
  const Rule* r = Catalog::builtin().find(prefix_of(rule.family) + rule.key);
  REQUIRE(r != nullptr);
  return r->id;
}

// A one-host Ingress with TLS (so the host has an HTTPS listener for the
// server-level keys) carrying `annotations` of `family`, of the class that
// family's controller installs with.
std::string ingress_with(const std::vector<std::pair<std::string, std::string>>& annotations,
                         const std::string& path = "/app", const std::string& family = "ingress-nginx") {
  std::string yaml = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: demo\n  namespace: demo\n";
  if (!annotations.empty()) yaml += "  annotations:\n";
  for (const auto& [k, v] : annotations) yaml += fmt::format("    {}{}: {}\n", prefix_of(family), k, Json(v).dump());
  yaml +=
      "spec:\n  ingressClassName: " + default_class_of(family) +
      "\n  tls:\n  - hosts: [demo.example.com]\n    secretName: demo-tls\n"
      "  rules:\n  - host: demo.example.com\n    http:\n      paths:\n      - path: " +
      Json(path).dump() +
      "\n        pathType: " + (path == "/app" ? "Prefix" : "ImplementationSpecific") +
      "\n        backend:\n          service: {name: web, port: {number: 80}}\n";
  return yaml;
}

struct Converted {
  ConversionOutput output;
  Findings findings;
};

Converted convert_for(const TargetProfile& profile, const std::string& yaml) {
  Converted c;
  Inventory inventory;
  read_documents(yaml, std::make_shared<const std::string>("example.yaml"), ParseLimits{}, c.findings,
                 [&](Document&& doc) {
                   read_objects(doc, inventory, c.findings);
                   return true;
                 });
  inventory.sort();
  const Catalog& catalog = Catalog::builtin();
  ConvertOptions convert_options;
  convert_options.regex_path_rewrite = !profile.regex_rewrite.empty();
  c.output = convert(inventory, convert_options, catalog, c.findings).output;
  TargetOptions options;
  options.allow_snippets = true;
  apply_target(inventory, catalog, profile, options, c.output, c.findings);
  return c;
}

}  // namespace

TEST_CASE("every target rule converts its key's catalog example into objects its CRDs accept", "[targets]") {
  const Catalog& catalog = Catalog::builtin();
  for (const TargetProfile& profile : target_profiles()) {
    for (const TargetRule& rule : profile.rules) {
      DYNAMIC_SECTION(profile.name << " " << rule.family << " " << rule.key) {
        const std::string prefix = prefix_of(rule.family);
        const Rule* r = catalog.find(prefix + rule.key);
        REQUIRE(r != nullptr);
        REQUIRE_FALSE((r->example.empty() && rule.example.empty()));
        // A key the controller reads from the backend Service (params.on:
        // service) goes on the Service "web" the Ingress routes to.
        const auto on = r->params.find("on");
        const bool on_service = on != r->params.end() && on->second == "service";
        const std::pair<std::string, std::string> example = {rule.key,
                                                             rule.example.empty() ? r->example : rule.example};
        std::vector<std::pair<std::string, std::string>> annotations;
        if (!on_service) annotations.push_back(example);
        for (const auto& [key, value] : rule.with) annotations.emplace_back(key, value);
        std::string input =
            ingress_with(annotations, rule.example_path.empty() ? "/app" : rule.example_path, rule.family);
        if (on_service) {
          input += fmt::format(
              "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: demo\n  annotations:\n"
              "    {}{}: {}\nspec:\n  ports:\n  - {{name: http, port: 80}}\n",
              prefix, example.first, Json(example.second).dump());
        }
        if (!rule.example_objects.empty()) input += "---\n" + rule.example_objects;
        const Converted c = convert_for(profile, input);

        const std::string verdict = fmt::format("{}{} is converted for {} {}", prefix, rule.key, profile.project,
                                                profile.version);
        std::vector<std::string> about_key;
        bool converted = false;
        for (const Finding& f : c.findings.items()) {
          if (f.message.rfind(prefix + rule.key, 0) != 0) continue;
          about_key.push_back(f.message);
          converted = converted || f.message.rfind(verdict, 0) == 0;
          CHECK(f.severity != Severity::Error);
        }
        INFO("findings about the key: " << fmt::format("{}", fmt::join(about_key, "\n")));
        CHECK(converted);
        for (const auto& v : c.output.vendor_objects) {
          INFO(v.object.dump());
          CHECK(validate_object(v.object).empty());
        }
      }
    }
  }
}

TEST_CASE("every key a target converts has its golden case under testdata/targets/<target>/keys", "[targets]") {
  namespace fs = std::filesystem;
  for (const TargetProfile& profile : target_profiles()) {
    std::set<std::string> keys;
    for (const TargetRule& rule : profile.rules) {
      const std::string name = case_name(rule);
      keys.insert(name);
      const fs::path input =
          fs::path(IM_SOURCE_DIR) / "testdata" / "targets" / profile.name / "keys" / name / "input.yaml";
      INFO(profile.name << " " << name << ": run scripts/refresh-target-key-cases");
      REQUIRE(fs::exists(input));
      CHECK(im::testing::read_text(input).find(fmt::format("    {}{}: ", prefix_of(rule.family), rule.key)) !=
            std::string::npos);
    }
    for (const auto& e : fs::directory_iterator(fs::path(IM_SOURCE_DIR) / "testdata" / "targets" / profile.name / "keys")) {
      INFO(e.path().string() << " belongs to no rule of " << profile.name);
      CHECK(keys.count(e.path().filename().string()) == 1);
    }
  }
}
