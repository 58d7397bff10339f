// konghq.com/plugins entries and the plugin objects they name, as KIC looks
// them up, and which standard findings a target's own judgement replaces.

#include <catch2/catch.hpp>

#include <memory>

#include "model/kong_plugin_ref.h"
#include "targets/kong_plugin_actions.h"

namespace im {
namespace {

KongPlugin plugin(const std::string& ns, const std::string& name, bool cluster = false) {
  KongPlugin p;
  p.ns = ns;
  p.name = name;
  p.cluster = cluster;
  p.plugin = "rate-limiting";
  return p;
}

Finding standard_finding(const Location& at, const std::string& label) {
  Finding f;
  f.severity = Severity::Error;
  f.location = at;
  f.message = "about " + label;
  f.rule_id = "kong-plugins";
  f.properties = {{"kongPlugin", label}};
  return f;
}

}  // namespace

TEST_CASE("konghq.com/plugins entries: the Ingress's namespace first, then a cluster plugin; ns:name only there",
          "[kong]") {
  const std::vector<KongPlugin> plugins = {plugin("shop", "limit"), plugin("ops", "audit")};
  const std::vector<KongPlugin> cluster = {plugin("", "limit", true), plugin("", "global", true)};
  const auto entries = kong_plugin_entries(" limit ,, global,ops:audit, ops:global,missing", "shop", plugins, cluster);
  REQUIRE(entries.size() == 5);
  CHECK(entries[0].text == "limit");
  CHECK(entries[0].plugin == &plugins[0]);  // the namespaced one wins over the cluster one
  CHECK(entries[1].plugin == &cluster[1]);
  CHECK(entries[2].qualified);
  CHECK(entries[2].ns == "ops");
  CHECK(entries[2].name == "audit");
  CHECK(entries[2].plugin == &plugins[1]);
  CHECK(entries[3].plugin == nullptr);  // ns:name names only a KongPlugin of that namespace
  CHECK(entries[4].plugin == nullptr);
  CHECK(entries[4].ns == "shop");
  CHECK(kong_plugin_label(plugins[0]) == "KongPlugin shop/limit");
  CHECK(kong_plugin_label(cluster[1]) == "KongClusterPlugin global");
}

TEST_CASE("a target's judgement of a plugin replaces only the standard finding about that plugin at that annotation",
          "[kong]") {
  const auto file = std::make_shared<const std::string>("input.yaml");
  const Location at{file, 9, 5};
  const Location elsewhere{file, 30, 5};
  KongPluginsJudged judged;
  CHECK_FALSE(judged.replaces(standard_finding(at, "KongPlugin shop/limit")));
  judged.insert(at, "KongPlugin shop/limit");
  CHECK(judged.replaces(standard_finding(at, "KongPlugin shop/limit")));
  CHECK_FALSE(judged.replaces(standard_finding(at, "KongPlugin shop/key-auth")));
  CHECK_FALSE(judged.replaces(standard_finding(elsewhere, "KongPlugin shop/limit")));
  Finding verdict = standard_finding(at, "KongPlugin shop/limit");
  verdict.catalog_verdict = true;  // the key's verdict is the target verdict's to replace
  CHECK_FALSE(judged.replaces(verdict));
  Finding other_rule = standard_finding(at, "KongPlugin shop/limit");
  other_rule.rule_id = "target-value-invalid";
  CHECK_FALSE(judged.replaces(other_rule));
}

}  // namespace im
