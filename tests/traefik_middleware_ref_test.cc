// router.middlewares entries and the Middlewares they name, as Traefik's
// GetQualifiedName and the CRD provider's makeID resolve them.

#include <catch2/catch.hpp>

#include "convert/filter_set.h"
#include "model/traefik_middleware_ref.h"

namespace im {
namespace {

TraefikMiddleware middleware(const std::string& ns, const std::string& name) {
  TraefikMiddleware m;
  m.ns = ns;
  m.name = name;
  return m;
}

}  // namespace

TEST_CASE("router.middlewares entries split at the provider, trimmed, empty ones skipped", "[traefik]") {
  const auto refs = traefik_middleware_refs(" demo-auth@kubernetescrd ,, compress@file,plain ");
  REQUIRE(refs.size() == 3);
  CHECK(refs[0].text == "demo-auth@kubernetescrd");
  CHECK(refs[0].id == "demo-auth");
  CHECK(refs[0].provider == "kubernetescrd");
  CHECK(refs[1].id == "compress");
  CHECK(refs[1].provider == "file");
  CHECK(refs[2].id == "plain");
  CHECK(refs[2].provider.empty());
}

TEST_CASE("a kubernetescrd entry names the Middleware whose normalized NAMESPACE-NAME it is", "[traefik]") {
  const std::vector<TraefikMiddleware> all = {middleware("demo", "strip.prefix"), middleware("my_ns", "auth"),
                                              middleware("demo", "strip-prefix")};
  const auto refs = traefik_middleware_refs(
      "demo-strip-prefix@kubernetescrd,my-ns-auth@kubernetescrd,demo-strip-prefix@file,demo-gone@kubernetescrd");
  // Normalize turns "." and "_" into "-": the first of equal ids wins.
  CHECK(find_traefik_middleware(all, refs[0]) == &all[0]);
  CHECK(find_traefik_middleware(all, refs[1]) == &all[1]);
  CHECK(find_traefik_middleware(all, refs[2]) == nullptr);
  CHECK(find_traefik_middleware(all, refs[3]) == nullptr);
}

TEST_CASE("a header filter's set list holds each name once and at most 16", "[filters]") {
  std::vector<std::pair<std::string, std::string>> set;
  CHECK(set_header(set, "X-Env", "staging"));
  CHECK(set_header(set, "x-env", "production"));
  CHECK(set == std::vector<std::pair<std::string, std::string>>{{"X-Env", "production"}});
  for (int i = 1; i < 16; ++i) CHECK(set_header(set, "X-" + std::to_string(i), "v"));
  CHECK(set.size() == 16);
  CHECK_FALSE(set_header(set, "X-17", "v"));
  CHECK(set_header(set, "X-ENV", "again"));  // a name already there still takes its new value
  CHECK(set.front().second == "again");
  CHECK(set.size() == 16);

  std::vector<std::string> remove;
  CHECK(remove_header(remove, "Server"));
  CHECK(remove_header(remove, "server"));
  CHECK(remove == std::vector<std::string>{"Server"});
}

}  // namespace im
