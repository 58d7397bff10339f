#include "emit/yaml_writer.h"

#include <cmath>
#include <limits>

#include <catch2/catch.hpp>
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

using Json = nlohmann::ordered_json;

namespace {

Json http_route() {
  return Json::parse(R"({
    "apiVersion": "gateway.networking.k8s.io/v1",
    "kind": "HTTPRoute",
    "metadata": {
      "name": "shop",
      "namespace": "default",
      "labels": {},
      "annotations": {"ingress-migrate/source": "ingress/shop", "note": "a: b"}
    },
    "spec": {
      "parentRefs": [{"name": "gateway", "sectionName": "https"}],
      "hostnames": ["shop.example.com", "*.shop.example.com"],
      "rules": [
        {
          "matches": [{"path": {"type": "PathPrefix", "value": "/api"}},
                      {"path": {"type": "Exact", "value": "/"}}],
          "filters": [{"type": "URLRewrite",
                       "urlRewrite": {"path": {"type": "ReplacePrefixMatch",
                                               "replacePrefixMatch": "/"}}}],
          "backendRefs": [{"name": "api", "port": 8080, "weight": 100}]
        },
        {"backendRefs": [], "timeouts": {"request": "10s"}}
      ]
    },
    "status": {}
  })");
}

const char* const kHttpRouteYaml = R"(apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: shop
  namespace: default
  labels: {}
  annotations:
    ingress-migrate/source: ingress/shop
    note: "a: b"
spec:
  parentRefs:
  - name: gateway
    sectionName: https
  hostnames:
  - shop.example.com
  - "*.shop.example.com"
  rules:
  - matches:
    - path:
        type: PathPrefix
        value: /api
    - path:
        type: Exact
        value: /
    filters:
    - type: URLRewrite
      urlRewrite:
        path:
          type: ReplacePrefixMatch
          replacePrefixMatch: /
    backendRefs:
    - name: api
      port: 8080
      weight: 100
  - backendRefs: []
    timeouts:
      request: 10s
status: {}
)";

// Every string the writer must get right; each is written as a key and as a
// value and read back with yaml-cpp.
const std::vector<std::string> kTricky = {
    "", "true", "True", "TRUE", "false", "yes", "No", "ON", "off", "y", "Y", "n", "N",
    "null", "Null", "NULL", "~", "0", "123", "-1", "+1", "0x1F", "0o17", "0b101", "1e3",
    "1E-3", "1.5", ".5", "-.5", "+.", ".", ".inf", "-.Inf", ".NaN", "inf", "nan", "+inf", "08", "1_000",
    "1:20", "12:30:45", "2024-01-02", "2024-1-2 10:00:00", "1.2.3", "<<", "=",
    " x", "x ", "  x", "x  ", " ", "a: b", "a:", "a:b", "a::b", "#x", "x #y", "x#y",
    "\"q\"", "'q'", "\\", "\\n", "%x", "@x", "`x`", "- x", "-x", "-", "---", "--- x",
    "...", "... x", "? x", "?x", ": x", ",x", "[x]", "{x}", "&a", "*a", "!tag", "|", ">",
    "a,b", "x{y}", "a[0]", "a\nb", "line1\nline2\n", "\n", "tab\there", "\t", "cr\r",
    std::string("nul\0byte", 8), "\x01\x1b\x7f", "\u0085nel", "\u00a0nbsp", "ls\u2028ps\u2029",
    "\ufeffbom", "\uffff", "héllo", "日本語", "emoji 😀", "/api/v1", "it's",
    "http://x.example/z?a=b#frag", "nginx.ingress.kubernetes.io/rewrite-target", "10s",
    "v1.2.3", "0.0.0.0/0", "$1", "a  b"};

// The non-string plain scalars of the YAML 1.1 type repository and the YAML
// 1.2 core schema, transcribed from the specs independently of the writer.
bool resolves_to_non_string(const std::string& s) {
  // RE2, as everywhere (see no_std_regex_test.cc).
  static const RE2 special(
      // 1.1 bool, null, merge, value
      "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
      "|~|null|Null|NULL|<<|="
      // 1.1 int
      "|[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
      "|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+"
      // 1.1 float
      "|[-+]?([0-9][0-9_]*)?\\.[0-9.]*([eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*"
      "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)"
      // 1.1 timestamp
      "|[0-9]{4}-[0-9]{2}-[0-9]{2}"
      "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\\.[0-9]*)?"
      "(([ \\t]*)Z|[-+][0-9]{1,2}(:[0-9]{2})?)?"
      // 1.2 core int and float
      "|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
      "|[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  return s.empty() || RE2::FullMatch(s, special);
}

// yaml-cpp tags a plain scalar "?" and a quoted one "!". A plain scalar
// comes back as a string only if no reader resolves it to something else.
void check_string_node(const YAML::Node& node, const std::string& expected) {
  REQUIRE(node.IsScalar());
  CHECK(node.Scalar() == expected);
  if (node.Tag() == "?") {
    CHECK_FALSE(resolves_to_non_string(node.Scalar()));
  } else {
    CHECK(node.Tag() == "!");
  }
}

}  // namespace

TEST_CASE("to_yaml writes an HTTPRoute the way kubectl does", "[yaml]") {
  CHECK(im::to_yaml(http_route()) == kHttpRouteYaml);
}

