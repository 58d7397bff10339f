#include "util/atomic_write.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <deque>
#include <optional>

#include "util/interrupt.h"

namespace im {

namespace fs = std::filesystem;

namespace {

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

std::string errno_text() { return std::strerror(errno); }

// Closes a descriptor on every path out of a function.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  /// Closes now, reporting the error close() can return (NFS reports
  /// deferred write errors there).
  bool close() {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

// Whether the regular file at path holds exactly content. Sets error and
// returns nullopt when it cannot be read.
std::optional<bool> same_content(const fs::path& path, off_t size, std::string_view content,
                                 std::string& error) {
  if (static_cast<size_t>(size) != content.size()) return false;
  Fd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) {
    error = "cannot read " + quoted(path) + ": " + errno_text();
    return std::nullopt;
  }
  std::string existing(content.size() + 1, '\0');  // +1 notices a file that grew
  size_t have = 0;
  while (have < existing.size()) {
    const ssize_t n = ::read(fd.get(), existing.data() + have, existing.size() - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = "cannot read " + quoted(path) + ": " + errno_text();
      return std::nullopt;
    }
    if (n == 0) break;
    have += static_cast<size_t>(n);
  }
  return have == content.size() && std::string_view(existing.data(), have) == content;
}

bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    content.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// Opens a new file next to the target. O_EXCL makes the name ours even if a
// crashed run left one behind; the pid and counter make clashes rare.
int create_temp(const fs::path& dir, const std::string& base, fs::path& temp) {
  static std::atomic<unsigned> counter{0};
  // Keep the name under NAME_MAX (255) however long the target's name is.
  const std::string stem = "." + base.substr(0, 200) + ".tmp-" + std::to_string(::getpid()) + "-";
  for (int attempt = 0; attempt < 100; ++attempt) {
    temp = dir / (stem + std::to_string(counter++));
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  return -1;
}

enum class Publish { Done, Taken, Failed };

// Gives the complete file temp the name path unless path exists. link()
// fails with EEXIST instead of replacing, atomically. File systems without
// hard links get the name claimed by an exclusive create first, then the
// content renamed over the claim: still no clobbering, though a reader may
// see the empty claim for a moment.
Publish publish_exclusively(const fs::path& temp, const fs::path& path, std::string& error) {
  if (::link(temp.c_str(), path.c_str()) == 0) return Publish::Done;
  if (errno == EEXIST) return Publish::Taken;
  if (errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP || errno == EMLINK || errno == ENOSYS) {
    const int claim = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (claim < 0 && errno == EEXIST) return Publish::Taken;
    if (claim >= 0) {
      ::close(claim);
      if (::rename(temp.c_str(), path.c_str()) == 0) return Publish::Done;
      ::unlink(path.c_str());
    }
  }
  error = "cannot write " + quoted(path) + ": " + errno_text();
  return Publish::Failed;
}

}  // namespace

WriteResult write_file_atomically(const fs::path& path, std::string_view content, bool force,
                                  std::string& error) {
  struct stat st {};
  const bool exists = ::lstat(path.c_str(), &st) == 0;
  if (!exists && errno != ENOENT) {
    error = "cannot write " + quoted(path) + ": " + errno_text();
    return WriteResult::Error;
  }
  if (exists) {
    if (S_ISLNK(st.st_mode)) {
      error = "refusing to write " + quoted(path) + ": it is a symbolic link";
      return WriteResult::Error;
    }
    if (!S_ISREG(st.st_mode)) {
      error = "refusing to write " + quoted(path) + ": not a regular file";
      return WriteResult::Error;
    }
    // Identical content is left alone even with force, so timestamps (and
    // build tools watching them) only move when something changed.
    const std::optional<bool> same = same_content(path, st.st_size, content, error);
    if (!same) return WriteResult::Error;
    if (*same) return WriteResult::Unchanged;
    if (!force) return WriteResult::Exists;
  }

  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  fs::path temp;
  Fd fd(create_temp(dir, path.filename().string(), temp));
  if (fd.get() < 0) {
    error = "cannot create a temporary file in " + quoted(dir) + ": " + errno_text();
    return WriteResult::Error;
  }
  const ScopedTemporary interrupt_cleanup(temp.c_str());
  const bool ok = (!exists || ::fchmod(fd.get(), st.st_mode & 07777) == 0) &&
                  write_all(fd.get(), content) && ::fsync(fd.get()) == 0 && fd.close();
  if (!ok) {
    error = "cannot write " + quoted(path) + ": " + errno_text();
    ::unlink(temp.c_str());
    return WriteResult::Error;
  }
  if (!force) {
    // Another run may have created path since the lstat above: publish
    // only if the name is still free, so a file never replaces one that it
    // was not allowed to (checking first and renaming after would).
    const Publish published = publish_exclusively(temp, path, error);
    ::unlink(temp.c_str());
    if (published == Publish::Taken) {
      if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return WriteResult::Exists;
      const std::optional<bool> same = same_content(path, st.st_size, content, error);
      if (!same) return WriteResult::Error;
      return *same ? WriteResult::Unchanged : WriteResult::Exists;
    }
    if (published == Publish::Failed) return WriteResult::Error;
  } else if (::rename(temp.c_str(), path.c_str()) != 0) {
    // rename() replaces a symbolic link rather than following it, so a link
    // planted between the lstat above and here still cannot redirect the write.
    error = "cannot write " + quoted(path) + ": " + errno_text();
    ::unlink(temp.c_str());
    return WriteResult::Error;
  }
  // Make the rename itself durable. Some file systems cannot fsync a
  // directory; the file is complete either way, so failure is not an error.
  Fd dir_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir_fd.get() >= 0) ::fsync(dir_fd.get());
  return WriteResult::Written;
}

namespace {

// p made absolute the way the kernel walks it: symbolic links are followed
// (the last component's only if resolve_last) and ".." applies to the
// resolved path. Components that do not exist yet count as the directories
// they will become. std::filesystem::weakly_canonical is not enough: it
// applies ".." after a missing component lexically, so "out/new/../link/x"
// would hide that out/link points elsewhere once out/new is created.
std::optional<fs::path> resolve(const fs::path& p, bool resolve_last) {
  constexpr int kMaxLinks = 40;  // Linux's limit before ELOOP
  std::error_code ec;
  fs::path cur = p.is_absolute() ? p.root_path() : fs::current_path(ec);
  if (ec) return std::nullopt;
  const fs::path rel = p.relative_path();
  std::deque<fs::path> todo(rel.begin(), rel.end());
  int links = 0;
  while (!todo.empty()) {
    const fs::path part = todo.front();
    todo.pop_front();
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      cur = cur.parent_path();
      continue;
    }
    fs::path next = cur / part;
    struct stat st {};
    const bool follow = !todo.empty() || resolve_last;
    if (follow && ::lstat(next.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
      if (++links > kMaxLinks) return std::nullopt;
      const fs::path target = fs::read_symlink(next, ec);
      if (ec) return std::nullopt;
      if (target.is_absolute()) cur = target.root_path();
      const fs::path target_rel = target.relative_path();
      todo.insert(todo.begin(), target_rel.begin(), target_rel.end());
      continue;
    }
    cur = std::move(next);
  }
  return cur;
}

}  // namespace

bool is_inside(const fs::path& dir, const fs::path& file) {
  const std::optional<fs::path> d = resolve(dir, true);
  const std::optional<fs::path> f = resolve(file, false);
  if (!d || !f) return false;
  auto fi = f->begin();
  for (const fs::path& part : *d) {
    if (fi == f->end() || *fi != part) return false;
    ++fi;
  }
  return fi != f->end();
}

namespace {

// The pid in a name create_temp() made (".NAME.tmp-PID-N"), or 0.
pid_t temporary_owner(const std::string& name) {
  if (name.size() < 2 || name[0] != '.') return 0;
  const size_t tmp = name.rfind(".tmp-");
  if (tmp == std::string::npos || tmp == 0) return 0;
  const std::string rest = name.substr(tmp + 5);
  const size_t dash = rest.find('-');
  if (dash == 0 || dash == std::string::npos || dash + 1 == rest.size()) return 0;
  auto all_digits = [](const std::string& s) { return s.find_first_not_of("0123456789") == std::string::npos; };
  const std::string pid = rest.substr(0, dash);
  if (!all_digits(pid) || !all_digits(rest.substr(dash + 1)) || pid.size() > 9) return 0;
  return static_cast<pid_t>(std::stol(pid));
}

}  // namespace

std::vector<std::string> sweep_stale_temporaries(const fs::path& dir) {
  std::vector<std::string> removed;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const pid_t owner = temporary_owner(name);
    if (owner <= 0 || owner == ::getpid()) continue;
    struct stat st {};
    if (::lstat(it->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    // Only a dead writer's file is litter; a live one is still writing it.
    // (A recycled pid keeps a file a little longer, never loses one.)
    if (::kill(owner, 0) == 0 || errno != ESRCH) continue;
    if (::unlink(it->path().c_str()) == 0) removed.push_back(it->path().string());
  }
  return removed;
}

bool ensure_directory(const fs::path& dir, std::string& error) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (!ec && fs::is_directory(dir, ec)) return true;
  error = "cannot create directory " + quoted(dir) + ": " +
          (ec ? ec.message() : std::strerror(ENOTDIR));
  return false;
}

}  // namespace im
