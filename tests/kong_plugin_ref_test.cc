// konghq.com/plugins entries and the plugin objects they name, as KIC looks
// them up, and which standard findings a target's own judgement replaces.

#include <catch2/catch.hpp>

#include <memory>

#include "convert/filter_set.h"
#include "model/kong_plugin_ref.h"
#include "model/kong_request_transformer.h"
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

namespace im {

TEST_CASE("request-transformer: the header changes a filter makes, and each thing it does that none makes", "[kong]") {
  KongPlugin p;
  p.plugin = "request-transformer";
  p.config = nlohmann::ordered_json::parse(R"json({
    "remove": {"headers": ["X-Debug", ""], "querystring": ["q"]},
    "rename": {"headers": ["X-Old:X-New"]},
    "replace": {"headers": ["Host:api.internal", "X-Tenant:shop"], "uri": "/v2"},
    "add": {"headers": ["X-Source::edge", "X-Client:$(headers.user-agent)", "host:ignored"]},
    "append": {"headers": ["X-Hops:kong", "host:other"]},
    "http_method": "POST"
  })json");
  const KongRequestTransformer t = read_kong_request_transformer(p);
  CHECK(t.remove == std::vector<std::string>{"X-Debug"});
  CHECK(t.add == std::vector<std::pair<std::string, std::string>>{{"X-Source", "edge"}});
  CHECK(t.append == std::vector<std::pair<std::string, std::string>>{{"X-Hops", "kong"}});
  REQUIRE(t.host);
  CHECK(*t.host == "api.internal");
  CHECK(t.unmodelled == std::vector<std::string>{
                            "http_method: changes the request's method",
                            "remove.querystring: changes the request's query string",
                            "replace.uri: changes the upstream path",
                            "rename.headers X-Old:X-New: renames a header the client sent",
                            "replace.headers X-Tenant: changes the header only where the client sent it",
                            "add.headers X-Client: the template $(headers.user-agent) is rendered per request",
                            "append.headers host: sets the upstream Host",
                        });
}

TEST_CASE("a header filter's add list holds each name once and at most 16", "[filters]") {
  std::vector<std::pair<std::string, std::string>> add;
  CHECK(add_header(add, "X-Hops", "kong"));
  CHECK_FALSE(add_header(add, "x-hops", "again"));
  CHECK(add == std::vector<std::pair<std::string, std::string>>{{"X-Hops", "kong"}});
  for (int i = 1; i < 16; ++i) CHECK(add_header(add, "X-" + std::to_string(i), "v"));
  CHECK_FALSE(add_header(add, "X-17", "v"));
  CHECK(add.size() == 16);
  FilterSet f;
  f.request_add = {{"X-Hops", "kong"}};
  f.request_remove = {"Cookie"};
  CHECK(nlohmann::ordered_json(f.to_json()).dump() ==
        R"([{"type":"RequestHeaderModifier","requestHeaderModifier":{"add":[{"name":"X-Hops","value":"kong"}],)"
        R"("remove":["Cookie"]}}])");
}

}  // namespace im
