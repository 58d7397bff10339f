// `plan`: the written trees are pinned by the golden cases in testdata/plan/
// (expected.files/); these tests check what must hold for every plan: each
// manifest is valid Gateway API, no route points at a Gateway or listener
// the plan does not define, and writing a plan twice gives the same files.

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

#include <unistd.h>

#include <yaml-cpp/yaml.h>

#include "golden_support.h"
#include "plan/risk.h"

namespace fs = std::filesystem;
using namespace im::testing;

namespace {

std::vector<fs::path> plan_cases() {
  std::vector<fs::path> out;
  for (const auto& dir : golden_cases()) {
    auto args = read_args(dir);
    if (!args.empty() && args[0] == "plan" && fs::is_directory(dir / "expected.files")) out.push_back(dir);
  }
  return out;
}

bool is_yaml(const std::string& path) { return path.size() > 5 && path.substr(path.size() - 5) == ".yaml"; }

std::string text(const YAML::Node& n, const char* key) { return n[key] ? n[key].as<std::string>() : ""; }

/// Fails for each manifest that is not valid Gateway API; returns how many
/// YAML files there were.
size_t check_manifests_valid(const std::map<std::string, std::string>& files) {
  size_t manifests = 0;
  for (const auto& [path, content] : files) {
    if (!is_yaml(path)) continue;
    ++manifests;
    for (const auto& problem : validate_emitted(content)) FAIL_CHECK(path + ": " + problem);
  }
  return manifests;
}

/// Fails for each parentRef that names no Gateway of 00-observe, or a
/// listener that Gateway (or ListenerSet) does not have; returns how many parentRefs there were.
size_t check_parent_refs(const std::map<std::string, std::string>& files) {
  // Gateways and their listener names, as phase 0 defines them.
  std::map<std::string, std::set<std::string>> listeners;
  for (const auto& [path, content] : files) {
    if (!is_yaml(path) || path.rfind("00-observe/", 0) != 0) continue;
    for (const auto& doc : YAML::LoadAll(content)) {
      if (text(doc, "kind") != "Gateway" && text(doc, "kind") != "ListenerSet") continue;
      auto& names = listeners[text(doc, "kind") + " " + text(doc["metadata"], "namespace") + "/" +
                              text(doc["metadata"], "name")];
      for (const auto& l : doc["spec"]["listeners"]) names.insert(text(l, "name"));
    }
  }
  size_t refs = 0;
  for (const auto& [path, content] : files) {
    if (!is_yaml(path)) continue;
    for (const auto& doc : YAML::LoadAll(content)) {
      std::string kind = text(doc, "kind");
      if (kind == "Gateway") {
        CHECK(path.rfind("00-observe/", 0) == 0);  // only phase 0 creates Gateways
        continue;
      }
      if (!doc["spec"]["parentRefs"]) continue;
      std::string route_ns = text(doc["metadata"], "namespace");
      for (const auto& p : doc["spec"]["parentRefs"]) {
        ++refs;
        std::string ns = p["namespace"] ? text(p, "namespace") : route_ns;
        std::string gateway = (p["kind"] ? text(p, "kind") : "Gateway") + " " + ns + "/" + text(p, "name");
        INFO(path << ": " << kind << " " << route_ns << "/" << text(doc["metadata"], "name") << " -> "
                  << gateway << " " << text(p, "sectionName"));
        auto it = listeners.find(gateway);
        REQUIRE(it != listeners.end());
        if (p["sectionName"]) CHECK(it->second.count(text(p, "sectionName")) == 1);
      }
    }
  }
  return refs;
}

/// Fails for each object of a 01-coexist step that 00-observe does not hold
/// byte for byte (the step READMEs promise re-applying changes nothing).
void check_steps_repeat_observe(const std::map<std::string, std::string>& files) {
  auto documents = [](const std::string& stream) {
    std::vector<std::string> docs;
    for (size_t at = 0; at < stream.size();) {
      size_t next = stream.find("\n---\n", at);
      size_t end = next == std::string::npos ? stream.size() : next + 1;
      docs.push_back(stream.substr(at, end - at));
      at = end;
    }
    return docs;
  };
  std::set<std::string> observed;
  for (const auto& [path, content] : files) {
    if (is_yaml(path) && path.rfind("00-observe/", 0) == 0) {
      for (auto& d : documents(content)) observed.insert(d);
    }
  }
  for (const auto& [path, content] : files) {
    if (!is_yaml(path) || path.rfind("01-coexist/", 0) != 0) continue;
    for (const auto& d : documents(content)) {
      INFO(path << ":\n" << d);
      CHECK(observed.count(d) == 1);
    }
  }
}

}  // namespace

