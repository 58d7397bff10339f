#include "emit/output_drift.h"

#include <fstream>
#include <map>
#include <sstream>

#include "util/text.h"
#include "util/unified_diff.h"

namespace im {

namespace fs = std::filesystem;

namespace {

bool read_file(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return !in.bad();
}

bool is_manifest(const fs::path& p) {
  std::string ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

}  // namespace

Drift output_dir_drift(const fs::path& dir, const std::vector<OutputFile>& files) {
  Drift drift;
  // Every path once, sorted, so the diff reads like `git diff` of the directory.
  std::map<std::string, const OutputFile*> wanted;
  for (const auto& f : files) wanted[f.path] = &f;
  std::map<std::string, bool> present;  // relative path -> also wanted
  std::error_code ec;
  if (fs::is_directory(dir, ec)) {
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (!it->is_regular_file(ec) || !is_manifest(it->path())) continue;
      present[it->path().lexically_relative(dir).generic_string()] = true;
    }
    if (ec) drift.problems.push_back(dir.string() + ": error: " + ec.message());
  }
  std::map<std::string, bool> all = present;
  for (const auto& [path, f] : wanted) all[path] = true;

  for (const auto& [rel, unused] : all) {
    (void)unused;
    std::string shown = (dir / rel).generic_string();
    auto w = wanted.find(rel);
    std::string now;
    if (present.count(rel) && !read_file(dir / rel, now)) {
      drift.problems.push_back(shown + ": error: cannot read");
      continue;
    }
    if (w == wanted.end()) {
      drift.diff += unified_diff(now, "", shown, "/dev/null");
    } else if (!present.count(rel)) {
      drift.diff += unified_diff("", w->second->content, "/dev/null", shown);
    } else {
      drift.diff += unified_diff(now, w->second->content, shown, shown);
    }
  }
  return drift;
}

}  // namespace im
