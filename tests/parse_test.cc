#include <catch2/catch.hpp>
#include <string>

#include "parse/document.h"

namespace {

// A node as text with every position: plain scalars bare, other scalars
// quoted, "~" for null, "@line:col" after each node.
std::string dump(const im::Node& n) {
  const std::string at = "@" + std::to_string(n.line) + ":" + std::to_string(n.col);
  std::string s;
  switch (n.type) {
    case im::Node::Type::Null:
      return "~" + at;
    case im::Node::Type::Scalar:
      return (n.plain ? n.value : "\"" + n.value + "\"") + at;
    case im::Node::Type::Sequence:
      for (const auto& item : n.items) s += (s.empty() ? "" : ", ") + dump(item);
      return "[" + s + "]" + at;
    case im::Node::Type::Mapping:
      for (const auto& [k, v] : n.entries) s += (s.empty() ? "" : ", ") + dump(k) + ": " + dump(v);
      return "{" + s + "}" + at;
  }
  return s;
}

// Everything read_documents produced: "index: tree" per delivered document,
// then the formatted findings.
std::string read(const std::string& text, const char* origin = "in.yaml",
                 const im::ParseLimits& limits = {}) {
  im::Findings findings;
  std::string out;
  im::read_documents(text, std::make_shared<const std::string>(origin), limits, findings,
                     [&](im::Document&& d) {
                       out += std::to_string(d.index) + ": " + dump(d.root) + "\n";
                       return true;
                     });
  for (const auto& f : findings.items()) out += im::format_finding(f) + "\n";
  return out;
}

std::string repeat(const std::string& s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("a syntax error drops only its own document and later positions stay exact", "[parse]") {
  CHECK(read("kind: A\n"
             "---\n"
             "kind: B\n"
             "  bad: [\n"
             "---\n"
             "# three\n"
             "kind: C\n"
             "x: [1, 2]\n") ==
        "0: {kind@1:1: A@1:7}@1:1\n"
        "2: {kind@7:1: C@7:7, x@8:1: [1@8:5, 2@8:8]@8:4}@7:1\n"
        "in.yaml:4:6: error: YAML syntax error: illegal map value [parse-error]\n");
}

TEST_CASE("an unclosed flow collection does not swallow the next document", "[parse]") {
  CHECK(read("a: [1, 2\n---\nb: 1\n") ==
        "1: {b@3:1: 1@3:4}@3:1\n"
        "in.yaml:2:1: error: YAML syntax error: end of sequence flow not found [parse-error]\n");
}

TEST_CASE("two documents without a --- line between them are a syntax error", "[parse]") {
  CHECK(read("a: 1\n---\n[1]\n[2]\n") ==
        "0: {a@1:1: 1@1:4}@1:1\n"
        "in.yaml:4:1: error: YAML syntax error: a second document needs a '---' line before it "
        "[parse-error]\n");
}

TEST_CASE("JSON indented with tabs keeps exact positions", "[parse]") {
  CHECK(read("{\n\t\"kind\": \"Service\",\n\t\"spec\": {\n\t\t\"ports\": [80,\t443]\n\t}\n}\n",
             "svc.json") ==
        "0: {\"kind\"@2:2: \"Service\"@2:10, \"spec\"@3:2: {\"ports\"@4:3: [80@4:13, "
        "443@4:17]@4:12}@3:10}@1:1\n");
}

TEST_CASE("a JSON kind: List is one document whose items are left to the caller", "[parse]") {
  CHECK(
      read(R"({"apiVersion": "v1", "kind": "List", "items": [
  {"kind": "Ingress", "metadata": {"name": "a"}},
  {"kind": "Ingress", "metadata": {"name": "b"}}
]})",
           "list.json") ==
      "0: {\"apiVersion\"@1:2: \"v1\"@1:16, \"kind\"@1:22: \"List\"@1:30, \"items\"@1:38: "
      "[{\"kind\"@2:4: \"Ingress\"@2:12, \"metadata\"@2:23: {\"name\"@2:36: \"a\"@2:44}@2:35}@2:3, "
      "{\"kind\"@3:4: \"Ingress\"@3:12, \"metadata\"@3:23: {\"name\"@3:36: "
      "\"b\"@3:44}@3:35}@3:3]@1:47}"
      "@1:1\n");
}