TEST_CASE("to_yaml_stream starts every document with ---", "[yaml]") {
  const Json a = {{"kind", "Gateway"}};
  const Json b = {{"kind", "HTTPRoute"}, {"spec", {{"hostnames", Json::array({"a.example"})}}}};
  CHECK(im::to_yaml_stream({a, b}) ==
        "---\nkind: Gateway\n---\nkind: HTTPRoute\nspec:\n  hostnames:\n  - a.example\n");
  CHECK(im::to_yaml_stream({}) == "");
}

TEST_CASE("to_json_list wraps items in a v1 List", "[yaml]") {
  const Json item = {{"kind", "HTTPRoute"}, {"metadata", {{"name", "r"}}}};
  CHECK(im::to_json_list({item}) == R"({
  "apiVersion": "v1",
  "kind": "List",
  "items": [
    {
      "kind": "HTTPRoute",
      "metadata": {
        "name": "r"
      }
    }
  ]
}
)");
  CHECK(im::to_json_list({}) == "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"items\": []\n}\n");
}

TEST_CASE("to_yaml writes scalars, empties and nested sequences", "[yaml]") {
  const Json doc = Json::parse(R"({
    "int": 42, "neg": -7, "big": 18446744073709551615, "float": 1.5,
    "exp": 1e20, "tiny": 1.5e-7, "yes": true, "no": false, "none": null,
    "obj": {}, "arr": [], "matrix": [[1, 2], [], [{}], [[3]]],
    "items": [{"a": 1, "b": [{"c": null}]}]
  })");
  CHECK(im::to_yaml(doc) == R"(int: 42
neg: -7
big: 18446744073709551615
float: 1.5
exp: 1.0e+20
tiny: 1.5e-07
"yes": true
"no": false
none: null
obj: {}
arr: []
matrix:
- - 1
  - 2
- []
- - {}
- - - 3
items:
- a: 1
  b:
  - c: null
)");
  CHECK(im::to_yaml(Json::object()) == "{}\n");
  CHECK(im::to_yaml(Json::array()) == "[]\n");
  CHECK(im::to_yaml(Json("on")) == "\"on\"\n");
  CHECK(im::to_yaml(Json::array({"a", 1})) == "- a\n- 1\n");
}

TEST_CASE("to_yaml writes non-finite floats as YAML's .inf and .nan", "[yaml]") {
  Json doc = Json::object();
  doc["nan"] = std::numeric_limits<double>::quiet_NaN();
  doc["inf"] = std::numeric_limits<double>::infinity();
  doc["-inf"] = -std::numeric_limits<double>::infinity();
  CHECK(im::to_yaml(doc) == "nan: .nan\ninf: .inf\n\"-inf\": -.inf\n");
}

TEST_CASE("to_yaml escapes strings JSON-style and replaces invalid UTF-8", "[yaml]") {
  const Json doc = {{"k", "tab\t\"q\" \\ \x01\x7f\u0085\u2028\ufeff\n"}, {"bad", "a\xff\xc0z"}};
  CHECK(im::to_yaml(doc) ==
        "k: \"tab\\t\\\"q\\\" \\\\ \\u0001\\u007f\\u0085\\u2028\\ufeff\\n\"\n"
        "bad: a\ufffd\ufffdz\n");
}

TEST_CASE("to_yaml uses explicit keys for keys too long to be implicit", "[yaml]") {
  const std::string key(1001, 'k');
  const Json doc = {{key, Json::array({1, 2})}, {"b", "c"}};
  CHECK(im::to_yaml(doc) == "? " + key + "\n:\n  - 1\n  - 2\nb: c\n");
  const YAML::Node back = YAML::Load(im::to_yaml(doc));
  CHECK(back[key][1].as<int>() == 2);
}

TEST_CASE("to_yaml output reads back as the same strings", "[yaml]") {
  for (const std::string& s : kTricky) {
    INFO("string: " << Json(s).dump());
    const Json doc = {{s, s}, {"list", Json::array({s})}};
    const std::string yaml = im::to_yaml(doc);
    INFO("yaml:\n" << yaml);
    const YAML::Node back = YAML::Load(yaml);
    REQUIRE(back.IsMap());
    REQUIRE(back.size() == 2);
    const auto entry = back.begin();
    check_string_node(entry->first, s);
    check_string_node(entry->second, s);
    REQUIRE(back["list"].IsSequence());
    REQUIRE(back["list"].size() == 1);
    check_string_node(back["list"][0], s);
  }
}

TEST_CASE("to_yaml output reads back numbers, booleans and null as such", "[yaml]") {
  const Json doc = Json::parse(R"({"i": -42, "u": 18446744073709551615, "f": 0.1,
                                   "e": 1e300, "t": true, "f2": false, "n": null})");
  const YAML::Node back = YAML::Load(im::to_yaml(doc));
  CHECK(back["i"].as<int64_t>() == -42);
  CHECK(back["u"].as<uint64_t>() == 18446744073709551615u);
  CHECK(back["f"].as<double>() == 0.1);
  CHECK(back["e"].as<double>() == 1e300);
  CHECK(back["t"].as<bool>() == true);
  CHECK(back["f2"].as<bool>() == false);
  CHECK(back["n"].IsNull());
  for (const char* key : {"i", "u", "f", "e", "t", "f2"}) {
    INFO(key);
    CHECK(back[key].Tag() == "?");
    CHECK(resolves_to_non_string(back[key].Scalar()));
  }
}