TEST_CASE("plan goldens cover every --group-by value", "[plan]") {
  std::set<std::string> seen;
  for (const auto& dir : plan_cases()) {
    auto args = read_args(dir);
    for (size_t i = 0; i + 1 < args.size(); ++i) {
      if (args[i] == "--group-by") seen.insert(args[i + 1]);
    }
  }
  CHECK(seen == std::set<std::string>{"host", "ingress-class", "namespace"});
}

TEST_CASE("every manifest of every plan phase is valid Gateway API", "[plan][crd]") {
  auto cases = plan_cases();
  REQUIRE(!cases.empty());
  for (const auto& dir : cases) {
    DYNAMIC_SECTION(dir.filename().string()) {
      CHECK(check_manifests_valid(read_tree(dir / "expected.files")) > 1);
    }
  }
}

TEST_CASE("every parentRef of a plan names a Gateway and listener of 00-observe; steps repeat its objects", "[plan]") {
  for (const auto& dir : plan_cases()) {
    DYNAMIC_SECTION(dir.filename().string()) {
      auto files = read_tree(dir / "expected.files");
      CHECK(check_parent_refs(files) > 0);
      check_steps_repeat_observe(files);
    }
  }
}

TEST_CASE("plans of the convert corpus are valid and dangle nowhere, for each --group-by", "[plan][crd]") {
  // The convert cases hold the odd inputs (default servers, wildcards,
  // regex hosts, gRPC, passthrough, split routes and Gateways).
  for (const auto& dir : golden_cases()) {
    if (dir.parent_path().filename() != "convert") continue;
    std::vector<std::string> inputs;
    for (const auto& e : fs::directory_iterator(dir)) {
      std::string ext = e.path().extension().string();
      if (ext == ".yaml" || ext == ".json") inputs.push_back(e.path().filename().string());
    }
    if (inputs.empty()) continue;
    std::sort(inputs.begin(), inputs.end());
    for (const auto& group_by : {"namespace", "host", "ingress-class"}) {
      DYNAMIC_SECTION(dir.filename().string() << " --group-by " << group_by) {
        std::vector<std::string> args = {"plan", "--output-dir", kOutputDirToken, "--group-by", group_by,
                                         "--default-class", "nginx"};
        for (const auto& in : inputs) {
          args.push_back("-f");
          args.push_back(in);
        }
        GoldenRun run = run_case(dir, args);
        INFO(run.err);
        CHECK(run.exit_code < 3);
        check_manifests_valid(run.files);
        check_parent_refs(run.files);
        check_steps_repeat_observe(run.files);
      }
    }
  }
}

TEST_CASE("plan writes the same files twice: refused without --force, the same with it", "[plan]") {
  for (const auto& dir : plan_cases()) {
    DYNAMIC_SECTION(dir.filename().string()) {
      fs::path out = fs::temp_directory_path() /
                     ("im-plan-twice-" + std::to_string(getpid()) + "-" + dir.filename().string());
      fs::remove_all(out);
      auto args = read_args(dir);
      for (auto& a : args) {
        if (a == kOutputDirToken) a = out.string();
      }
      GoldenRun first = run_case(dir, args);
      auto written = read_tree(out);
      CHECK(written == read_tree(dir / "expected.files"));

      GoldenRun refused = run_case(dir, args);
      CHECK(refused.exit_code == 2);
      CHECK(refused.err == out.string() +
                               ": error: exists and is not an empty directory; not written (use "
                               "--force to overwrite the plan in it)\n");
      CHECK(read_tree(out) == written);

      // A file an earlier plan left is named, not deleted.
      fs::create_directories(out / "01-coexist/09-old");
      write_text(out / "01-coexist/09-old/old.yaml", "# stale\n");
      args.push_back("--force");
      GoldenRun again = run_case(dir, args);
      CHECK(again.exit_code == first.exit_code);
      CHECK(again.err == (out / "01-coexist/09-old/old.yaml").string() +
                             ": warning: not part of this plan (left from an earlier one?); remove "
                             "it before applying\n" + first.err);
      written["01-coexist/09-old/old.yaml"] = "# stale\n";
      CHECK(read_tree(out) == written);
      fs::remove_all(out);
    }
  }
}

TEST_CASE("the findings that block a plan step are those that drop a security control", "[plan]") {
  for (const char* id : {"nginx-whitelist-source-range", "nginx-denylist-source-range",
                         "nginx-auth-url", "nginx-auth-tls-secret", "nginx-configuration-snippet",
                         "snippet-annotation", "nginx-limit-rps", "nginx-global-rate-limit"}) {
    INFO(id);
    CHECK(im::removes_security_control(id));
  }
  for (const char* id : {"nginx-proxy-read-timeout", "nginx-custom-http-errors", "unresolved-port",
                         "nginx-rewrite-target", "plan-host-split"}) {
    INFO(id);
    CHECK_FALSE(im::removes_security_control(id));
  }
}