TEST_CASE("JSON literals are plain, strings are not, escapes decode", "[parse]") {
  const std::string text =
      R"({"n": -1.5e3, "t": true, "f": false, "z": null, "s": "80", "e": "\ud83d\ude00\u00e9\t"})";
  CHECK(read(text, "a.json") ==
        "0: {\"n\"@1:2: -1.5e3@1:7, \"t\"@1:15: true@1:20, \"f\"@1:26: false@1:31, "
        "\"z\"@1:38: ~@1:43, \"s\"@1:49: \"80\"@1:54, "
        "\"e\"@1:60: \"\xF0\x9F\x98\x80\xC3\xA9\t\"@1:65}@1:1\n");
}

TEST_CASE("broken JSON in a .json file is a JSON syntax error, not lenient YAML", "[parse]") {
  CHECK(read("{\"a\": 1,\n \"b\": }\n", "bad.json") ==
        "bad.json:2:7: error: JSON syntax error: expected a value [parse-error]\n");
  CHECK(read("[\"\\ud83d\"]", "bad.json") ==
        "bad.json:1:3: error: JSON syntax error: unpaired UTF-16 surrogate in \\u escape "
        "[parse-error]\n");
  CHECK(read("{\"a\": [1, 2}", "bad.json") ==
        "bad.json:1:12: error: JSON syntax error: expected ',' or ']' after an array element "
        "[parse-error]\n");
  CHECK(read("{\"a\": \"x", "bad.json") ==
        "bad.json:1:9: error: JSON syntax error: unterminated string [parse-error]\n");
  // A string cut by a line break is unterminated where the line ends, even
  // with brackets left open after it.
  CHECK(read("[{\"a\": \"x\n}]", "bad.json") ==
        "bad.json:1:10: error: JSON syntax error: unterminated string [parse-error]\n");
  // Running out of text elsewhere names the bracket left open.
  CHECK(read("{\"a\": [1", "bad.json") ==
        "bad.json:1:9: error: JSON syntax error: unexpected end of input: the '[' at line 1, column 7 is "
        "never closed [parse-error]\n");
}

TEST_CASE("YAML that only starts like JSON is read as YAML", "[parse]") {
  CHECK(read("{a: 1}\n---\n[b]\n") == "0: {a@1:2: 1@1:5}@1:1\n1: [b@3:2]@3:1\n");
  CHECK(read("{a: 1\n") ==
        "in.yaml:1:2: error: JSON syntax error: expected a string key [parse-error]\n");
}

TEST_CASE("quoted and plain scalars are told apart", "[parse]") {
  im::Findings findings;
  std::vector<im::Document> docs;
  im::read_documents("a: 80\nb: \"80\"\nc: '80'\nd: !!str 80\n", nullptr, {}, findings,
                     [&](im::Document&& d) {
                       docs.push_back(std::move(d));
                       return true;
                     });
  REQUIRE(docs.size() == 1);
  const im::Node& root = docs[0].root;
  CHECK(dump(root) ==
        "{a@1:1: 80@1:4, b@2:1: \"80\"@2:4, c@3:1: \"80\"@3:4, d@4:1: \"80\"@4:4}@1:1");
  CHECK(root.get("a")->describe() == "a number");
  CHECK(root.get("b")->describe() == "a string");
  CHECK(root.get("c")->describe() == "a string");
  CHECK(root.get("d")->describe() == "a string");
  CHECK(findings.items().empty());
}

TEST_CASE("every plain null spelling is a Null node, and quoted ones are strings", "[parse]") {
  CHECK(read("a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: \"null\"\ng: ''\n") ==
        "0: {a@1:1: ~@1:4, b@2:1: ~@2:4, c@3:1: ~@3:4, d@4:1: ~@4:4, e@5:1: ~@6:1, "
        "f@6:1: \"null\"@6:4, g@7:1: \"\"@7:4}@1:1\n");
}

