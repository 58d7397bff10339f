#pragma once
// Writing output files so that a reader (or a crash) never sees half a file,
// an existing file is not replaced by accident, and nothing is written
// through a symbolic link out of the output directory.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace im {

enum class WriteResult {
  Written,    ///< the file now holds the new content
  Unchanged,  ///< the file already held exactly this content; not touched
  Exists,     ///< the file exists with other content and force was not given
  Error,      ///< nothing was written; see the error text
};

/// Writes content to a unique temporary file next to path and fsyncs it.
/// Without force the file is published with link(), which fails rather
/// than replace a file another process created meanwhile: concurrent runs
/// never overwrite each other (the loser gets Exists, or Unchanged if the
/// content is the same). With force it is renamed over path, keeping an
/// existing file's permission bits: every file is whole, and when runs race
/// the last rename wins file by file. A symbolic link at path is refused,
/// never followed. error is set (with the strerror text) only for
/// WriteResult::Error.
WriteResult write_file_atomically(const std::filesystem::path& path, std::string_view content,
                                  bool force, std::string& error);

/// Whether file lies strictly below dir once the symbolic links of its
/// existing parents (and of dir) are resolved; file's last component is not
/// resolved, since write_file_atomically refuses links there anyway.
bool is_inside(const std::filesystem::path& dir, const std::filesystem::path& file);

/// Removes from dir the temporary files write_file_atomically left when its
/// process died mid-write (".NAME.tmp-PID-N" whose PID no longer runs);
/// returns their paths. Nothing else is touched.
std::vector<std::string> sweep_stale_temporaries(const std::filesystem::path& dir);

/// Creates dir and its missing parents; true if it exists as a directory.
bool ensure_directory(const std::filesystem::path& dir, std::string& error);

}  // namespace im
