#include "emit/write_output_files.h"

#include <algorithm>
#include <set>
#include <system_error>

#include "util/atomic_write.h"

namespace im {

std::vector<std::string> write_output_files(const std::filesystem::path& dir,
                                            const std::vector<OutputFile>& files, bool force) {
  namespace fs = std::filesystem;
  std::vector<std::string> errors;
  std::string error;
  if (!ensure_directory(dir, error)) return {dir.string() + ": error: " + error};
  std::set<fs::path> swept;
  for (const auto& file : files) {
    fs::path path = dir / file.path;
    if (!is_inside(dir, path)) {
      errors.push_back(path.string() + ": error: would be written outside " + dir.string() +
                       " through a symbolic link; not written");
      continue;
    }
    if (!ensure_directory(path.parent_path(), error)) {
      errors.push_back(path.parent_path().string() + ": error: " + error);
      continue;
    }
    // Temporaries of runs killed mid-write (kill -9) would stay forever.
    if (swept.insert(path.parent_path()).second) sweep_stale_temporaries(path.parent_path());
    switch (write_file_atomically(path, file.content, force, error)) {
      case WriteResult::Written:
      case WriteResult::Unchanged:
        break;
      case WriteResult::Exists:
        errors.push_back(path.string() + ": error: file exists with other content; not overwritten (use --force)");
        break;
      case WriteResult::Error:
        errors.push_back(path.string() + ": error: " + error);
        break;
    }
  }
  return errors;
}

}  // namespace im

namespace im {

std::vector<std::string> remove_stale_outputs(const std::filesystem::path& dir,
                                              const std::vector<OutputFile>& files,
                                              std::vector<std::string>& errors) {
  namespace fs = std::filesystem;
  std::set<std::string> wanted;
  for (const auto& f : files) wanted.insert(f.path);
  std::vector<fs::path> stale;
  std::error_code ec;
  // The same files `convert --check` counts as part of the output: the
  // manifests below dir, links not followed.
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const std::string ext = it->path().extension().string();
    if (!it->is_regular_file(ec) || it->is_symlink(ec) || (ext != ".yaml" && ext != ".yml" && ext != ".json")) {
      continue;
    }
    if (wanted.count(it->path().lexically_relative(dir).generic_string()) == 0) stale.push_back(it->path());
  }
  if (ec) errors.push_back(dir.string() + ": error: " + ec.message());
  std::sort(stale.begin(), stale.end());
  std::vector<std::string> removed;
  for (const fs::path& p : stale) {
    if (fs::remove(p, ec)) {
      removed.push_back(p.string());
    } else if (ec) {
      errors.push_back(p.string() + ": error: cannot remove stale file: " + ec.message());
    }
  }
  return removed;
}

}  // namespace im
