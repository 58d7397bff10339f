// Nothing is lost or overwritten by accident: write failures on standard
// output, findings files that would replace an input, concurrent runs into
// one --output-dir, stale files after --force, and the temporaries of runs
// that were interrupted or killed.

#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <algorithm>
#include <iterator>
#include <sstream>
#include <streambuf>
#include <thread>

#include "cli.h"
#include "cluster/process.h"
#include "golden_support.h"
#include "parse/input.h"
#include "util/atomic_write.h"
#include "util/interrupt.h"
#include "util/text.h"

namespace fs = std::filesystem;
using namespace im;

namespace {

const std::string kBinary = IM_BINARY;
const std::string kQuickstart = std::string(IM_SOURCE_DIR) + "/examples/quickstart.yaml";

/// A fresh directory removed when the test ends.
struct ScratchDir {
  fs::path path;
  explicit ScratchDir(const std::string& name)
      : path(fs::temp_directory_path() / ("im-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~ScratchDir() { fs::remove_all(path); }
};

ProcessResult run_shell(const std::string& script) { return run_process({"bash", "-c", script}); }

}  // namespace

TEST_CASE("every command that prints to a full standard output exits 2 and says so", "[write]") {
  const std::string message =
      "ingress-migrate: error: cannot write to standard output: No space left on device; the output is "
      "incomplete\n";
  for (const std::string& args : {"lint -f " + kQuickstart, "report -f " + kQuickstart, std::string("rules list"),
                                 "convert -f " + kQuickstart + " -q", "convert -f " + kQuickstart + " -o json -q"}) {
    INFO(args);
    ProcessResult r = run_shell(kBinary + " " + args + " >/dev/full");
    CHECK(r.exit_status == 2);
    CHECK(r.err == message);
  }
}

TEST_CASE("convert to a full standard output prints no summary claiming what was not written", "[write]") {
  ProcessResult r = run_shell(kBinary + " convert -f " + kQuickstart + " >/dev/full");
  CHECK(r.exit_status == 2);
  // The findings still follow (the example's Ingresses are class-less, so
  // there are warnings), but no summary line claims what was not written.
  CHECK(r.err.rfind(
            "ingress-migrate: error: cannot write to standard output: No space left on device; the output is "
            "incomplete\n",
            0) == 0);
  CHECK(r.err.find("Ingresses →") == std::string::npos);
  ProcessResult stream = run_shell(kBinary + " convert --in-place-stream -f " + kQuickstart + " >/dev/full");
  CHECK(stream.exit_status == 2);
  CHECK(stream.err.find("cannot write to standard output: No space left on device") != std::string::npos);
  CHECK(stream.err.find("Ingresses →") == std::string::npos);
}

TEST_CASE("a findings file never replaces an input, and an existing file only with --force", "[write]") {
  ScratchDir dir("findings-file");
  const fs::path input = dir.path / "in.yaml";
  fs::copy_file(kQuickstart, input);
  const std::string original = testing::read_text(input);
  std::istringstream in;
  std::ostringstream out, err;
  cli::Io io{in, out, err};
  CHECK(cli::run({"convert", "-f", input.string(), "--findings-file", input.string(), "--force"}, io) == 2);
  CHECK(err.str() == input.string() +
                         ": error: --findings-file names an input file; refusing to overwrite it (not even with "
                         "--force)\n");
  CHECK(out.str() == "");
  CHECK(testing::read_text(input) == original);

  // Through the directory that holds it, too.
  err.str("");
  CHECK(cli::run({"convert", "-f", dir.path.string(), "--report", (dir.path / "." / "in.yaml").string()}, io) == 2);
  CHECK(testing::read_text(input) == original);

  const fs::path existing = dir.path / "findings.txt";
  testing::write_text(existing, "keep me\n");
  std::ostringstream out2, err2;
  cli::Io io2{in, out2, err2};
  CHECK(cli::run({"convert", "-f", input.string(), "-q", "--findings-file", existing.string()}, io2) == 2);
  CHECK(err2.str() == existing.string() + ": error: file exists with other content; not overwritten (use --force)\n");
  CHECK(testing::read_text(existing) == "keep me\n");
  std::ostringstream out3, err3;
  cli::Io io3{in, out3, err3};
  CHECK(cli::run({"convert", "-f", input.string(), "-q", "--findings-file", existing.string(), "--force"}, io3) == 0);
  CHECK(testing::read_text(existing) == "");
}

TEST_CASE("concurrent writers without force never replace each other's files", "[write]") {
  ScratchDir dir("no-clobber");
  constexpr int kWriters = 4;
  constexpr int kFiles = 60;
  std::atomic<int> written[kFiles] = {};
  std::atomic<int> winner[kFiles] = {};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kFiles; ++i) {
        std::string error;
        const std::string content = "writer " + std::to_string(w) + "\n";
        if (write_file_atomically(dir.path / (std::to_string(i) + ".yaml"), content, false, error) ==
            WriteResult::Written) {
          ++written[i];
          winner[i] = w;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kFiles; ++i) {
    INFO(i);
    CHECK(written[i] == 1);
    CHECK(testing::read_text(dir.path / (std::to_string(i) + ".yaml")) ==
          "writer " + std::to_string(winner[i].load()) + "\n");
  }
  // No temporary is left behind either.
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == kFiles);
}

TEST_CASE("convert --output-dir --force removes the files an earlier run wrote that this output lacks", "[write]") {
  ScratchDir dir("stale");
  const fs::path out_dir = dir.path / "out";
  fs::create_directories(out_dir / "old-ns");
  testing::write_text(out_dir / "old-ns" / "httproute-gone.yaml", "---\nkind: HTTPRoute\n");
  testing::write_text(out_dir / "notes.txt", "not a manifest\n");
  std::istringstream in;
  std::ostringstream out, err;
  cli::Io io{in, out, err};
  CHECK(cli::run({"convert", "-f", kQuickstart, "-q", "--output-dir", out_dir.string(), "--force"}, io) == 0);
  CHECK(err.str() == (out_dir / "old-ns" / "httproute-gone.yaml").string() +
                         ": info: removed: not part of this output (--force)\n");
  CHECK(!fs::exists(out_dir / "old-ns" / "httproute-gone.yaml"));
  CHECK(fs::exists(out_dir / "notes.txt"));
  std::ostringstream out2, err2;
  cli::Io io2{in, out2, err2};
  CHECK(cli::run({"convert", "-f", kQuickstart, "-q", "--output-dir", out_dir.string(), "--check"}, io2) == 0);
}

TEST_CASE("temporaries of a writer that died are swept; a live writer's are kept", "[write]") {
  ScratchDir dir("sweep");
  // A child that exits at once leaves a pid no process has.
  const pid_t dead = ::fork();
  if (dead == 0) ::_exit(0);
  ::waitpid(dead, nullptr, 0);
  const std::string dead_temp = ".store.yaml.tmp-" + std::to_string(dead) + "-3";
  const std::string live_temp = ".store.yaml.tmp-" + std::to_string(::getppid()) + "-0";
  testing::write_text(dir.path / dead_temp, "half a fi");
  testing::write_text(dir.path / live_temp, "being writ");
  testing::write_text(dir.path / ".tmp-notours", "x");
  CHECK(sweep_stale_temporaries(dir.path) == std::vector<std::string>{(dir.path / dead_temp).string()});
  CHECK(fs::exists(dir.path / live_temp));
  CHECK(fs::exists(dir.path / ".tmp-notours"));
}

TEST_CASE("SIGINT and SIGTERM remove the temporaries being written and keep the signal's status", "[write]") {
  ScratchDir dir("signal");
  for (int sig : {SIGINT, SIGTERM}) {
    INFO(sig);
    const fs::path temp = dir.path / ".x.yaml.tmp-1-1";
    const pid_t child = ::fork();
    if (child == 0) {
      install_interrupt_cleanup();
      testing::write_text(temp, "partial");
      ScopedTemporary registered(temp.c_str());
      ::raise(sig);
      ::_exit(0);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == sig);
    CHECK(!fs::exists(temp));
  }
}

TEST_CASE("a --gateway the API server would reject and empty file or name values are usage errors", "[write][cli]") {
  auto run = [](std::vector<std::string> args) {
    std::istringstream in;
    std::ostringstream out, err;
    cli::Io io{in, out, err};
    args.insert(args.begin(), {"convert", "-f", kQuickstart, "-q"});
    const int code = cli::run(args, io);
    return std::to_string(code) + " " + err.str();
  };
  CHECK(run({"--gateway", "BAD/NAME!"}) ==
        "2 ingress-migrate: --gateway \"BAD/NAME!\": the namespace must be lowercase letters, digits and '-', "
        "starting and ending with a letter or digit\n");
  CHECK(run({"--gateway", "infra/Main"}) ==
        "2 ingress-migrate: --gateway \"infra/Main\": the name must be lowercase letters, digits and '-' or '.', "
        "starting and ending with a letter or digit\n");
  for (const char* flag : {"--output-dir", "--report", "--findings-file", "--target-controller", "--gateway"}) {
    CHECK(run({flag, ""}) == std::string("2 ") + flag + ": must not be empty\nRun with --help for more information.\n");
  }
}

TEST_CASE("escape_control spells out every control character and keeps the rest", "[escape]") {
  CHECK(escape_control("a\nb\r\tc\x1b[31m\x7f") == "a\\nb\\r\\tc\\x1b[31m\\x7f");
  CHECK(escape_control("nel\xC2\x85 ls\xE2\x80\xA8 ps\xE2\x80\xA9 é ü \\n") ==
        "nel\\u0085 ls\\u2028 ps\\u2029 é ü \\n");
}

TEST_CASE("a text finding stays one line when the input's name holds a workflow command", "[escape]") {
  ScratchDir dir("inject");
  const fs::path evil = dir.path / "x\n::error file=evil.yaml,line=1::INJECTED\n.yaml";
  testing::write_text(evil, "kind: [\n");
  std::istringstream in;
  std::ostringstream out, err;
  cli::Io io{in, out, err};
  CHECK(cli::run({"lint", "-f", dir.path.string()}, io) == 2);
  const std::string shown = escape_control(evil.string());
  CHECK(out.str() == shown + ":2:1: error: YAML syntax error: end of sequence flow not found [parse-error]\n"
                       "0 objects checked; 1 error, 0 warnings, 0 infos\n");
  CHECK(out.str().find("\n::error") == std::string::npos);
}

TEST_CASE("a directory walk skips a FIFO and does not follow links out of the tree", "[input]") {
  ScratchDir dir("walk");
  const fs::path tree = dir.path / "tree";
  fs::create_directories(tree);
  fs::create_directories(dir.path / "outside");
  fs::copy_file(kQuickstart, dir.path / "outside" / "secret.yaml");
  fs::create_directory_symlink(dir.path / "outside", tree / "out");
  REQUIRE(::mkfifo((tree / "pipe.yaml").c_str(), 0600) == 0);
  std::istringstream in;
  std::ostringstream out, err;
  cli::Io io{in, out, err};
  CHECK(cli::run({"lint", "-f", tree.string()}, io) == 0);
  CHECK(out.str() == (tree / "out").string() + ": warning: symbolic link to a directory outside " + tree.string() +
                         "; not followed [symlink-outside-tree]\n" + (tree / "pipe.yaml").string() +
                         ": info: not a regular file (a FIFO, socket or device); skipped in a directory walk, "
                         "name it with -f to read it [not-regular-file]\n"
                         "0 objects checked; 0 errors, 1 warning, 1 info\n");
}

TEST_CASE("a kind in the wrong case is an error, in lint too", "[input]") {
  std::istringstream in("apiVersion: networking.k8s.io/v1\nkind: ingress\nmetadata:\n  name: web\n");
  std::ostringstream out, err;
  cli::Io io{in, out, err};
  CHECK(cli::run({"lint", "-f", "-"}, io) == 1);
  CHECK(out.str() ==
        "<stdin>:1:1: error: kind \"ingress\" is not a Kubernetes kind (kinds are case-sensitive: \"Ingress\"); the "
        "API server rejects it; skipped [invalid-object]\n"
        "1 object checked; 1 error, 0 warnings, 0 infos\n");
}

namespace {

// Standard input that never ends: 'x' after 'x'.
class EndlessText : public std::streambuf {
 protected:
  int_type underflow() override {
    std::fill(std::begin(buf_), std::end(buf_), 'x');
    setg(buf_, buf_, buf_ + sizeof buf_);
    return traits_type::to_int_type('x');
  }

