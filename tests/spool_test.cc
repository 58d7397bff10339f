#include "util/spool.h"

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

namespace fs = std::filesystem;

namespace {

// Sets TMPDIR for one test and puts the old value back.
struct TmpdirOverride {
  std::string old;
  bool had;
  explicit TmpdirOverride(const std::string& dir) {
    const char* v = ::getenv("TMPDIR");
    had = v != nullptr;
    if (had) old = v;
    ::setenv("TMPDIR", dir.c_str(), 1);
  }
  ~TmpdirOverride() {
    if (had) {
      ::setenv("TMPDIR", old.c_str(), 1);
    } else {
      ::unsetenv("TMPDIR");
    }
  }
};

// Text of `n` numbered lines, so a lost or repeated block shows.
std::string numbered_lines(int n) {
  std::string text;
  for (int i = 0; i < n; ++i) text += "line " + std::to_string(i) + "\n";
  return text;
}

size_t entries_in(const fs::path& dir) {
  size_t n = 0;
  for (auto it = fs::directory_iterator(dir); it != fs::directory_iterator(); ++it) ++n;
  return n;
}

}  // namespace

TEST_CASE("a spool under its memory limit keeps the text in memory and copies it out whole", "[spool]") {
  im::Spool spool(1 << 20);
  spool << "---\n" << std::string("kind: Gateway\n") << 'x' << '\n';
  CHECK(spool.size() == 20);
  CHECK_FALSE(spool.spilled());
  std::ostringstream out;
  CHECK(spool.copy_to(out).empty());
  CHECK(out.str() == "---\nkind: Gateway\nx\n");
}

TEST_CASE("a spool past its memory limit moves the text to an unlinked file and copies all of it back in order",
          "[spool]") {
  const fs::path dir = fs::temp_directory_path() / ("im-spool-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    TmpdirOverride tmpdir(dir.string());
    const std::string text = numbered_lines(20000);  // ~200 KB against a 4 KB limit
    im::Spool spool(4096);
    for (size_t i = 0; i < text.size(); i += 1000) spool << text.substr(i, 1000);
    CHECK(spool.spilled());
    CHECK(spool.size() == text.size());
    // The temporary file was unlinked as soon as it was made.
    CHECK(entries_in(dir) == 0);
    std::ostringstream out;
    CHECK(spool.copy_to(out).empty());
    CHECK(out.str() == text);
  }
  fs::remove_all(dir);
}

TEST_CASE("a spool whose temporary directory cannot be used keeps everything in memory", "[spool]") {
  TmpdirOverride tmpdir("/nonexistent/ingress-migrate-spool-test");
  const std::string text = numbered_lines(5000);
  im::Spool spool(1024);
  spool << text;
  CHECK_FALSE(spool.spilled());
  std::ostringstream out;
  CHECK(spool.copy_to(out).empty());
  CHECK(out.str() == text);
}