TEST_CASE("100000 nested flow collections stop at the depth limit, later documents still read",
          "[parse]") {
  CHECK(read(repeat("[", 100000) + repeat("]", 100000) + "\n---\na: 1\n") ==
        "1: {a@3:1: 1@3:4}@3:1\n"
        "in.yaml:1:257: error: document nests deeper than 256 levels (--max-depth) "
        "[limit-exceeded]\n");
  // Left open, each "[" also opens an implicit mapping (yaml-cpp takes it
  // for a key whose ":" has not come yet), so the limit is hit halfway.
  CHECK(read("x: 0\n---\n" + repeat("[", 100000)) ==
        "0: {x@1:1: 0@1:4}@1:1\n"
        "in.yaml:3:129: error: document nests deeper than 256 levels (--max-depth) "
        "[limit-exceeded]\n");
  CHECK(read(repeat("{a: ", 100000) + "1" + repeat("}", 100000)) ==
        "in.yaml:1:1025: error: document nests deeper than 256 levels (--max-depth) "
        "[limit-exceeded]\n");
}

TEST_CASE("deep block nesting stops at the depth limit", "[parse]") {
  std::string text;
  for (size_t i = 0; i < 5000; ++i) text += std::string(2 * i, ' ') + "a:\n";
  CHECK(read(text) ==
        "in.yaml:257:513: error: document nests deeper than 256 levels (--max-depth) "
        "[limit-exceeded]\n");
  CHECK(read(repeat("- ", 100000)) ==
        "in.yaml:1:513: error: document nests deeper than 256 levels (--max-depth) "
        "[limit-exceeded]\n");
}

TEST_CASE("100000 open JSON brackets stop at the depth limit", "[parse]") {
  CHECK(read(repeat("[", 100000), "deep.json") ==
        "deep.json:1:257: error: document nests deeper than 256 levels (--max-depth) "
        "[limit-exceeded]\n");
}

TEST_CASE("a --max-depth beyond what the parser supports is capped", "[parse]") {
  im::ParseLimits limits;
  limits.max_depth = 100000;
  CHECK(read(repeat("[", 600) + repeat("]", 600), "in.yaml", limits) ==
        "in.yaml:1:499: error: document nests deeper than 498 levels, the most this tool supports "
        "[limit-exceeded]\n");
  CHECK(read(repeat("[", 498) + repeat("]", 498), "in.yaml", limits).substr(0, 6) == "0: [[[");
}

TEST_CASE("a billion-laughs document stops at the alias limit", "[parse]") {
  CHECK(read("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
             "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
             "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
             "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
             "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
             "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
             "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
             "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
             "---\n"
             "next: 1\n") ==
        "1: {next@10:1: 1@10:7}@10:1\n"
        "in.yaml:6:8: error: document expands aliases into more than 100000 nodes "
        "(--max-alias-nodes) [limit-exceeded]\n");
}

TEST_CASE("an alias copies its anchored node, and the copy's root sits at the alias", "[parse]") {
  CHECK(read("a: &x {b: 1}\nc: *x\nd: [*x, &y 2, *y]\n") ==
        "0: {a@1:1: {b@1:8: 1@1:11}@1:4, c@2:1: {b@1:8: 1@1:11}@2:4, "
        "d@3:1: [{b@1:8: 1@1:11}@3:5, 2@3:9, 2@3:15]@3:4}@1:1\n");
  CHECK(read("a: &x [1, *x]\n") ==
        "in.yaml:1:11: error: alias refers to a node that contains it [parse-error]\n");
}

TEST_CASE("an alias may not push a document past the depth limit", "[parse]") {
  im::ParseLimits limits;
  limits.max_depth = 3;
  CHECK(read("a: &x [[1]]\nb: [*x]\n", "in.yaml", limits) ==
        "in.yaml:2:5: error: document nests deeper than 3 levels (--max-depth) [limit-exceeded]\n");
}

TEST_CASE("NUL bytes make the whole input binary", "[parse]") {
  CHECK(read(std::string("a: 1\n---\nb: x\0y\n", 15)) ==
        "in.yaml:3:5: error: input is binary or contains NUL bytes [parse-error]\n");
  CHECK(read("\x7F"
             "ELF\x02\x01\x01") ==
        "in.yaml:1:5: error: input is binary or contains NUL bytes [parse-error]\n");
}

TEST_CASE("invalid UTF-8 drops only its own document", "[parse]") {
  CHECK(read("a: 1\n---\nb: caf\xE9\n---\nc: \xED\xA0\x80\n---\nd: \xC3\xA9\n") ==
        "0: {a@1:1: 1@1:4}@1:1\n"
        "3: {d@7:1: \xC3\xA9@7:4}@7:1\n"
        "in.yaml:3:7: error: invalid UTF-8 byte sequence [invalid-utf8]\n"
        "in.yaml:5:4: error: invalid UTF-8 byte sequence [invalid-utf8]\n");
}

