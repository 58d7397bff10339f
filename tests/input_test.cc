#include "parse/input.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

// A scratch directory, removed with its contents at the end of the test.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/im-input-test-XXXXXX";
    REQUIRE(mkdtemp(tmpl) != nullptr);
    path_ = tmpl;
  }
  ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  const std::string& path() const { return path_; }

  void file(const std::string& rel, const std::string& content = "a: 1\n") const {
    std::ofstream(path_ + "/" + rel) << content;
  }
  void dir(const std::string& rel) const { REQUIRE(mkdir((path_ + "/" + rel).c_str(), 0755) == 0); }
  void link(const std::string& target, const std::string& rel) const {
    REQUIRE(symlink(target.c_str(), (path_ + "/" + rel).c_str()) == 0);
  }

 private:
  std::string path_;
};

// Origins of the inputs, one a line, then the formatted findings, with the
// scratch directory written as "T".
std::string expand(const TempDir& t, const std::vector<std::string>& args) {
  im::Findings findings;
  std::string out;
  for (const im::InputFile& in : im::expand_inputs(args, findings)) {
    out += *in.origin + (in.is_stdin() ? " (stdin)" : "") + "\n";
  }
  for (const auto& f : findings.items()) out += im::format_finding(f) + "\n";
  for (size_t at; (at = out.find(t.path())) != std::string::npos;)
    out.replace(at, t.path().size(), "T");
  return out;
}

}  // namespace

TEST_CASE("a directory gives its manifests recursively, sorted by path", "[input]") {
  TempDir t;
  t.dir("d");
  t.dir("d/sub");
  t.dir("d/a-b");
  t.file("d/z.yaml");
  t.file("d/b.yml");
  t.file("d/a.json");
  t.file("d/notes.txt");
  t.file("d/yaml");
  t.file("d/sub/x.yaml");
  t.file("d/a-b/y.yaml");
  t.file("d/sub.yaml");
  CHECK(expand(t, {t.path() + "/d"}) ==
        "T/d/a-b/y.yaml\n"
        "T/d/a.json\n"
        "T/d/b.yml\n"
        "T/d/sub.yaml\n"
        "T/d/sub/x.yaml\n"
        "T/d/z.yaml\n");
  CHECK(expand(t, {t.path() + "/d/"}) == expand(t, {t.path() + "/d"}));
}

TEST_CASE("arguments keep their order and a named file is read whatever its extension", "[input]") {
  TempDir t;
  t.file("notes.txt");
  t.dir("d");
  t.file("d/a.yaml");
  CHECK(expand(t, {t.path() + "/notes.txt", "-", t.path() + "/d"}) ==
        "T/notes.txt\n"
        "<stdin> (stdin)\n"
        "T/d/a.yaml\n");
}

TEST_CASE("a missing path is an unreadable-input error and the rest is still listed", "[input]") {
  TempDir t;
  t.file("a.yaml");
  im::Findings findings;
  const auto inputs =
      im::expand_inputs({t.path() + "/missing.yaml", t.path() + "/a.yaml"}, findings);
  CHECK(inputs.size() == 1);
  CHECK(expand(t, {t.path() + "/missing.yaml", t.path() + "/a.yaml"}) ==
        "T/a.yaml\n"
        "T/missing.yaml: error: cannot read input: No such file or directory [unreadable-input]\n");
  CHECK(im::has_unreadable_input(findings));
}

TEST_CASE("a symlink loop or a link out of the tree is reported and not followed, and a shared directory is read once",
          "[input]") {
  TempDir t;
  t.dir("d");
  t.dir("d/sub");
  t.dir("d/other");
  t.dir("outside");
  t.file("d/sub/a.yaml");
  t.file("d/other/b.yaml");
  t.file("outside/c.yaml");
  t.link("..", "d/sub/up");
  t.link("other", "d/o1");
  t.link("../other", "d/sub/o2");
  t.link("../outside", "d/x");
  CHECK(expand(t, {t.path() + "/d"}) ==
        "T/d/o1/b.yaml\n"
        "T/d/sub/a.yaml\n"
        "T/d/sub/up: warning: symbolic link loops back to T/d; not followed [symlink-loop]\n"
        "T/d/x: warning: symbolic link to a directory outside T/d; not followed [symlink-outside-tree]\n");
}

