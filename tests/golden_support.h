#pragma once
// Helpers for the data-driven golden tests.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace im::testing {

struct GoldenRun {
  std::string out;
  std::string err;
  int exit_code = 0;
  /// With kOutputDirToken in the args: every file written there, by path.
  std::map<std::string, std::string> files;
};

/// An argument standing for a fresh temporary directory. The run's files
/// there become GoldenRun::files (compared with the case's expected.files/),
/// and the directory's path in stdout and stderr is spelled as the token.
constexpr const char* kOutputDirToken = "$OUTPUT_DIR";

/// Every regular file below dir, by path relative to it ('/'-separated).
std::map<std::string, std::string> read_tree(const std::filesystem::path& dir);
/// Replaces dir with exactly these files.
void write_tree(const std::filesystem::path& dir, const std::map<std::string, std::string>& files);

std::filesystem::path testdata_dir();
/// Every folder below testdata/ that has an `args` file, sorted.
std::vector<std::filesystem::path> golden_cases();
std::string read_text(const std::filesystem::path& p);
void write_text(const std::filesystem::path& p, const std::string& text);
std::vector<std::string> read_args(const std::filesystem::path& dir);
/// Runs the CLI in-process inside `dir` with its args (or `args`).
GoldenRun run_case(const std::filesystem::path& dir, std::vector<std::string> args = {});
/// Compares a run with dir/expected.{stdout,stderr,exit} (Catch CHECKs), or
/// rewrites those files when IM_UPDATE_GOLDEN is set.
void check_golden(const std::filesystem::path& dir, const GoldenRun& run);
/// The same arguments with the order of the -f values reversed.
std::vector<std::string> reverse_inputs(const std::vector<std::string>& args);
/// Parses a YAML stream and validates every object; returns the problems.
/// With `experimental`, HTTPRoutes and GRPCRoutes are checked against the
/// experimental-channel CRDs (the case ran with --experimental).
/// With `only_gateway_api`, documents of other API groups are skipped (the
/// output of --in-place-stream passes them through from the input).
std::vector<std::string> validate_emitted(const std::string& yaml_stream, bool experimental = false,
                                          bool only_gateway_api = false);

}  // namespace im::testing