TEST_CASE("a UTF-8 byte order mark is skipped and not counted as a column", "[parse]") {
  CHECK(read("\xEF\xBB\xBF"
             "a: 1\nb: [\n") ==
        "in.yaml:3:1: error: YAML syntax error: end of sequence flow not found [parse-error]\n");
  CHECK(read("\xEF\xBB\xBF{\"a\": 1}", "bom.json") == "0: {\"a\"@1:2: 1@1:7}@1:1\n");
}

TEST_CASE("empty input and documents of only comments give nothing and no finding", "[parse]") {
  CHECK(read("") == "");
  CHECK(read("\n  \n") == "");
  CHECK(read("# only a comment\n---\n--- # another\n...\n") == "");
  CHECK(read("---\n---\na: 1\n---\n# nothing\n---\nb: 2\n") ==
        "0: {a@3:1: 1@3:4}@3:1\n1: {b@7:1: 2@7:4}@7:1\n");
}

TEST_CASE("directives and document end markers split the stream", "[parse]") {
  CHECK(read("%YAML 1.2\n---\na: 1\n...\n%YAML 1.2\n--- !!str\nfoo\n...\nbare: 1\n") ==
        "0: {a@3:1: 1@3:4}@3:1\n1: \"foo\"@6:5\n2: {bare@9:1: 1@9:7}@9:1\n");
  CHECK(read("---x: 1\n") == "0: {---x@1:1: 1@1:7}@1:1\n");
}

TEST_CASE("CRLF line ends keep positions", "[parse]") {
  CHECK(read("a: 1\r\n---\r\nb:\r\n  - x\r\n") ==
        "0: {a@1:1: 1@1:4}@1:1\n1: {b@3:1: [x@4:5]@4:3}@3:1\n");
}

TEST_CASE("size and count limits drop what exceeds them and name their flag", "[parse]") {
  im::ParseLimits limits;
  SECTION("document bytes") {
    limits.max_document_bytes = 10;
    CHECK(read("a: 1\n---\nname: long-enough\n---\nb: 2\n", "in.yaml", limits) ==
          "0: {a@1:1: 1@1:4}@1:1\n2: {b@5:1: 2@5:4}@5:1\n"
          "in.yaml:2:1: error: document is larger than 10 bytes (--max-document-bytes) "
          "[limit-exceeded]\n");
  }
  SECTION("file bytes") {
    limits.max_file_bytes = 4;
    CHECK(read("a: 1\n", "in.yaml", limits) ==
          "in.yaml:1:1: error: input is larger than 4 bytes (--max-file-bytes) [limit-exceeded]\n");
  }
  SECTION("documents") {
    limits.max_documents = 2;
    CHECK(read("a: 1\n---\nb: 2\n---\nc: 3\n---\nd: 4\n", "in.yaml", limits) ==
          "0: {a@1:1: 1@1:4}@1:1\n1: {b@3:1: 2@3:4}@3:1\n"
          "in.yaml:4:1: error: input has more than 2 documents (--max-documents) "
          "[limit-exceeded]\n");
  }
  SECTION("scalar bytes") {
    limits.max_scalar_bytes = 3;
    CHECK(read("a: abc\n---\nb: abcd\n", "in.yaml", limits) ==
          "0: {a@1:1: abc@1:4}@1:1\n"
          "in.yaml:3:4: error: scalar is longer than 3 bytes (--max-scalar-bytes) "
          "[limit-exceeded]\n");
    // Found in the text before the parser builds it, at the same place.
    CHECK(read("# a long comment\n- - x: \"abcd\"\n", "in.yaml", limits) ==
          "in.yaml:2:8: error: scalar is longer than 3 bytes (--max-scalar-bytes) "
          "[limit-exceeded]\n");
    CHECK(read("a: abc # a comment\nb: \"a\\x62\"\n", "in.yaml", limits) ==
          "0: {a@1:1: abc@1:4, b@2:1: \"ab\"@2:4}@1:1\n");
    CHECK(read("c: [abcd]\n", "in.yaml", limits) ==
          "in.yaml:1:5: error: scalar is longer than 3 bytes (--max-scalar-bytes) "
          "[limit-exceeded]\n");
    CHECK(read("{\"k\": \"ab\\u0063d\"}", "in.json", limits) ==
          "in.json:1:7: error: scalar is longer than 3 bytes (--max-scalar-bytes) "
          "[limit-exceeded]\n");
  }
}

