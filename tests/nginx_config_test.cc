// Reading the ingress-nginx controller ConfigMap (driver/nginx_config_source):
// every fault a positioned finding, the defaults of config.go kept for
// what could not be read.

#include <catch2/catch.hpp>

#include "driver/nginx_config_source.h"

using namespace im;

namespace {

NginxControllerConfig read_config(const std::string& text, Findings& findings) {
  NginxControllerConfig config;
  read_documents(text, std::make_shared<const std::string>("cm.yaml"), ParseLimits{}, findings,
                 [&](Document&& doc) {
                   config = read_nginx_config_document(doc, findings);
                   return false;
                 });
  return config;
}

std::vector<std::string> formatted(const Findings& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings.items()) out.push_back(format_finding(f));
  return out;
}

}  // namespace

TEST_CASE("a ConfigMap without data has config.go's defaults", "[nginx-config]") {
  Findings findings;
  NginxControllerConfig c = read_config("kind: ConfigMap\nmetadata:\n  name: x\n", findings);
  CHECK(c.loaded);
  CHECK(c.ssl_redirect);
  CHECK_FALSE(c.use_forwarded_headers);
  CHECK_FALSE(c.allow_snippet_annotations);
  CHECK(c.settings.empty());
  CHECK(findings.items().empty());
}

TEST_CASE("ConfigMap settings are read with the key's position; unmodelled keys are ignored",
          "[nginx-config]") {
  Findings findings;
  NginxControllerConfig c = read_config(
      "kind: ConfigMap\ndata:\n  use-gzip: \"true\"\n  ssl-redirect: \"False\"\n"
      "  use-forwarded-headers: \"1\"\n  proxy-read-timeout: \"120\"\n",
      findings);
  CHECK_FALSE(c.ssl_redirect);
  CHECK(c.use_forwarded_headers);
  REQUIRE(c.setting("proxy-read-timeout"));
  CHECK(c.setting("proxy-read-timeout")->value == "120");
  CHECK(c.setting("proxy-read-timeout")->key.str() == "cm.yaml:6:3");
  CHECK(c.setting("use-gzip") == nullptr);
  CHECK(findings.items().empty());
}

TEST_CASE("bad ConfigMap values are errors at the value and keep the default", "[nginx-config]") {
  Findings findings;
  NginxControllerConfig c = read_config(
      "kind: ConfigMap\ndata:\n  ssl-redirect: maybe\n  proxy-body-size: lots\n"
      "  proxy-connect-timeout: 5s\n  hsts: [true]\n",
      findings);
  CHECK(c.ssl_redirect);
  CHECK(c.settings.empty());
  CHECK(formatted(findings) ==
        std::vector<std::string>{
            "cm.yaml:3:17: error: ssl-redirect: \"maybe\" is not valid (expected true or false); the "
            "controller's default is used [nginx-config-invalid-value]",
            "cm.yaml:4:20: error: proxy-body-size: \"lots\" is not valid (expected a size such as 8k, 1m "
            "or 1024); the controller's default is used [nginx-config-invalid-value]",
            "cm.yaml:5:26: error: proxy-connect-timeout: \"5s\" is not valid (expected a non-negative "
            "integer); the controller's default is used [nginx-config-invalid-value]",
            "cm.yaml:6:9: error: hsts: a sequence is not valid (expected a string); the controller's default "
            "is used [nginx-config-invalid-value]",
        });
}

TEST_CASE("data that is not a mapping is an error at data", "[nginx-config]") {
  Findings findings;
  NginxControllerConfig c = read_config("kind: ConfigMap\ndata: [a]\n", findings);
  CHECK(c.loaded);
  CHECK(formatted(findings) ==
        std::vector<std::string>{"cm.yaml:2:7: error: data is a sequence, not a mapping of setting "
                                 "names to strings; the controller's defaults are used "
                                 "[nginx-config-invalid-value]"});
}
