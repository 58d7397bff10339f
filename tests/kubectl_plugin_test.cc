// The kubectl plugin end to end: the real kubectl binary runs the installed
// name kubectl-ingress_migrate, which runs kubectl again to read a cluster
// served by FakeApiServer from testdata/cluster/apiserver/.
//
// Every folder testdata/cluster/<case>/ with a `kubectl-args` file (the
// words after `kubectl`, one per line) is a golden case with
// expected.stdout, expected.stderr and expected.exit; IM_UPDATE_GOLDEN=1
// rewrites them. The kubeconfig's context is "fake" with namespace "store".

#include <algorithm>
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "cluster/kubectl.h"
#include "cluster/process.h"
#include "cluster/server_version.h"
#include "fake_api_server.h"
#include "golden_support.h"
#include "util/text.h"

namespace fs = std::filesystem;
using namespace im::testing;

namespace {

/// The directory holding the kubectl the tests drive (the first on PATH).
fs::path kubectl_dir() {
  const char* path = std::getenv("PATH");
  for (const auto& dir : im::split(path ? path : "", ':')) {
    if (!dir.empty() && ::access((fs::path(dir) / "kubectl").c_str(), X_OK) == 0) return dir;
  }
  return {};
}

/// A temporary HOME with a kubeconfig for the server and a bin/ holding the
/// plugin name, removed at the end.
class PluginWorld {
 public:
  explicit PluginWorld(const FakeApiServer& server, int port_override = 0) {
    char tmpl[] = "/tmp/im-plugin-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    home_ = tmpl;
    fs::create_directories(home_ / "bin");
    fs::create_symlink(IM_BINARY, home_ / "bin" / "kubectl-ingress_migrate");
    fs::create_symlink(fs::path(IM_SOURCE_DIR) / "completions" / "kubectl_complete-ingress_migrate",
                       home_ / "bin" / "kubectl_complete-ingress_migrate");
    int port = port_override ? port_override : server.port();
    write_text(home_ / "kubeconfig",
               "apiVersion: v1\nkind: Config\nclusters:\n- name: fake\n  cluster:\n    server: http://127.0.0.1:" +
                   std::to_string(port) +
                   "\ncontexts:\n- name: fake\n  context:\n    cluster: fake\n    user: reader\n"
                   "    namespace: store\ncurrent-context: fake\nusers:\n- name: reader\n  user: {}\n");
  }
  ~PluginWorld() { fs::remove_all(home_); }

  const fs::path& home() const { return home_; }

  /// Runs the real kubectl with `args` in a clean environment: PATH is the
  /// plugin's bin/ and kubectl's own directory, KUBECONFIG the test's.
  im::ProcessResult kubectl(const std::vector<std::string>& args) const {
    fs::path dir = kubectl_dir();
    REQUIRE(!dir.empty());  // scripts/install-deps installs kubectl
    std::vector<std::string> argv{"/usr/bin/env", "-i", "HOME=" + home_.string(),
                                  "KUBECONFIG=" + (home_ / "kubeconfig").string(),
                                  "PATH=" + (home_ / "bin").string() + ":" + dir.string(), "kubectl"};
    argv.insert(argv.end(), args.begin(), args.end());
    return im::run_process(argv);
  }

 private:
  fs::path home_;
};

fs::path cluster_dir() { return testdata_dir() / "cluster"; }

std::vector<fs::path> plugin_cases() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(cluster_dir())) {
    if (fs::is_regular_file(e.path() / "kubectl-args")) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

}  // namespace

TEST_CASE("kubectl ingress-migrate golden cases against the loopback API server", "[plugin]") {
  FakeApiServer server(cluster_dir() / "apiserver");
  PluginWorld world(server);
  auto cases = plugin_cases();
  REQUIRE(cases.size() >= 2);
  for (const auto& dir : cases) {
    DYNAMIC_SECTION(dir.filename().string()) {
      im::ProcessResult run = world.kubectl(lines_of(read_text(dir / "kubectl-args")));
      REQUIRE(run.started);
      check_golden(dir, GoldenRun{run.out, run.err, run.exit_status, {}});
    }
  }
}