TEST_CASE("a dangling link named like a manifest is unreadable, and other names are ignored",
          "[input]") {
  TempDir t;
  t.dir("d");
  t.link("nowhere", "d/gone.yaml");
  t.link("nowhere", "d/gone.txt");
  CHECK(expand(t, {t.path() + "/d"}) ==
        "T/d/gone.yaml: error: cannot read input: No such file or directory [unreadable-input]\n");
}

TEST_CASE("read_input returns the bytes of a file or of standard input", "[input]") {
  TempDir t;
  t.file("a.yaml", "kind: A\n");
  im::Findings findings;
  std::istringstream in("from stdin");
  const auto inputs = im::expand_inputs({t.path() + "/a.yaml", "-"}, findings);
  REQUIRE(inputs.size() == 2);
  CHECK(im::read_input(inputs[0], in, findings) == std::optional<std::string>("kind: A\n"));
  CHECK(im::read_input(inputs[1], in, findings) == std::optional<std::string>("from stdin"));
  CHECK(findings.items().empty());
  CHECK_FALSE(im::has_unreadable_input(findings));
}

TEST_CASE("read_input stops one byte past max_bytes so the caller can report the limit",
          "[input]") {
  TempDir t;
  t.file("a.yaml", "0123456789");
  im::Findings findings;
  std::istringstream in("0123456789");
  const auto inputs = im::expand_inputs({t.path() + "/a.yaml", "-"}, findings);
  CHECK(im::read_input(inputs[0], in, findings, 4) == std::optional<std::string>("01234"));
  CHECK(im::read_input(inputs[1], in, findings, 4) == std::optional<std::string>("01234"));
}

TEST_CASE("reading a directory as a file is an unreadable-input error", "[input]") {
  // Tests run as root, so chmod 000 would not stop a read: use a directory.
  TempDir t;
  t.dir("d.yaml");
  im::Findings findings;
  std::istringstream in;
  const im::InputFile input{t.path() + "/d.yaml", std::make_shared<const std::string>("d.yaml")};
  CHECK(im::read_input(input, in, findings) == std::nullopt);
  REQUIRE(findings.items().size() == 1);
  CHECK(im::format_finding(findings.items()[0]) ==
        "d.yaml: error: cannot read input: Is a directory [unreadable-input]");
  CHECK(im::has_unreadable_input(findings));
}

TEST_CASE("files in a directory that cannot be read are reported and the rest is read",
          "[input]") {
  // Tests often run as root, which may open any file whatever its mode, so
  // the unreadable files are ones no one can read: a link loop (ELOOP) and
  // /proc/self/mem, which opens but fails at the first read (EIO).
  TempDir t;
  t.dir("d");
  t.file("d/good.yaml", "kind: A\n");
  t.link("b.yaml", "d/a.yaml");
  t.link("a.yaml", "d/b.yaml");
  t.link("/proc/self/mem", "d/mem.yaml");
  im::Findings findings;
  std::string out;
  for (const im::InputFile& in : im::expand_inputs({t.path() + "/d"}, findings)) {
    std::istringstream no_stdin;
    auto text = im::read_input(in, no_stdin, findings);
    out += *in.origin + (text ? ": " + *text : " unreadable\n");
  }
  for (const auto& f : findings.items()) out += im::format_finding(f) + "\n";
  for (size_t at; (at = out.find(t.path())) != std::string::npos;) out.replace(at, t.path().size(), "T");
  CHECK(out ==
        "T/d/good.yaml: kind: A\n"
        "T/d/mem.yaml unreadable\n"
        "T/d/a.yaml: error: cannot read input: Too many levels of symbolic links [unreadable-input]\n"
        "T/d/b.yaml: error: cannot read input: Too many levels of symbolic links [unreadable-input]\n"
        "T/d/mem.yaml: error: cannot read input: Input/output error [unreadable-input]\n");
}
