// kubectl is a process that can misbehave: it may never stop printing,
// flood standard error, hang, or exit while a child it started keeps the
// pipes open. Each case runs a fake kubectl script.

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "cluster/cluster_reader.h"
#include "cluster/kubectl.h"
#include "cluster/process.h"

namespace fs = std::filesystem;
using namespace im;

namespace {

/// A kubectl that runs `body` (bash) whatever it is asked.
struct FakeKubectl {
  fs::path path;
  explicit FakeKubectl(const std::string& body)
      : path(fs::temp_directory_path() / ("im-fake-kubectl-" + std::to_string(::getpid()))) {
    std::ofstream(path) << "#!/bin/bash\n" << body << "\n";
    fs::permissions(path, fs::perms::owner_all);
  }
  ~FakeKubectl() { fs::remove(path); }
  ClusterQuery query() const {
    ClusterQuery q;
    q.kubectl = path.string();
    q.context = "prod";
    return q;
  }
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("a kubectl that never stops printing is stopped at the byte limit", "[cluster][bounds]") {
  FakeKubectl kubectl("if [ \"$1\" = api-resources ]; then echo ingresses.networking.k8s.io; exit; fi\n"
                      "exec cat /dev/zero");
  ParseLimits limits;
  limits.max_file_bytes = 1000000;
  Findings findings;
  load_cluster(kubectl.query(), limits, findings, {});
  REQUIRE(findings.items().size() == 1);
  CHECK(format_finding(findings.items()[0]) ==
        "cluster:prod: error: kubectl printed more than 1000000 bytes (--max-file-bytes); not read [limit-exceeded]");
}

TEST_CASE("kubectl's standard error is kept as a bounded tail", "[cluster][bounds]") {
  FakeKubectl kubectl("head -c 5000000 /dev/zero | tr '\\0' x >&2; echo; echo 'error: the last words' >&2; exit 1");
  try {
    run_kubectl(kubectl.query(), {"get", "ingresses"});
    FAIL("no ClusterError");
  } catch (const ClusterError& e) {
    const std::string what = e.what();
    CHECK(what.size() < 70 * 1024);
    CHECK(what.find("failed (exit status 1):\n[... earlier output cut]\nxxx") != std::string::npos);
    CHECK(what.substr(what.size() - 21) == "error: the last words");
  }
}

TEST_CASE("a hanging kubectl is stopped after --request-timeout with its process group", "[cluster][bounds]") {
  const fs::path marker = fs::temp_directory_path() / ("im-grandchild-" + std::to_string(::getpid()));
  fs::remove(marker);
  FakeKubectl kubectl("(sleep 4; touch " + marker.string() + ") & sleep 30");
  ClusterQuery q = kubectl.query();
  q.request_timeout = "1s";
  const auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH(run_kubectl(q, {"get", "ingresses"}),
                    "`" + kubectl.path.string() +
                        " get ingresses --context=prod --request-timeout=1s` did not finish within 1s and was stopped");
  CHECK(seconds_since(start) < 10);
  ::sleep(5);
  CHECK(!fs::exists(marker));  // the grandchild was killed with the group
}

TEST_CASE("a kubectl that exits while its child holds standard output is not waited for", "[cluster][bounds]") {
  FakeKubectl kubectl("echo ingresses.networking.k8s.io; sleep 30 & exit 0");
  const auto start = std::chrono::steady_clock::now();
  CHECK(run_kubectl(kubectl.query(), {"api-resources", "-o", "name"}) == "ingresses.networking.k8s.io\n");
  CHECK(seconds_since(start) < 10);
}

TEST_CASE("kubectl durations read like kubectl's --request-timeout", "[cluster][bounds]") {
  CHECK(parse_kubectl_duration("0") == 0);
  CHECK(parse_kubectl_duration("30") == 30000);
  CHECK(parse_kubectl_duration("30s") == 30000);
  CHECK(parse_kubectl_duration("1m30s") == 90000);
  CHECK(parse_kubectl_duration("2h") == 7200000);
  for (const char* bad : {"", "s", "1x", "-1", "1.5s", "1m30"}) {
    INFO(bad);
    CHECK(parse_kubectl_duration(bad) == -1);
  }
}
