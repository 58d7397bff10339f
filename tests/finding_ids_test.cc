// Every finding id any subcommand can emit explains itself: `rules explain
// ID` describes it. The ids are read from the source (lib/ and app/), not
// listed by hand, so a new id without a description fails here.
//
// An id is the last argument of a Findings error/warning/info/add call or
// of a DocumentError, or a `rule_id = "..."` assignment; a named constant
// (kParseError) is resolved through its `constexpr const char* k... = "..."`.

#include <catch2/catch.hpp>
#include <re2/re2.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "cli.h"
#include "golden_support.h"
#include "lint/tables.h"

namespace fs = std::filesystem;

namespace {

const re2::RE2 kIdShape(R"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)");

// From the "(" at `open`, the top-level arguments up to the matching ")".
std::vector<std::string> call_arguments(const std::string& text, size_t open) {
  std::vector<std::string> args(1);
  int depth = 0;
  for (size_t i = open; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"' || c == '\'') {
      size_t j = i + 1;
      while (j < text.size() && text[j] != c) j += text[j] == '\\' ? 2 : 1;
      args.back() += text.substr(i, j - i + 1);
      i = j;
      continue;
    }
    if (c == '(' || c == '{' || c == '[') ++depth;
    if (c == ')' || c == '}' || c == ']') --depth;
    if (depth == 0) break;
    if (depth == 1 && c == ',') {
      args.emplace_back();
    } else if (!(depth == 1 && c == '(' && i == open)) {
      args.back() += c;
    }
  }
  return args;
}

std::string trimmed(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\n");
  size_t e = s.find_last_not_of(" \t\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

struct Scan {
  std::set<std::string> ids;
  std::vector<std::string> unresolved;  ///< last arguments that are neither literal nor constant
};

Scan scan_source() {
  std::map<std::string, std::string> constants;
  std::vector<std::pair<std::string, std::string>> files;
  for (const char* dir : {"lib", "app"}) {
    for (const auto& e : fs::recursive_directory_iterator(fs::path(IM_SOURCE_DIR) / dir)) {
      if (e.path().extension() != ".cc" && e.path().extension() != ".h") continue;
      std::string text = im::testing::read_text(e.path());
      re2::StringPiece in(text);
      std::string name, value;
      const re2::RE2 constant(R"(constexpr const char\*\s+(k\w+)\s*=\s*"([^"]*)\")");
      while (re2::RE2::FindAndConsume(&in, constant, &name, &value)) constants[name] = value;
      files.emplace_back(e.path().string(), std::move(text));
    }
  }
  Scan scan;
  const re2::RE2 call(R"((?:\.|->)(?:error|warning|info|add)\(|DocumentError\()");
  const re2::RE2 assignment(R"(rule_id = "([^"]+)\")");
  for (const auto& [path, text] : files) {
    re2::StringPiece in(text);
    while (re2::RE2::FindAndConsume(&in, call)) {
      size_t open = static_cast<size_t>(in.data() - text.data()) - 1;
      std::vector<std::string> args = call_arguments(text, open);
      if (args.size() < 2) continue;  // add(finding), info(...) of other types
      std::string last = trimmed(args.back());
      if (last.size() > 2 && last.front() == '"' && last.back() == '"') {
        std::string id = last.substr(1, last.size() - 2);
        if (re2::RE2::FullMatch(id, kIdShape)) scan.ids.insert(id);
      } else if (constants.count(last)) {
        scan.ids.insert(constants[last]);
      } else {
        scan.unresolved.push_back(path + ": " + last);
      }
    }
    re2::StringPiece rest(text);
    std::string id;
    while (re2::RE2::FindAndConsume(&rest, assignment, &id)) scan.ids.insert(id);
  }
  return scan;
}

int explain(const std::string& id, std::string& out) {
  std::istringstream in;
  std::ostringstream o, err;
  im::cli::Io io{in, o, err, false};
  int code = im::cli::run({"rules", "explain", id}, io);
  out = o.str() + err.str();
  return code;
}

}  // namespace

TEST_CASE("every finding id in the source is explained by `rules explain`", "[ids]") {
  Scan scan = scan_source();
  // The scan must find the ids it exists for, or it checks nothing.
  for (const char* known : {"removed-api-version", "snippet-annotation", "parse-error", "unreadable-input",
                            "verify-differs", "plan-host-split", "in-place-kept", "not-kubernetes",
                            "ingress-nginx-retired", "no-ingress-class"}) {
    INFO(known);
    CHECK(scan.ids.count(known));
  }
  CHECK(scan.ids.size() > 50);
  for (const std::string& id : scan.ids) {
    INFO(id);
    std::string out;
    CHECK(explain(id, out) == 0);
    CHECK(out.find("no rule for") == std::string::npos);
    CHECK(im::describe_rule(id));
  }
}
