#include "parse/input.h"

#include "parse/text_scan.h"
#include "parse/utf16.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <istream>
#include <set>
#include <utility>

#include "parse/path_filter.h"

namespace im {

namespace {

const char* const kStdinOrigin = "<stdin>";

bool is_manifest_name(const std::string& name) {
  for (const char* ext : {".yaml", ".yml", ".json"}) {
    const size_t n = std::strlen(ext);
    if (name.size() > n && name.compare(name.size() - n, n, ext) == 0) return true;
  }
  return false;
}

std::string join_path(const std::string& dir, const std::string& name) {
  if (!dir.empty() && dir.back() == '/') return dir + name;
  return dir + '/' + name;
}

void unreadable(Findings& findings, const std::string& origin, const std::string& what, int err) {
  findings.error(Location{std::make_shared<const std::string>(origin), 0, 0},
                 what + ": " + std::strerror(err), kUnreadableInput);
}

using DirId = std::pair<dev_t, ino_t>;

// Walks one directory argument. Directories are identified by device and
// inode, so a symlink back to an ancestor (a loop) is reported and not
// followed, and a directory reached twice through links is read once
// rather than producing every object twice.
class DirectoryWalk {
 public:
  DirectoryWalk(Findings& findings, std::vector<InputFile>& out, PathFilter filter)
      : findings_(findings), out_(out), filter_(std::move(filter)) {}

  void run(const std::string& root, const struct stat& st) {
    root_ = root;
    char* real = ::realpath(root.c_str(), nullptr);
    real_root_ = real ? real : root;
    std::free(real);
    read_ignore_file();
    visit(root, DirId{st.st_dev, st.st_ino});
    std::sort(found_.begin(), found_.end());
    for (std::string& path : found_) {
      auto origin = std::make_shared<const std::string>(path);
      out_.push_back(InputFile{std::move(path), std::move(origin), true});
    }
  }

 private:
  void visit(const std::string& dir, DirId id) {
    seen_.insert(id);
    ancestors_.push_back({id, dir});
    DIR* d = opendir(dir.c_str());
    if (d == nullptr) {
      unreadable(findings_, dir, "cannot read directory", errno);
      ancestors_.pop_back();
      return;
    }
    std::vector<std::string> names;
    while (const dirent* e = readdir(d)) {
      const std::string name = e->d_name;
      if (name != "." && name != "..") names.push_back(name);
    }
    closedir(d);
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      const std::string path = join_path(dir, name);
      if (name == kIgnoreFileName) continue;
      struct stat st;
      if (stat(path.c_str(), &st) != 0) {
        // A dangling link named like a manifest was meant to be read.
        if (is_manifest_name(name)) unreadable(findings_, path, "cannot read input", errno);
        continue;
      }
      if (filter_.excluded(relative(path), S_ISDIR(st.st_mode))) continue;
      if (S_ISDIR(st.st_mode)) {
        const DirId child{st.st_dev, st.st_ino};
        auto loop = std::find_if(ancestors_.begin(), ancestors_.end(),
                                 [&](const auto& a) { return a.first == child; });
        if (leaves_tree(path)) {
          findings_.warning(Location{std::make_shared<const std::string>(path), 0, 0},
                            "symbolic link to a directory outside " + root_ + "; not followed",
                            "symlink-outside-tree");
        } else if (loop != ancestors_.end()) {
          findings_.warning(Location{std::make_shared<const std::string>(path), 0, 0},
                            "symbolic link loops back to " + loop->second + "; not followed",
                            "symlink-loop");
        } else if (seen_.count(child) == 0) {
          visit(path, child);
        }
      } else if (is_manifest_name(name) && !S_ISREG(st.st_mode)) {
        // A FIFO or device would block the walk or never end; named
        // directly with -f it is still read.
        findings_.info(Location{std::make_shared<const std::string>(path), 0, 0},
                       "not a regular file (a FIFO, socket or device); skipped in a directory walk, "
                       "name it with -f to read it",
                       "not-regular-file");
      } else if (is_manifest_name(name)) {
        found_.push_back(path);
      }
    }
    ancestors_.pop_back();
  }

  // Whether path is a symbolic link whose directory lies outside the tree
  // given with -f: following it would read (and print) unrelated files.
  bool leaves_tree(const std::string& path) const {
    struct stat lst;
    if (lstat(path.c_str(), &lst) != 0 || !S_ISLNK(lst.st_mode)) return false;
    char* real = ::realpath(path.c_str(), nullptr);
    if (real == nullptr) return true;
    const std::string target = real;
    std::free(real);
    const std::string prefix = real_root_ == "/" ? "/" : real_root_ + "/";
    return target != real_root_ && target.compare(0, prefix.size(), prefix) != 0;
  }

  // The root's .ingress-migrate-ignore adds its patterns after --exclude's.
  void read_ignore_file() {
    const std::string path = join_path(root_, kIgnoreFileName);
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    std::string text;
    char buf[4096];
    for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0 && text.size() < (1u << 20);) {
      text.append(buf, static_cast<size_t>(n));
    }
    close(fd);
    filter_.add_lines(text);
  }

  std::string relative(const std::string& path) const {
    std::string rel = path.substr(root_.size());
    while (!rel.empty() && rel[0] == '/') rel = rel.substr(1);
    return rel;
  }

  Findings& findings_;
  std::vector<InputFile>& out_;
  PathFilter filter_;
  std::string root_;
  std::string real_root_;
  std::vector<std::string> found_;
  std::set<DirId> seen_;
  std::vector<std::pair<DirId, std::string>> ancestors_;
};

