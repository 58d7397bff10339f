#include "util/atomic_write.h"

#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

namespace fs = std::filesystem;
using im::WriteResult;

namespace {

// A fresh directory per test, removed afterwards.
struct TempDir {
  fs::path path;
  TempDir() {
    static std::atomic<int> n{0};
    path = fs::temp_directory_path() /
           ("im-write-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void put(const fs::path& p, const std::string& content) {
  std::ofstream(p, std::ios::binary) << content;
}

std::vector<std::string> names(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("write_file_atomically creates a new file and leaves no temp file", "[write]") {
  TempDir dir;
  const fs::path file = dir.path / "route.yaml";
  std::string error;
  CHECK(im::write_file_atomically(file, "kind: HTTPRoute\n", false, error) ==
        WriteResult::Written);
  CHECK(error == "");
  CHECK(read(file) == "kind: HTTPRoute\n");
  CHECK(names(dir.path) == Names{"route.yaml"});
}

TEST_CASE("write_file_atomically leaves an existing file alone without force", "[write]") {
  TempDir dir;
  const fs::path file = dir.path / "route.yaml";
  put(file, "old\n");
  std::string error;
  CHECK(im::write_file_atomically(file, "new\n", false, error) == WriteResult::Exists);
  CHECK(error == "");
  CHECK(read(file) == "old\n");
  CHECK(names(dir.path) == Names{"route.yaml"});
}

TEST_CASE("write_file_atomically does not touch a file that already has the content",
          "[write]") {
  TempDir dir;
  const fs::path file = dir.path / "route.yaml";
  put(file, "same\n");
  const auto old_time = fs::file_time_type::clock::now() - std::chrono::hours(1);
  fs::last_write_time(file, old_time);
  std::string error;
  CHECK(im::write_file_atomically(file, "same\n", false, error) == WriteResult::Unchanged);
  CHECK(im::write_file_atomically(file, "same\n", true, error) == WriteResult::Unchanged);
  CHECK(error == "");
  CHECK(fs::last_write_time(file) == old_time);
  // A prefix or an extension of the content is not the same content.
  CHECK(im::write_file_atomically(file, "same", false, error) == WriteResult::Exists);
  CHECK(im::write_file_atomically(file, "same\n\n", false, error) == WriteResult::Exists);
}

TEST_CASE("write_file_atomically with force replaces a file and keeps its mode", "[write]") {
  TempDir dir;
  const fs::path file = dir.path / "route.yaml";
  put(file, "old content that is longer\n");
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  std::string error;
  CHECK(im::write_file_atomically(file, "new\n", true, error) == WriteResult::Written);
  CHECK(error == "");
  CHECK(read(file) == "new\n");
  CHECK((fs::status(file).permissions() & fs::perms::mask) ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
  CHECK(names(dir.path) == Names{"route.yaml"});
}

TEST_CASE("write_file_atomically refuses a symbolic link at the target", "[write]") {
  TempDir dir;
  const fs::path victim = dir.path / "victim";
  const fs::path link = dir.path / "route.yaml";
  put(victim, "precious\n");
  fs::create_symlink(victim, link);
  std::string error;
  CHECK(im::write_file_atomically(link, "evil\n", true, error) == WriteResult::Error);
  CHECK(error == "refusing to write '" + link.string() + "': it is a symbolic link");
  CHECK(fs::is_symlink(link));
  CHECK(read(victim) == "precious\n");

  const fs::path dangling = dir.path / "dangling.yaml";
  fs::create_symlink(dir.path / "missing", dangling);
  CHECK(im::write_file_atomically(dangling, "evil\n", true, error) == WriteResult::Error);
  CHECK(error == "refusing to write '" + dangling.string() + "': it is a symbolic link");
  CHECK_FALSE(fs::exists(dir.path / "missing"));
}

TEST_CASE("write_file_atomically refuses a directory at the target", "[write]") {
  TempDir dir;
  fs::create_directory(dir.path / "out");
  std::string error;
  CHECK(im::write_file_atomically(dir.path / "out", "x", true, error) == WriteResult::Error);
  CHECK(error == "refusing to write '" + (dir.path / "out").string() + "': not a regular file");
}

TEST_CASE("write_file_atomically reports a parent that is not a directory", "[write]") {
  TempDir dir;
  put(dir.path / "file", "x");
  const fs::path target = dir.path / "file" / "route.yaml";
  std::string error;
  CHECK(im::write_file_atomically(target, "y", false, error) == WriteResult::Error);
  CHECK(error == "cannot write '" + target.string() + "': Not a directory");
  CHECK(names(dir.path) == Names{"file"});
}

TEST_CASE("write_file_atomically removes its temp file when writing fails", "[write]") {
  // Tests run as root, so permissions cannot make a write fail; a file size
  // limit can. Catch may print nothing while the limit is in force.
  TempDir dir;
  const fs::path file = dir.path / "route.yaml";
  put(file, "old\n");
  const std::string big(4096, 'x');
  std::string error;
  rlimit saved{};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
  rlimit small = saved;
  small.rlim_cur = 16;
  auto* const old_handler = ::signal(SIGXFSZ, SIG_IGN);
  ::setrlimit(RLIMIT_FSIZE, &small);
  const WriteResult result = im::write_file_atomically(file, big, true, error);
  ::setrlimit(RLIMIT_FSIZE, &saved);
  ::signal(SIGXFSZ, old_handler);

  CHECK(result == WriteResult::Error);
  CHECK(error == "cannot write '" + file.string() + "': File too large");
  CHECK(read(file) == "old\n");
  CHECK(names(dir.path) == Names{"route.yaml"});
}

TEST_CASE("is_inside accepts paths below the directory", "[write]") {
  TempDir dir;
  const fs::path out = dir.path / "out";
  fs::create_directories(out / "sub");
  CHECK(im::is_inside(out, out / "a.yaml"));
  CHECK(im::is_inside(out, out / "sub" / ".." / "a.yaml"));
  CHECK(im::is_inside(out, out / "new" / "deeper" / "a.yaml"));
  CHECK(im::is_inside(out / "sub" / "..", out / "a.yaml"));
  // A link inside the directory that stays inside is fine.
  fs::create_directory_symlink(out / "sub", out / "alias");
  CHECK(im::is_inside(out, out / "alias" / "a.yaml"));
  // The last component is not followed: the writer refuses links there.
  fs::create_symlink("/etc/passwd", out / "passwd");
  CHECK(im::is_inside(out, out / "passwd"));
  // The directory itself may be reached through a link.
  fs::create_directory_symlink(out, dir.path / "out-link");
  CHECK(im::is_inside(dir.path / "out-link", out / "a.yaml"));
  CHECK(im::is_inside(out, dir.path / "out-link" / "a.yaml"));
}

TEST_CASE("is_inside rejects paths that escape the directory", "[write]") {
  TempDir dir;
  const fs::path out = dir.path / "out";
  const fs::path elsewhere = dir.path / "elsewhere";
  fs::create_directories(out);
  fs::create_directories(elsewhere);
  fs::create_directory_symlink(elsewhere, out / "escape");
  fs::create_directory_symlink("../elsewhere", out / "relative-escape");
  CHECK_FALSE(im::is_inside(out, out));
  CHECK_FALSE(im::is_inside(out, out / "."));
  CHECK_FALSE(im::is_inside(out, out / ".." / "a.yaml"));
  CHECK_FALSE(im::is_inside(out, out / "escape" / "a.yaml"));
  CHECK_FALSE(im::is_inside(out, out / "relative-escape" / "a.yaml"));
  CHECK_FALSE(im::is_inside(out, out / "escape" / ".." / "a.yaml"));
  CHECK_FALSE(im::is_inside(out, dir.path / "outside.yaml"));
  CHECK_FALSE(im::is_inside(out, dir.path / "out2" / "a.yaml"));
  // ".." after a directory that does not exist yet still lands on the link.
  CHECK_FALSE(im::is_inside(out, out / "new" / ".." / "escape" / "a.yaml"));
  // A loop of links resolves to nothing.
  fs::create_symlink("loop-b", out / "loop-a");
  fs::create_symlink("loop-a", out / "loop-b");
  CHECK_FALSE(im::is_inside(out, out / "loop-a" / "a.yaml"));
}

TEST_CASE("ensure_directory creates missing parents", "[write]") {
  TempDir dir;
  std::string error;
  CHECK(im::ensure_directory(dir.path / "a" / "b" / "c", error));
  CHECK(fs::is_directory(dir.path / "a" / "b" / "c"));
  CHECK(im::ensure_directory(dir.path / "a" / "b" / "c", error));
  CHECK(error == "");
}

TEST_CASE("ensure_directory reports a file in the way", "[write]") {
  TempDir dir;
  put(dir.path / "file", "x");
  std::string error;
  CHECK_FALSE(im::ensure_directory(dir.path / "file", error));
  CHECK(error == "cannot create directory '" + (dir.path / "file").string() +
                     "': Not a directory");
  CHECK_FALSE(im::ensure_directory(dir.path / "file" / "sub", error));
  CHECK(error == "cannot create directory '" + (dir.path / "file" / "sub").string() +
                     "': Not a directory");
}