TEST_CASE("reading a cluster only reads: every request kubectl makes is a GET of discovery or a list", "[plugin]") {
  FakeApiServer server(cluster_dir() / "apiserver");
  PluginWorld world(server);
  auto run = world.kubectl({"ingress-migrate", "convert", "--from-cluster", "-A"});
  REQUIRE(run.exit_status == 1);  // the blog Ingress has an error finding
  std::vector<std::string> lists;
  for (const auto& r : server.requests()) {
    INFO(r);
    CHECK(im::starts_with(r, "GET /"));
    if (r.find("limit=") != std::string::npos) lists.push_back(r);
  }
  // Discovery (cached after the first call) plus exactly these lists.
  CHECK(lists == std::vector<std::string>{"GET /apis/networking.k8s.io/v1/ingresses?limit=500",
                                          "GET /apis/networking.k8s.io/v1/ingressclasses?limit=500",
                                          "GET /api/v1/services?limit=500",
                                          "GET /apis/configuration.konghq.com/v1/kongplugins?limit=500",
                                          "GET /apis/configuration.konghq.com/v1/kongclusterplugins?limit=500"});
}

TEST_CASE("objects the annotations name that RBAC hides are a warning; the rest is converted", "[plugin]") {
  // The loopback cluster, with KongClusterPlugins forbidden to the user.
  char tmpl[] = "/tmp/im-apiserver-XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  const fs::path root = fs::path(tmpl) / "apiserver";
  fs::copy(cluster_dir() / "apiserver", root, fs::copy_options::recursive);
  const fs::path hidden = root / "apis" / "configuration.konghq.com" / "v1" / "kongclusterplugins";
  write_text(hidden.string() + ".status", "403\n");
  write_text(hidden.string() + ".json",
             R"({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure", )"
             R"("message": "kongclusterplugins.configuration.konghq.com is forbidden: User \"migrator\" cannot list )"
             R"(resource \"kongclusterplugins\" in API group \"configuration.konghq.com\" at the cluster scope", )"
             R"("reason": "Forbidden", "details": {"group": "configuration.konghq.com", "kind": "kongclusterplugins"}, )"
             R"("code": 403})");
  FakeApiServer server(root);
  PluginWorld world(server);
  auto run = world.kubectl(
      {"ingress-migrate", "convert", "--from-cluster", "-n", "edge", "--target-controller", "envoy-gateway"});
  fs::remove_all(tmpl);
  INFO(run.err);
  CHECK(run.exit_status == 1);
  std::vector<std::string> err = lines_of(run.err);
  CHECK(std::count(err.begin(), err.end(),
                   "cluster:fake: warning: could not list kongclusterplugins.configuration.konghq.com: `kubectl get "
                   "kongclusterplugins.configuration.konghq.com -o json --namespace=edge` failed (exit status 1): "
                   "Error from server (Forbidden): kongclusterplugins.configuration.konghq.com is forbidden: User "
                   "\"migrator\" cannot list resource \"kongclusterplugins\" in API group \"configuration.konghq.com\" "
                   "at the cluster scope; annotations that name such objects are converted as if the objects were "
                   "missing [cluster-objects-unread]") == 1);
  // The KongPlugin was read (its CORS filter is written); the hidden
  // KongClusterPlugin is reported missing at the annotation.
  CHECK(run.out.find("- https://shop.example.com") != std::string::npos);
  CHECK(std::count(err.begin(), err.end(), 
                   "cluster:fake/edge/Ingress/catalog: error: konghq.com/plugins: catalog-limit is neither a "
                   "KongPlugin in namespace edge nor a KongClusterPlugin in the input, so what it did is not "
                   "converted (add it with -f) [kong-plugins]") == 1);
}

TEST_CASE("an unreachable cluster is reported with kubectl's message and exit status 2", "[plugin]") {
  FakeApiServer server(cluster_dir() / "apiserver");
  PluginWorld world(server, 1);  // nothing listens on port 1
  auto run = world.kubectl({"ingress-migrate", "convert", "--from-cluster"});
  CHECK(run.exit_status == 2);
  CHECK(run.out.empty());
  CHECK(im::starts_with(run.err, "kubectl ingress-migrate: cannot read the cluster: `kubectl api-resources -o name` "
                                 "failed (exit status 1):\n"));
  CHECK(run.err.find("The connection to the server 127.0.0.1:1 was refused") != std::string::npos);
}

