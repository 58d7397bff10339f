#include "emit/write_output_files.h"

#include "util/atomic_write.h"

namespace im {

std::vector<std::string> write_output_files(const std::filesystem::path& dir,
                                            const std::vector<OutputFile>& files, bool force) {
  namespace fs = std::filesystem;
  std::vector<std::string> errors;
  std::string error;
  if (!ensure_directory(dir, error)) return {dir.string() + ": error: " + error};
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
