// scripts/release-krew fills plugins/ingress-migrate.yaml.in from release
// archives; the result must pass the checks krew-index runs on a manifest
// (kubernetes-sigs/krew internal/index/validation/validate.go).

#include <catch2/catch.hpp>
#include <re2/re2.h>

#include <unistd.h>

#include <filesystem>
#include <set>

#include <yaml-cpp/yaml.h>

#include "cluster/process.h"
#include "golden_support.h"
#include "util/text.h"

namespace fs = std::filesystem;
using im::testing::read_text;
using im::testing::write_text;

namespace {

const fs::path kSource = IM_SOURCE_DIR;

/// A temporary directory with a release archive shaped like `cmake --install`
/// output, named for `platform` ("linux-amd64").
class ReleaseDir {
 public:
  ReleaseDir() {
    char tmpl[] = "/tmp/im-krew-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    dir_ = tmpl;
  }
  ~ReleaseDir() { fs::remove_all(dir_); }

  fs::path archive(const std::string& platform) {
    fs::path stage = dir_ / ("stage-" + platform);
    fs::create_directories(stage / "bin");
    fs::create_directories(stage / "share/doc/ingress-migrate");
    write_text(stage / "bin/ingress-migrate", "binary for " + platform + "\n");
    fs::copy_file(kSource / "LICENSE", stage / "share/doc/ingress-migrate/LICENSE");
    // The completions `cmake --install` puts next to the binary ship too.
    fs::create_directories(stage / "share/bash-completion/completions");
    fs::create_directories(stage / "share/zsh/site-functions");
    fs::copy_file(kSource / "completions/ingress-migrate.bash", stage / "share/bash-completion/completions/ingress-migrate");
    fs::copy_file(kSource / "completions/_ingress-migrate", stage / "share/zsh/site-functions/_ingress-migrate");
    fs::copy_file(kSource / "completions/kubectl_complete-ingress_migrate", stage / "bin/kubectl_complete-ingress_migrate");
    fs::path out = dir_ / ("ingress-migrate-v0.1.0-" + platform + ".tar.gz");
    auto r = im::run_process({"tar", "-C", stage.string(), "-czf", out.string(), "."});
    REQUIRE(r.exit_status == 0);
    return out;
  }

 private:
  fs::path dir_;
};

std::string sha256_of(const fs::path& file) {
  auto r = im::run_process({"sha256sum", file.string()});
  REQUIRE(r.exit_status == 0);
  return r.out.substr(0, 64);
}

std::set<std::string> archive_entries(const fs::path& file) {
  auto r = im::run_process({"tar", "-tzf", file.string()});
  REQUIRE(r.exit_status == 0);
  std::set<std::string> out;
  for (auto line : im::split(r.out, '\n')) {
    if (im::starts_with(line, "./")) line = line.substr(2);
    if (!line.empty()) out.insert(line);
  }
  return out;
}

im::ProcessResult release_krew(const std::vector<std::string>& args) {
  std::vector<std::string> argv{(kSource / "scripts/release-krew").string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return im::run_process(argv);
}

}  // namespace

TEST_CASE("release-krew writes a manifest that passes krew's validation", "[krew]") {
  ReleaseDir release;
  fs::path linux_amd64 = release.archive("linux-amd64");
  fs::path darwin_arm64 = release.archive("darwin-arm64");
  auto r = release_krew({"v0.1.0", "https://example.org/ingress-migrate", "https://example.org/releases/v0.1.0",
                         linux_amd64.string(), darwin_arm64.string()});
  INFO(r.err);
  REQUIRE(r.exit_status == 0);
  YAML::Node m = YAML::Load(r.out);

  CHECK(m["apiVersion"].as<std::string>() == "krew.googlecontainertools.github.com/v1alpha2");
  CHECK(m["kind"].as<std::string>() == "Plugin");
  std::string name = m["metadata"]["name"].as<std::string>();
  CHECK(re2::RE2::FullMatch(name, R"([\w-]+)"));
  // krew-index requires plugins/<name>.yaml; the template is that name + .in.
  CHECK(fs::exists(kSource / "plugins" / (name + ".yaml.in")));
  YAML::Node spec = m["spec"];
  CHECK(spec["version"].as<std::string>() == "v0.1.0");
  CHECK(spec["homepage"].as<std::string>() == "https://example.org/ingress-migrate");
  std::string short_description = spec["shortDescription"].as<std::string>();
  CHECK(!short_description.empty());
  CHECK(short_description.find('\n') == std::string::npos);
  CHECK(!spec["description"].as<std::string>().empty());

  std::vector<fs::path> archives{linux_amd64, darwin_arm64};
  REQUIRE(spec["platforms"].size() == archives.size());
  for (size_t i = 0; i < archives.size(); ++i) {
    YAML::Node p = spec["platforms"][i];
    INFO(archives[i].filename().string());
    YAML::Node labels = p["selector"]["matchLabels"];
    REQUIRE(labels.size() == 2);
    for (const auto& kv : labels) {
      std::string key = kv.first.as<std::string>();
      CHECK((key == "os" || key == "arch"));
    }
    CHECK(archives[i].filename().string() == "ingress-migrate-v0.1.0-" + labels["os"].as<std::string>() + "-" +
                                                 labels["arch"].as<std::string>() + ".tar.gz");
    CHECK(p["uri"].as<std::string>() == "https://example.org/releases/v0.1.0/" + archives[i].filename().string());
    std::string sha = p["sha256"].as<std::string>();
    CHECK(re2::RE2::FullMatch(sha, "[a-f0-9]{64}"));
    CHECK(sha == sha256_of(archives[i]));
    CHECK(p["bin"].as<std::string>() == "ingress-migrate");
    REQUIRE(p["files"].size() > 0);
    auto entries = archive_entries(archives[i]);
    std::set<std::string> shipped;
    for (const auto& f : p["files"]) {
      CHECK(entries.count(f["from"].as<std::string>()) == 1);
      shipped.insert(f["from"].as<std::string>() + " -> " + f["to"].as<std::string>());
    }
    // The plugin's completions go where krew users source them from.
    CHECK(shipped.count("share/bash-completion/completions/ingress-migrate -> completion/ingress-migrate.bash") == 1);
    CHECK(shipped.count("share/zsh/site-functions/_ingress-migrate -> completion/_ingress-migrate") == 1);
    CHECK(shipped.count("bin/kubectl_complete-ingress_migrate -> .") == 1);
  }
}

TEST_CASE("release-krew refuses a version krew would reject and misnamed archives", "[krew]") {
  ReleaseDir release;
  fs::path archive = release.archive("linux-amd64");
  auto r = release_krew({"0.1.0", "https://example.org", "https://example.org/r", archive.string()});
  CHECK(r.exit_status == 2);
  CHECK(r.err.find("version \"0.1.0\" is not v-prefixed semver (e.g. v0.1.0)") != std::string::npos);
  CHECK(r.out.empty());
  r = release_krew({"v0.2.0", "https://example.org", "https://example.org/r", archive.string()});
  CHECK(r.exit_status == 2);
  CHECK(r.err.find("ingress-migrate-v0.1.0-linux-amd64.tar.gz: expected ingress-migrate-v0.2.0-OS-ARCH.tar.gz or .zip") !=
        std::string::npos);
}
