// libFuzzer target for the rule-file loader (--rules): any bytes must load
// or fail with a RuleLoadError, never crash. A file that loads is then used
// the way convert uses it, on an Ingress carrying every rule's key with its
// example value, so that odd parameters reach the actions too.

#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "convert/converter.h"
#include "model/inventory.h"
#include "parse/document.h"
#include "rules/catalog.h"

namespace {

// A JSON Ingress (JSON is YAML) with one annotation per loaded rule.
std::string ingress_using(const im::Catalog& catalog) {
  nlohmann::json annotations = nlohmann::json::object();
  for (const auto& rule : catalog.rules()) {
    const im::Family* family = catalog.family(rule.controller);
    if (family == nullptr || family->prefixes.empty()) continue;
    annotations[family->prefixes.front() + rule.key] = rule.example;
  }
  const nlohmann::json backend = {{"service", {{"name", "web"}, {"port", {{"number", 80}}}}}};
  const nlohmann::json path = {{"path", "/"}, {"pathType", "Prefix"}, {"backend", backend}};
  const nlohmann::json rule = {{"host", "a.example.com"},
                               {"http", {{"paths", nlohmann::json::array({path})}}}};
  nlohmann::json ingress = {
      {"apiVersion", "networking.k8s.io/v1"},
      {"kind", "Ingress"},
      {"metadata", {{"name", "web"}, {"namespace", "apps"}, {"annotations", annotations}}},
      {"spec", {{"ingressClassName", "nginx"}, {"rules", nlohmann::json::array({rule})}}}};
  return ingress.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  im::Catalog catalog;
  try {
    catalog.load(text, "rules/fuzz.yaml");
  } catch (const im::RuleLoadError&) {
    return 0;
  }
  im::Findings findings;
  im::Inventory inventory;
  im::read_documents(ingress_using(catalog), std::make_shared<const std::string>("in.json"),
                     im::ParseLimits{}, findings, [&](im::Document&& doc) {
                       im::read_objects(doc, inventory, findings);
                       return true;
                     });
  inventory.sort();
  (void)im::convert(inventory, im::ConvertOptions{}, catalog, findings);
  return 0;
}