TEST_CASE("read_server_version reads kubectl version -o json from the cluster", "[plugin]") {
  FakeApiServer server(cluster_dir() / "apiserver");
  PluginWorld world(server);
  // kubectl keeps its discovery cache under $HOME; keep it in the test's.
  const char* old_home = std::getenv("HOME");
  std::string saved = old_home ? old_home : "";
  ::setenv("HOME", world.home().c_str(), 1);
  im::ClusterQuery query;
  query.kubeconfig = (world.home() / "kubeconfig").string();
  im::ServerVersion v;
  CHECK_NOTHROW(v = im::read_server_version(query));
  if (old_home) ::setenv("HOME", saved.c_str(), 1);
  CHECK(v.major == 1);
  CHECK(v.minor == 32);
  CHECK(v.git_version == "v1.32.4");
  for (const auto& r : server.requests()) CHECK(im::starts_with(r, "GET /version?"));
}

TEST_CASE("kubectl's global flags and -l reach kubectl: impersonation, token and selector are in the requests",
          "[plugin]") {
  FakeApiServer server(cluster_dir() / "apiserver");
  PluginWorld world(server);
  auto run = world.kubectl({"ingress-migrate", "convert", "--from-cluster", "-A", "--as=alice", "--as-group",
                            "dev", "--as-uid=42", "--token=s3cret-token", "-l", "app=shop",
                            "--request-timeout=20s"});
  INFO(run.err);
  REQUIRE(run.started);
  CHECK(run.exit_status <= 1);
  CHECK(run.err.find("s3cret-token") == std::string::npos);
  std::vector<std::string> lists;
  for (const auto& r : server.requests()) {
    if (r.find("limit=") != std::string::npos) lists.push_back(r);
  }
  // The selector picks Ingresses; what they use is read whatever its labels.
  CHECK(lists == std::vector<std::string>{
                     "GET /apis/networking.k8s.io/v1/ingresses?labelSelector=app%3Dshop&limit=500&timeout=20s",
                     "GET /apis/networking.k8s.io/v1/ingressclasses?limit=500&timeout=20s",
                     "GET /api/v1/services?limit=500&timeout=20s",
                     "GET /apis/configuration.konghq.com/v1/kongplugins?limit=500&timeout=20s",
                     "GET /apis/configuration.konghq.com/v1/kongclusterplugins?limit=500&timeout=20s"});
  auto headers = server.request_headers();
  REQUIRE(!headers.empty());
  for (const auto& request : headers) {
    auto has = [&request](const std::string& line) {
      return std::find(request.begin(), request.end(), line) != request.end();
    };
    CHECK(has("Impersonate-User: alice"));
    CHECK(has("Impersonate-Group: dev"));
    CHECK(has("Impersonate-Uid: 42"));
  }
}

TEST_CASE("a bearer token given with --token is passed to kubectl but never printed", "[plugin]") {
  FakeApiServer server(cluster_dir() / "apiserver");
  PluginWorld world(server, 1);  // nothing listens on port 1: kubectl fails and its command is shown
  auto run = world.kubectl({"ingress-migrate", "convert", "--from-cluster", "--token=s3cret-token", "--context=fake"});
  CHECK(run.exit_status == 2);
  CHECK(im::starts_with(run.err, "kubectl ingress-migrate: cannot read the cluster: `kubectl api-resources -o name "
                                 "--context=fake --token=(hidden)` failed (exit status 1):\n"));
  CHECK(run.err.find("s3cret-token") == std::string::npos);
}

TEST_CASE("kubectl's global flags without --from-cluster are a usage error naming the flag, not its value",
          "[plugin]") {
  FakeApiServer server(cluster_dir() / "apiserver");
  PluginWorld world(server);
  auto run = world.kubectl({"ingress-migrate", "lint", "-f", "x.yaml", "--token=s3cret-token"});
  CHECK(run.exit_status == 2);
  CHECK(run.err ==
        "kubectl ingress-migrate: --token only applies with --from-cluster\nRun with --help for more information.\n");
}

TEST_CASE("kubectl completes the plugin's words through its __complete: files by extension, live namespaces",
          "[plugin][completion]") {
  FakeApiServer server(cluster_dir() / "apiserver");
  PluginWorld world(server);
  auto files = world.kubectl({"__complete", "ingress-migrate", "convert", "-f", "exa"});
  CHECK(files.exit_status == 0);
  CHECK(files.out == "yaml\nyml\njson\n:8\n");
  auto namespaces = world.kubectl({"__complete", "ingress-migrate", "convert", "--from-cluster", "-n", ""});
  CHECK(namespaces.exit_status == 0);
  CHECK(namespaces.out == "blog\nstore\nvault\n:4\n");
  auto contexts = world.kubectl({"__complete", "ingress-migrate", "lint", "--from-cluster", "--context", "f"});
  CHECK(contexts.out == "fake\n:4\n");
}