// A named file "deploy/values.yaml" is left out by "values.yaml" and by
// "deploy/values.yaml" alike: try the path from each of its "/" on.
bool glob_match_any_suffix(const PathFilter& filter, const std::string& path) {
  for (size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
    if (filter.excluded(path.substr(slash + 1), false)) return true;
  }
  return false;
}

}  // namespace

std::vector<InputFile> expand_inputs(const std::vector<std::string>& paths, Findings& findings,
                                     const std::vector<std::string>& exclude) {
  PathFilter filter;
  for (const std::string& glob : exclude) filter.add(glob);
  std::vector<InputFile> out;
  for (const std::string& path : paths) {
    if (path == "-") {
      out.push_back(InputFile{"", std::make_shared<const std::string>(kStdinOrigin), false});
      continue;
    }
    struct stat st;
    if (stat(path.c_str(), &st) != 0) {
      unreadable(findings, path, "cannot read input", errno);
    } else if (S_ISDIR(st.st_mode)) {
      DirectoryWalk(findings, out, filter).run(path, st);
    } else if (!filter.empty() && (filter.excluded(path, false) ||
                                   glob_match_any_suffix(filter, path))) {
      continue;
    } else {
      // Any named file is read whatever its extension, including pipes
      // such as bash's <(...) process substitution.
      out.push_back(InputFile{path, std::make_shared<const std::string>(path), false});
    }
  }
  return out;
}

namespace {

// Bytes read in fixed chunks, joined once at the end into a string of the
// exact size: a growing string would double its capacity and, near a large
// limit, hold twice the input while it copies.
class ChunkedText {
 public:
  static constexpr size_t kChunk = 1 << 20;
  size_t size() const { return size_; }
  char* room(size_t& n) {
    if (chunks_.empty() || chunks_.back().size() == kChunk) {
      chunks_.emplace_back();
      chunks_.back().reserve(kChunk);
    }
    n = std::min(n, kChunk - chunks_.back().size());
    const size_t at = chunks_.back().size();
    chunks_.back().resize(at + n);
    return chunks_.back().data() + at;
  }
  void used(size_t asked, size_t got) {
    chunks_.back().resize(chunks_.back().size() - asked + got);
    size_ += got;
  }
  std::string take() {
    std::string out;
    out.reserve(size_);
    for (std::string& c : chunks_) {
      out += c;
      std::string().swap(c);
    }
    chunks_.clear();
    return out;
  }

 private:
  std::vector<std::string> chunks_;
  size_t size_ = 0;
};

}  // namespace

namespace {

// The first bytes of an input, to stop reading one that is plainly binary
// (/dev/zero, an image) once they show it, not at --max-file-bytes: the
// parse then reports the same "binary" error at the same place.
class BinaryHead {
 public:
  static constexpr size_t kBytes = 64 * 1024;
  /// Takes the next `n` bytes read; true once the head is full and binary.
  bool binary_after(const char* data, size_t n) {
    if (decided_) return false;
    head_.append(data, std::min(n, kBytes - head_.size()));
    if (head_.size() < kBytes) return false;
    decided_ = true;
    if (detect_wide_encoding(head_) != WideEncoding::None) return false;
    return find_binary_byte(strip_bom(head_)) != std::string_view::npos;
  }

 private:
  std::string head_;
  bool decided_ = false;
};

}  // namespace

std::optional<std::string> read_input(const InputFile& input, std::istream& stdin_stream,
                                      Findings& findings, size_t max_bytes, bool* over_limit) {
  const size_t cap = max_bytes + 1;
  auto finish = [&](ChunkedText& text) -> std::string {
    if (over_limit && text.size() > max_bytes) {
      *over_limit = true;
      return std::string();
    }
    return text.take();
  };
  if (input.is_stdin()) {
    ChunkedText text;
    BinaryHead head;
    while (text.size() < cap) {
      size_t n = cap - text.size();
      char* at = text.room(n);
      stdin_stream.read(at, static_cast<std::streamsize>(n));
      const auto got = static_cast<size_t>(stdin_stream.gcount());
      text.used(n, got);
      if (!stdin_stream || head.binary_after(at, got)) break;
    }
    if (stdin_stream.bad()) {
      findings.error(Location{input.origin, 0, 0}, "cannot read input: read error",
                     kUnreadableInput);
      return std::nullopt;
    }
    return finish(text);
  }

  const int fd = open(input.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    unreadable(findings, *input.origin, "cannot read input", errno);
    return std::nullopt;
  }
  ChunkedText text;
  BinaryHead head;
  while (text.size() < cap) {
    size_t want = cap - text.size();
    char* at = text.room(want);
    const ssize_t n = read(fd, at, want);
    text.used(want, n > 0 ? static_cast<size_t>(n) : 0);
    if (n == 0) break;
    if (n > 0 && head.binary_after(at, static_cast<size_t>(n))) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      close(fd);
      unreadable(findings, *input.origin, "cannot read input", err);
      return std::nullopt;
    }
  }
  close(fd);
  return finish(text);
}

bool is_one_of_inputs(const std::string& file, const std::vector<InputFile>& inputs) {
  struct stat target;
  if (stat(file.c_str(), &target) != 0) return false;
  for (const InputFile& input : inputs) {
    struct stat st;
    if (!input.is_stdin() && stat(input.path.c_str(), &st) == 0 && st.st_dev == target.st_dev &&
        st.st_ino == target.st_ino) {
      return true;
    }
  }
  return false;
}

bool has_unreadable_input(const Findings& findings) {
  const auto& items = findings.items();
  return std::any_of(items.begin(), items.end(),
                     [](const Finding& f) { return f.rule_id == kUnreadableInput; });
}

}  // namespace im