TEST_CASE("the sink can stop reading, and the count says how many it received", "[parse]") {
  im::Findings findings;
  size_t seen = 0;
  const size_t n = im::read_documents("a: 1\n---\nb: 2\n---\nc: 3\n", nullptr, {}, findings,
                                      [&](im::Document&&) { return ++seen < 2; });
  CHECK(n == 2);
  CHECK(seen == 2);
}

TEST_CASE("parsing on several threads gives the serial result: documents, indexes, findings",
          "[parse]") {
  // Good and broken documents mixed, so that every run has some of each.
  std::string text;
  for (int i = 0; i < 40; ++i) {
    text += "---\n";
    switch (i % 5) {
      case 0: text += "a: " + std::to_string(i) + "\n"; break;
      case 1: text += "b: [" + std::to_string(i) + "\n"; break;
      case 2: text += "c: caf\xE9\n"; break;
      case 3: text += "# only a comment\n"; break;
      default: text += "d: &x [1, *x]\n"; break;
    }
  }
  im::ParseLimits limits;
  limits.max_documents = 30;
  const std::string serial = read(text, "in.yaml", limits);
  for (size_t threads : {1, 2, 3, 8, 64}) {
    DYNAMIC_SECTION(threads << " threads") {
      std::vector<std::string> runs(threads);
      im::Findings findings;
      im::ReadOptions options;
      options.threads = threads;
      const size_t delivered = im::read_documents(
          text, std::make_shared<const std::string>("in.yaml"), limits, findings, options,
          [&](size_t run, im::Document&& d, im::Findings&) {
            runs.at(run) += std::to_string(d.index) + ": " + dump(d.root) + "\n";
          });
      std::string out;
      for (const auto& r : runs) out += r;
      for (const auto& f : findings.items()) out += im::format_finding(f) + "\n";
      CHECK(out == serial);
      CHECK(delivered == 8);  // the "a:" documents; the limit stops the stream at i = 37
    }
  }
}

TEST_CASE("a key given twice is an error at the second, whose value counts, as in kubectl",
          "[parse]") {
  CHECK(read("metadata:\n  name: a\n  labels: {x: 1}\n  name: b\n") ==
        "0: {metadata@1:1: {name@4:3: b@4:9, labels@3:3: {x@3:12: 1@3:15}@3:11}@2:3}@1:1\n"
        "in.yaml:4:3: error: key \"name\" is given twice in this mapping (first at line 2, column "
        "3); kubectl takes this later value, and so does this tool; remove one of them "
        "[duplicate-key]\n");
  CHECK(read("{\"host\": \"a\", \"host\": \"b\"}", "in.json") ==
        "0: {\"host\"@1:15: \"b\"@1:23}@1:1\n"
        "in.json:1:15: error: key \"host\" is given twice in this mapping (first at line 1, column "
        "2); kubectl takes this later value, and so does this tool; remove one of them "
        "[duplicate-key]\n");
  // An anchor inside the later value still finds its node.
  CHECK(read("a: 1\na: &x [1]\nb: *x\n") ==
        "0: {a@2:1: [1@2:8]@2:4, b@3:1: [1@2:8]@3:4}@1:1\n"
        "in.yaml:2:1: error: key \"a\" is given twice in this mapping (first at line 1, column 1); "
        "kubectl takes this later value, and so does this tool; remove one of them "
        "[duplicate-key]\n");
}

TEST_CASE("JSON objects one after another are documents of their own, as kubectl reads them",
          "[parse]") {
  CHECK(read("{\"kind\": \"A\"}{\"kind\": \"B\"}\n  {\"kind\": \"C\"}\n", "in.json") ==
        "0: {\"kind\"@1:2: \"A\"@1:10}@1:1\n"
        "1: {\"kind\"@1:15: \"B\"@1:23}@1:14\n"
        "2: {\"kind\"@2:4: \"C\"@2:12}@2:3\n");
  // A syntax error keeps the objects before it.
  CHECK(read("{\"kind\": \"A\"}\n{\"kind\": }\n", "in.json") ==
        "0: {\"kind\"@1:2: \"A\"@1:10}@1:1\n"
        "in.json:2:10: error: JSON syntax error: expected a value [parse-error]\n");
  // Text that is YAML after a first JSON-looking line stays YAML.
  CHECK(read("{\"a\": 1}\n---\n{\"b\": 2}\n") ==
        "0: {\"a\"@1:2: 1@1:7}@1:1\n"
        "1: {\"b\"@3:2: 2@3:7}@3:1\n");
}

