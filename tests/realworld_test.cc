// The real-world corpus (testdata/realworld: Ingress manifests from public
// repositories and docs, each naming its source): every manifest converts
// to some output without an internal error, and every request verify finds
// routed differently is listed, with its reason, in <name>.verify.expected.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "golden_support.h"

namespace fs = std::filesystem;
using namespace im::testing;
using nlohmann::json;

namespace {

std::vector<fs::path> realworld_manifests() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(testdata_dir() / "realworld")) {
    if (e.path().extension() == ".yaml") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// One differing request per line; "# reason: ..." lines say why.
std::set<std::string> expected_differences(const fs::path& file, bool& has_reason) {
  std::set<std::string> out;
  has_reason = false;
  if (!fs::exists(file)) return out;
  std::istringstream in(read_text(file));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("# reason:", 0) == 0) has_reason = true;
    if (line.empty() || line[0] == '#') continue;
    out.insert(line);
  }
  return out;
}

}  // namespace

TEST_CASE("every real-world manifest converts and routes like ingress-nginx except where explained",
          "[realworld]") {
  const bool update = std::getenv("IM_UPDATE_GOLDEN") != nullptr;
  auto manifests = realworld_manifests();
  CHECK(manifests.size() >= 50);
  for (const auto& file : manifests) {
    DYNAMIC_SECTION(file.filename().string()) {
      CHECK(read_text(file).rfind("# source: ", 0) == 0);
      const fs::path dir = file.parent_path();
      GoldenRun conv = run_case(dir, {"convert", "-f", file.filename().string()});
      // 0 (clean) or 1 (findings at the source); never a usage error or an internal error.
      CHECK((conv.exit_code == 0 || conv.exit_code == 1));
      CHECK(conv.out.find("apiVersion: gateway.networking.k8s.io/v1") != std::string::npos);

      GoldenRun ver = run_case(dir, {"verify", "--format", "json", "-f", file.filename().string()});
      INFO(ver.err);
      CHECK((ver.exit_code == 0 || ver.exit_code == 1));
      // Every difference, explained by a conversion finding or not, must be
      // listed with its reason; verify fails only on the unexpected ones.
      std::set<std::string> differ;
      bool unexpected = false;
      const json report = json::parse(ver.out);  // kept: "results" refers into it
      for (const auto& r : report["results"]) {
        if (r["status"] == "unexpected" || r["status"] == "explained") {
          differ.insert(r["request"].get<std::string>());
        }
        unexpected = unexpected || r["status"] == "unexpected";
      }
      fs::path expected_file = dir / (file.stem().string() + ".verify.expected");
      bool has_reason = false;
      auto expected = expected_differences(expected_file, has_reason);
      if (update && differ != expected) {
        std::string text = "# reason: TODO\n";
        for (const auto& d : differ) text += d + "\n";
        if (differ.empty()) {
          fs::remove(expected_file);
        } else {
          write_text(expected_file, text);
        }
        continue;
      }
      CHECK(differ == expected);
      CHECK(ver.exit_code == (unexpected ? 1 : 0));
      if (!expected.empty()) CHECK(has_reason);
    }
  }
}
