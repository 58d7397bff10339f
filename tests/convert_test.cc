// Behaviour of `convert` beyond single golden outputs: equal output across
// Ingress apiVersions, JSON output validity, and --output-dir file handling.

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli.h"
#include "golden_support.h"
#include "validate/validator.h"

namespace fs = std::filesystem;
using im::testing::read_text;
using im::testing::testdata_dir;
using im::testing::write_text;

namespace {

struct Run {
  int code;
  std::string out, err;
};

Run run_cli(const std::vector<std::string>& args) {
  std::istringstream in;
  std::ostringstream out, err;
  im::cli::Io io{in, out, err, false};
  int code = im::cli::run(args, io);
  return Run{code, out.str(), err.str()};
}

/// A fresh empty directory under the system temp dir.
fs::path scratch_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("im-test-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("the three Ingress apiVersions convert to identical objects", "[convert]") {
  fs::path base = testdata_dir() / "convert";
  std::string v1 = read_text(base / "apiversion-v1" / "expected.stdout");
  REQUIRE(!v1.empty());
  CHECK(read_text(base / "apiversion-networking-v1beta1" / "expected.stdout") == v1);
  CHECK(read_text(base / "apiversion-extensions-v1beta1" / "expected.stdout") == v1);
}

TEST_CASE("convert -o json prints a List whose items are valid Gateway API objects", "[convert]") {
  auto list = nlohmann::ordered_json::parse(read_text(testdata_dir() / "convert" / "json-input" / "expected.stdout"));
  CHECK(list["kind"] == "List");
  REQUIRE(list["items"].size() == 2);
  for (const auto& item : list["items"]) CHECK(im::validate_object(item).empty());
}

TEST_CASE("convert with --output-dir writes one file per namespace and never overwrites without --force", "[convert]") {
  fs::path dir = scratch_dir("outdir");
  std::string input = (testdata_dir() / "convert" / "shared-gateway" / "input.yaml").string();
  std::vector<std::string> args = {"convert", "-f", input, "--gateway", "infra/edge",
                                   "--output-dir", dir.string(), "-q"};
  Run first = run_cli(args);
  CHECK(first.code == 0);
  CHECK(first.out.empty());
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path().filename().string());
  std::sort(files.begin(), files.end());
  CHECK(files == std::vector<std::string>{"infra.yaml", "team-a.yaml", "team-b.yaml"});

  // Same content again: nothing to do, success.
  CHECK(run_cli(args).code == 0);

  // A file changed by hand is not overwritten...
  write_text(dir / "team-a.yaml", "# edited\n");
  Run refused = run_cli(args);
  CHECK(refused.code == 2);
  CHECK(refused.err == (dir / "team-a.yaml").string() +
                           ": error: file exists with other content; not overwritten (use --force)\n");
  CHECK(read_text(dir / "team-a.yaml") == "# edited\n");

  // ...unless --force is given.
  args.push_back("--force");
  CHECK(run_cli(args).code == 0);
  CHECK(read_text(dir / "team-a.yaml").rfind("---\napiVersion: gateway.networking.k8s.io/v1\n", 0) == 0);
  fs::remove_all(dir);
}

TEST_CASE("convert with --split=object writes one file per object under its namespace", "[convert]") {
  fs::path dir = scratch_dir("split");
  std::string input = (testdata_dir() / "convert" / "basic-tls-redirect" / "input.yaml").string();
  Run r = run_cli({"convert", "-f", input, "--output-dir", dir.string(), "--split", "object", "-q"});
  CHECK(r.code == 0);
  CHECK(fs::exists(dir / "store" / "gateway-nginx.yaml"));
  CHECK(fs::exists(dir / "store" / "httproute-shop-shop.example.com.yaml"));
  CHECK(fs::exists(dir / "store" / "httproute-shop-shop.example.com-redirect.yaml"));
  fs::remove_all(dir);
}

TEST_CASE("convert with --output-dir refuses to write through a symbolic link out of the directory", "[convert]") {
  fs::path dir = scratch_dir("symlink");
  fs::path outside = scratch_dir("symlink-outside");
  fs::create_directory_symlink(outside, dir / "store");
  std::string input = (testdata_dir() / "convert" / "basic-tls-redirect" / "input.yaml").string();
  Run r = run_cli({"convert", "-f", input, "--output-dir", dir.string(), "--split", "object", "-q"});
  CHECK(r.code == 2);
  const std::string store = (dir / "store").string();
  CHECK(r.err == store + "/gateway-nginx.yaml: error: would be written outside " + dir.string() +
                     " through a symbolic link; not written\n" + store +
                     "/httproute-shop-shop.example.com-redirect.yaml: error: would be written outside " +
                     dir.string() + " through a symbolic link; not written\n" + store +
                     "/httproute-shop-shop.example.com.yaml: error: would be written outside " +
                     dir.string() + " through a symbolic link; not written\n");
  CHECK(fs::is_empty(outside));
  fs::remove_all(dir);
  fs::remove_all(outside);
}

TEST_CASE("convert --report calls no implementation ready while the conversion has errors", "[convert][report]") {
  fs::path dir = scratch_dir("report-loss");
  std::string input = (testdata_dir() / "report" / "conversion-errors" / "input.yaml").string();
  Run r = run_cli({"convert", "-f", input, "-q", "--report", (dir / "compat.json").string()});
  CHECK(r.code == 1);
  auto report = nlohmann::ordered_json::parse(read_text(dir / "compat.json"));
  CHECK(report["conversion"]["errors"] == 2);
  CHECK(report["conversion"]["ingressesNotConverted"] == 1);
  REQUIRE(report["controllers"].size() == 30);
  for (const auto& c : report["controllers"]) {
    INFO(c["name"]);
    CHECK(c["verdict"] != "ready");
  }
  fs::remove_all(dir);
}

TEST_CASE("convert with --report writes the compatibility report in the format its extension names", "[convert]") {
  fs::path dir = scratch_dir("report");
  std::string input = (testdata_dir() / "report" / "corpus.yaml").string();
  Run r = run_cli({"convert", "-f", input, "-q", "--report", (dir / "compat.json").string(),
                   "--output-dir", (dir / "out").string()});
  CHECK(r.code == 0);
  auto report = nlohmann::ordered_json::parse(read_text(dir / "compat.json"));
  CHECK(report["schemaVersion"] == 1);
  CHECK(report["controllers"].size() == 30);
  // An existing report is not overwritten without --force.
  write_text(dir / "compat.json", "{}\n");
  Run again = run_cli({"convert", "-f", input, "-q", "--report", (dir / "compat.json").string(),
                       "--output-dir", (dir / "out").string()});
  CHECK(again.code == 2);
  CHECK(read_text(dir / "compat.json") == "{}\n");
  fs::remove_all(dir);
}
