#include "golden_support.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <unistd.h>

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

namespace {

bool writes_files(const fs::path& dir) {
  auto args = read_args(dir);
  return std::find(args.begin(), args.end(), kOutputDirToken) != args.end();
}

/// The same file list, then each file's whole content (one failure per file).
void check_tree(const std::map<std::string, std::string>& written,
                const std::map<std::string, std::string>& expected) {
  std::vector<std::string> written_paths, expected_paths;
  for (const auto& [path, text] : written) written_paths.push_back(path);
  for (const auto& [path, text] : expected) expected_paths.push_back(path);
  CHECK(written_paths == expected_paths);
  for (const auto& [path, text] : expected) {
    auto it = written.find(path);
    if (it == written.end()) continue;
    INFO(path);
    CHECK(it->second == text);
  }
}

}  // namespace

void check_golden(const fs::path& dir, const GoldenRun& run) {
  if (std::getenv("IM_UPDATE_GOLDEN") != nullptr) {
    write_text(dir / "expected.stdout", run.out);
    write_text(dir / "expected.stderr", run.err);
    write_text(dir / "expected.exit", std::to_string(run.exit_code) + "\n");
    if (writes_files(dir)) write_tree(dir / "expected.files", run.files);
    return;
  }
  CHECK(run.err == read_text(dir / "expected.stderr"));
  CHECK(run.out == read_text(dir / "expected.stdout"));
  CHECK(std::to_string(run.exit_code) + "\n" == read_text(dir / "expected.exit"));
  if (writes_files(dir)) check_tree(run.files, read_tree(dir / "expected.files"));
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

std::map<std::string, std::string> read_tree(const fs::path& dir) {
  std::map<std::string, std::string> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files[e.path().lexically_relative(dir).generic_string()] = read_text(e.path());
  }
  return files;
}

void write_tree(const fs::path& dir, const std::map<std::string, std::string>& files) {
  fs::remove_all(dir);
  for (const auto& [path, content] : files) {
    fs::create_directories((dir / path).parent_path());
    write_text(dir / path, content);
  }
}

namespace {

/// A directory no other run (or test process) uses; not created.
fs::path fresh_output_dir() {
  static std::atomic<int> counter{0};
  fs::path p = fs::temp_directory_path() /
               ("im-golden-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(p);
  return p;
}

/// Runs the CLI in-process inside dir with exactly args.
GoldenRun run_in(const fs::path& dir, const std::vector<std::string>& args) {
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

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

}  // namespace

GoldenRun run_case(const fs::path& dir, std::vector<std::string> args) {
  if (args.empty()) args = read_args(dir);
  fs::path output_dir;
  for (auto& a : args) {
    if (a != kOutputDirToken) continue;
    if (output_dir.empty()) output_dir = fresh_output_dir();
    a = output_dir.string();
  }
  GoldenRun run = run_in(dir, args);
  if (!output_dir.empty()) {
    run.files = read_tree(output_dir);
    fs::remove_all(output_dir);
    replace_all(run.out, output_dir.string(), kOutputDirToken);
    replace_all(run.err, output_dir.string(), kOutputDirToken);
  }
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
