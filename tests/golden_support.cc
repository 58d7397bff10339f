#include "golden_support.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "cli.h"
#include "validate/validator.h"

namespace fs = std::filesystem;

namespace im::testing {

fs::path testdata_dir() { return fs::path(IM_SOURCE_DIR) / "testdata"; }

std::vector<fs::path> golden_cases() {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(testdata_dir())) {
    if (e.is_regular_file() && e.path().filename() == "args") out.push_back(e.path().parent_path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_text(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

std::vector<std::string> read_args(const fs::path& dir) {
  std::vector<std::string> args;
  std::istringstream in(read_text(dir / "args"));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) args.push_back(line);
  }
  return args;
}

void check_golden(const fs::path& dir, const GoldenRun& run) {
  if (std::getenv("IM_UPDATE_GOLDEN") != nullptr) {
    write_text(dir / "expected.stdout", run.out);
    write_text(dir / "expected.stderr", run.err);
    write_text(dir / "expected.exit", std::to_string(run.exit_code) + "\n");
    return;
  }
  CHECK(run.err == read_text(dir / "expected.stderr"));
  CHECK(run.out == read_text(dir / "expected.stdout"));
  CHECK(std::to_string(run.exit_code) + "\n" == read_text(dir / "expected.exit"));
}

namespace {

/// Restores the working directory when a run ends, even on failure.
class ChangeDir {
 public:
  explicit ChangeDir(const fs::path& to) : from_(fs::current_path()) { fs::current_path(to); }
  ~ChangeDir() { fs::current_path(from_); }

 private:
  fs::path from_;
};

nlohmann::ordered_json to_json(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: {
      nlohmann::ordered_json j = nlohmann::ordered_json::object();
      for (const auto& kv : n) j[kv.first.as<std::string>()] = to_json(kv.second);
      return j;
    }
    case YAML::NodeType::Sequence: {
      nlohmann::ordered_json j = nlohmann::ordered_json::array();
      for (const auto& item : n) j.push_back(to_json(item));
      return j;
    }
    case YAML::NodeType::Scalar: {
      if (n.Tag() == "?") {
        long long i;
        bool b;
        if (YAML::convert<long long>::decode(n, i)) return i;
        if (YAML::convert<bool>::decode(n, b)) return b;
      }
      return n.Scalar();
    }
    default:
      return nullptr;
  }
}

}  // namespace

GoldenRun run_case(const fs::path& dir, std::vector<std::string> args) {
  if (args.empty()) args = read_args(dir);
  ChangeDir cd(dir);
  std::istringstream in(fs::exists("stdin") ? read_text("stdin") : "");
  std::ostringstream out, err;
  im::cli::Io io{in, out, err, false};
  GoldenRun run;
  run.exit_code = im::cli::run(args, io);
  run.out = out.str();
  run.err = err.str();
  return run;
}

std::vector<std::string> reverse_inputs(const std::vector<std::string>& args) {
  std::vector<size_t> positions;
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "-f" || args[i] == "--filename") positions.push_back(i + 1);
  }
  std::vector<std::string> out = args;
  for (size_t i = 0; i < positions.size(); ++i) {
    out[positions[i]] = args[positions[positions.size() - 1 - i]];
  }
  return out;
}

std::vector<std::string> validate_emitted(const std::string& yaml_stream, bool experimental,
                                          bool only_gateway_api) {
  std::vector<std::string> problems;
  if (yaml_stream.empty() || yaml_stream[0] == '{') return problems;  // JSON output is checked elsewhere
  for (const YAML::Node& doc : YAML::LoadAll(yaml_stream)) {
    auto obj = to_json(doc);
    if (only_gateway_api && obj.value("apiVersion", std::string()).rfind("gateway.networking.k8s.io/", 0) != 0) {
      continue;
    }
    for (const auto& e : im::validate_object(obj, experimental ? im::Channel::Experimental
                                                                : im::Channel::Standard)) {
      problems.push_back(obj["kind"].get<std::string>() + " " +
                         obj["metadata"]["name"].get<std::string>() + ": " +
                         im::format_validation_error(e));
    }
  }
  return problems;
}

}  // namespace im::testing