 private:
  char buf_[4096];
};

}  // namespace

TEST_CASE("an endless input stops at the byte limit and keeps none of it", "[input]") {
  Findings findings;
  bool over_limit = false;
  EndlessText endless;
  std::istream endless_in(&endless);
  const auto text = read_input(InputFile{"", std::make_shared<const std::string>("<stdin>")}, endless_in,
                               findings, 3 << 20, &over_limit);
  REQUIRE(text);
  CHECK(over_limit);
  CHECK(text->empty());
  CHECK(findings.items().empty());
  // Binary is plain from its first 64 KiB: /dev/zero is read no further
  // than the first chunk, and the parse reports it as binary.
  over_limit = false;
  std::istringstream unused;
  const auto zeros = read_input(InputFile{"/dev/zero", std::make_shared<const std::string>("/dev/zero")}, unused,
                                findings, 3 << 20, &over_limit);
  REQUIRE(zeros);
  CHECK(!over_limit);
  CHECK(zeros->size() >= (64u << 10));
  CHECK(zeros->size() < (3u << 20));
  CHECK(zeros->find('\0') == 0);
  // Under the limit the bytes are all there, across the 1 MiB chunks.
  std::istringstream in(std::string((1 << 20) + 5, 'x'));
  over_limit = false;
  const auto whole = read_input(InputFile{"", std::make_shared<const std::string>("<stdin>")}, in, findings,
                                3 << 20, &over_limit);
  CHECK(!over_limit);
  CHECK(*whole == std::string((1 << 20) + 5, 'x'));
}

TEST_CASE("a name in Markdown is a code span it cannot close", "[output]") {
  CHECK(im::markdown_code("shop/web") == "`shop/web`");
  CHECK(im::markdown_code("ns`id`/a") == "``ns`id`/a``");
  CHECK(im::markdown_code("`x``") == "``` `x`` ```");
  CHECK(im::markdown_code("a\nb|c") == "`a\\nb|c`");
}