TEST_CASE("brackets never closed are named as such, not as nesting too deep", "[parse]") {
  CHECK(read(repeat("[", 129) + "\n") ==
        "in.yaml:2:1: error: JSON syntax error: unexpected end of input: the '[' at line 1, column "
        "129 is never closed [parse-error]\n");
  CHECK(read("{\"a\": [1, {\"b\": 2}\n", "in.json") ==
        "in.json:2:1: error: JSON syntax error: unexpected end of input: the '[' at line 1, column "
        "7 is never closed [parse-error]\n");
  // Nesting past the limit is still the limit.
  CHECK(read(repeat("[", 300) + "\n") ==
        "in.yaml:1:257: error: document nests deeper than 256 levels (--max-depth) "
        "[limit-exceeded]\n");
}

namespace {

// `ascii` as UTF-16, with a byte order mark when `bom`.
std::string utf16(const std::string& ascii, bool big_endian, bool bom) {
  std::string out;
  auto unit = [&](unsigned u) {
    char hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
    out += big_endian ? hi : lo;
    out += big_endian ? lo : hi;
  };
  if (bom) unit(0xFEFF);
  for (char c : ascii) unit(static_cast<unsigned char>(c));
  return out;
}

}  // namespace

TEST_CASE("UTF-16 input is decoded; UTF-32 is named", "[parse]") {
  const std::string doc = "kind: A\nx: [1]\n";
  const std::string tree = "0: {kind@1:1: A@1:7, x@2:1: [1@2:5]@2:4}@1:1\n";
  CHECK(read(utf16(doc, false, true)) == tree);
  CHECK(read(utf16(doc, true, true)) == tree);
  CHECK(read(utf16(doc, false, false)) == tree);
  // U+1F600 as a surrogate pair, little-endian, in a quoted scalar.
  std::string pair = utf16("a: \"", false, true) + std::string("\x3D\xD8\x00\xDE", 4) +
                     utf16("\"\n", false, false);
  CHECK(read(pair) == "0: {a@1:1: \"\xF0\x9F\x98\x80\"@1:4}@1:1\n");
  CHECK(read(utf16("a: 1\n", false, true) + std::string("\x00\xDC", 2)) ==
        "in.yaml:1:1: error: input is UTF-16 with an invalid code unit at byte 12 [invalid-utf8]\n");
  CHECK(read(std::string("\xFF\xFE\x00\x00k\x00\x00\x00", 8)) ==
        "in.yaml:1:1: error: input is UTF-32, which is not read; convert it to UTF-8 (iconv -f "
        "UTF-32 -t UTF-8) [parse-error]\n");
}

TEST_CASE("YAML merge keys add the entries a mapping does not give itself", "[parse]") {
  CHECK(read("base: &b {a: 1, b: 2}\n"
             "more: &m {c: 3, a: 9}\n"
             "x:\n"
             "  b: own\n"
             "  <<: [*b, *m]\n"
             "  d: 4\n") ==
        "0: {base@1:1: {a@1:11: 1@1:14, b@1:17: 2@1:20}@1:7, more@2:1: {c@2:11: 3@2:14, a@2:17: "
        "9@2:20}@2:7, x@3:1: {b@4:3: own@4:6, d@6:3: 4@6:6, a@1:11: 1@1:14, c@2:11: 3@2:14}@4:3}@1:1\n");
  CHECK(read("x: {<<: 5, a: 1}\n") ==
        "0: {x@1:1: {a@1:12: 1@1:15}@1:4}@1:1\n"
        "in.yaml:1:9: error: the value of a merge key (<<) must be a mapping or a list of mappings; "
        "left out [parse-error]\n");
  // Quoted, "<<" is an ordinary key.
  CHECK(read("x: {\"<<\": 5}\n") == "0: {x@1:1: {\"<<\"@1:5: 5@1:11}@1:4}@1:1\n");
}
