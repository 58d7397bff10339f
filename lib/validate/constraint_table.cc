#include "validate/constraint_table.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "util/embedded.h"
#include "validate/cel_rules.h"
#include "validate/python_literal.h"

namespace im::validate {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kCelPrefix = "CEL: ";
constexpr std::string_view kCrdDir = "rules/crd/";

class Loader {
 public:
  explicit Loader(std::string_view source) { table_.source = std::string(source); }

  ConstraintTable load(std::string_view text) {
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find('\n', start);
      if (end == text.npos) end = text.size();
      ++line_;
      read_line(text.substr(start, end - start));
      start = end + 1;
    }
    finish(table_.spec);
    return std::move(table_);
  }

 private:
  [[noreturn]] void fail(const std::string& reason) const {
    // Line 0: a problem of the whole dump rather than of one line.
    if (line_ == 0) throw ConstraintTableError(fmt::format("{}: {}", table_.source, reason));
    throw ConstraintTableError(fmt::format("{}:{}: {}", table_.source, line_, reason));
  }

  void read_line(std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const size_t indent = line.find_first_not_of(' ');
    if (indent == line.npos || line[indent] == '#') return;
    if (indent > 0) {
      if (line.substr(indent, kCelPrefix.size()) != kCelPrefix)
        fail("indented line is not a CEL rule");
      read_cel(line.substr(indent + kCelPrefix.size()));
      return;
    }
    const size_t space = line.find(' ');
    const std::string_view path = line.substr(0, space);
    current_ = &declare(path);
    if (space != line.npos) read_constraints(*current_, line.substr(space));
  }

  // A line names its node by JSON path: ".spec", then ".field" or "[]" steps.
  SchemaNode& declare(std::string_view path) {
    constexpr std::string_view root = ".spec";
    if (path.substr(0, root.size()) != root)
      fail(fmt::format("path {} does not start with .spec", path));
    SchemaNode* node = &table_.spec;
    size_t pos = root.size();
    while (pos < path.size()) {
      if (path.substr(pos, 2) == "[]") {
        if (!node->items) node->items = std::make_unique<SchemaNode>();
        node = node->items.get();
        pos += 2;
      } else if (path[pos] == '.') {
        const size_t next = path.find_first_of(".[", pos + 1);
        const std::string name(
            path.substr(pos + 1, next == path.npos ? path.npos : next - pos - 1));
        if (name.empty()) fail(fmt::format("empty field name in {}", path));
        node = &node->properties[name];
        pos = next == path.npos ? path.size() : next;
      } else {
        fail(fmt::format("cannot read path {}", path));
      }
    }
    if (node->line != 0) fail(fmt::format("{} already declared on line {}", path, node->line));
    node->json_path = std::string(path);
    node->line = line_;
    return *node;
  }

  void read_constraints(SchemaNode& node, std::string_view text) {
    size_t pos = 0;
    while (true) {
      pos = text.find_first_not_of(' ', pos);
      if (pos == text.npos) return;
      const size_t eq = text.find('=', pos);
      if (eq == text.npos) fail(fmt::format("expected key=value at \"{}\"", text.substr(pos)));
      const std::string key(text.substr(pos, eq - pos));
      pos = eq + 1;
      Json value;
      try {
        value = parse_python_literal(text, pos);
      } catch (const std::invalid_argument& e) {
        fail(fmt::format("bad value for {}: {}", key, e.what()));
      }
      apply(node, key, value);
    }
  }

  int64_t integer(const std::string& key, const Json& v) const {
    if (!v.is_number_integer()) fail(fmt::format("{} must be an integer", key));
    return v.get<int64_t>();
  }

  std::vector<std::string> strings(const std::string& key, const Json& v) const {
    std::vector<std::string> out;
    if (!v.is_array()) fail(fmt::format("{} must be a list of strings", key));
    for (const Json& s : v) {
      if (!s.is_string()) fail(fmt::format("{} must be a list of strings", key));
      out.push_back(s.get<std::string>());
    }
    return out;
  }

  void apply(SchemaNode& node, const std::string& key, const Json& v) {
    if (key == "type") {
      static const std::pair<std::string_view, NodeType> kTypes[] = {{"string", NodeType::String},
                                                                     {"integer", NodeType::Integer},
                                                                     {"boolean", NodeType::Boolean},
                                                                     {"array", NodeType::Array},
                                                                     {"object", NodeType::Object}};
      for (const auto& [name, type] : kTypes) {
        if (v == name) {
          node.type = type;
          typed_.insert(&node);
          return;
        }
      }
      fail(fmt::format("unsupported type {}", v.dump()));
    }
    if (key == "minLength")
      node.min_length = integer(key, v);
    else if (key == "maxLength")
      node.max_length = integer(key, v);
    else if (key == "minimum")
      node.minimum = integer(key, v);
    else if (key == "maximum")
      node.maximum = integer(key, v);
    else if (key == "minItems")
      node.min_items = integer(key, v);
    else if (key == "maxItems")
      node.max_items = integer(key, v);
    else if (key == "maxProperties")
      node.max_properties = integer(key, v);
    else if (key == "minProperties")
      node.min_properties = integer(key, v);
    else if (key == "required")
      node.required = strings(key, v);
    else if (key == "oneof")
      node.one_of.push_back(strings(key, v));
    else if (key == "x-kubernetes-list-map-keys")
      node.list_map_keys = strings(key, v);
    else if (key == "default")
      node.default_value = v;
    else if (key == "pattern")
      compile_pattern(node, v);
    else if (key == "enum") {
      if (!v.is_array() || v.empty()) fail("enum must be a non-empty list");
      node.enum_values.assign(v.begin(), v.end());
    } else if (key == "x-kubernetes-list-type") {
      if (v == "atomic")
        node.list_type = ListType::Atomic;
      else if (v == "set")
        node.list_type = ListType::Set;
      else if (v == "map")
        node.list_type = ListType::Map;
      else
        fail(fmt::format("unsupported x-kubernetes-list-type {}", v.dump()));
    } else if (key == "format") {
      // int32 is implied by the minimum/maximum every such field carries;
      // a new format would need a check, so refuse it until it has one.
      // int64 (vendor CRDs) is any JSON integer, which the type check covers.
      if (v != "int32" && v != "int64") fail(fmt::format("unsupported format {}", v.dump()));
    } else if (key == "x-kubernetes-int-or-string") {
      if (v != true) fail("x-kubernetes-int-or-string must be True");
      node.type = NodeType::IntOrString;
      typed_.insert(&node);
    } else {
      fail(fmt::format("unsupported constraint {}", key));
    }
  }

  // The dumps hold Go regexps (the API server compiles them with Go's
  // regexp, an RE2 dialect), already unescaped from Python repr by the
  // literal parser, so RE2 takes them as they are.
  void compile_pattern(SchemaNode& node, const Json& v) {
    if (!v.is_string()) fail("pattern must be a string");
    if (node.regex) {
      // A second pattern on one line: allOf, both must match.
      SchemaNode extra;
      compile_pattern(extra, v);
      node.more_patterns.emplace_back(extra.pattern, extra.regex);
      return;
    }
    node.pattern = v.get<std::string>();
    auto& cached = regexes_[node.pattern];
    if (!cached) {
      RE2::Options options;
      options.set_log_errors(false);
      auto re = std::make_shared<const RE2>(node.pattern, options);
      if (!re->ok())
        fail(fmt::format("pattern {} does not compile: {}", node.pattern, re->error()));
      cached = std::move(re);
      table_.patterns.push_back(node.pattern);
    }
    node.regex = cached;
  }

  void read_cel(std::string_view text) {
    if (!current_) fail("CEL rule before any path");
    const size_t bar = text.find(" | ");
    if (bar == text.npos) fail("CEL line without \" | \" between message and rule");
    const std::string message(text.substr(0, bar));
    const CelRule* rule = find_cel_rule(message, text.substr(bar + 3));
    if (!rule)
      fail(fmt::format("CEL rule \"{}\" has no C++ implementation (lib/validate/cel_*.cc)",
                       message));
    current_->cel.push_back(rule);
    table_.cel_messages.push_back(message);
  }

  // Derives the type of untyped nodes and rejects paths that only appeared
  // as the parent of another line.
  void finish(SchemaNode& node) {
    if (node.line == 0) {
      line_ = 0;
      fail(fmt::format("no line declares {}, the parent of other lines",
                       node.json_path.empty() ? ".spec" : node.json_path));
    }
    if (!typed_.count(&node)) {
      // The dumps leave out `type: object` and additionalProperties. Every
      // untyped node without listed properties is a map[string]string in
      // v1.6.1 (label selectors, infrastructure labels/annotations, TLS options).
      node.type = node.properties.empty() ? NodeType::StringMap : NodeType::Object;
    }
    line_ = node.line;
    if (node.type == NodeType::Object && node.properties.empty()) node.type = NodeType::StringMap;
    if (node.type != NodeType::Object && !node.properties.empty())
      fail(fmt::format("{} has fields but is not an object", node.json_path));
    if ((node.type == NodeType::Array) != static_cast<bool>(node.items)) {
      fail(fmt::format("{} must be an array exactly when it has a [] line", node.json_path));
    }
    if (node.list_type == ListType::Map && node.list_map_keys.empty())
      fail("list-type map without list-map-keys");
    // The API server defaults before it checks `required`, so a required
    // field with a default can never be missing.
    node.required.erase(std::remove_if(node.required.begin(), node.required.end(),
                                       [&](const std::string& name) {
                                         auto it = node.properties.find(name);
                                         return it != node.properties.end() &&
                                                it->second.default_value;
                                       }),
                        node.required.end());
    for (auto& [name, child] : node.properties) {
      if (child.line == 0) child.json_path = node.json_path + "." + name;
      finish(child);
      node.property_index.emplace_back(name, &child);
    }
    if (node.items) {
      if (node.items->line == 0) node.items->json_path = node.json_path + "[]";
      finish(*node.items);
    }
  }

  ConstraintTable table_;
  int line_ = 0;
  SchemaNode* current_ = nullptr;
  std::unordered_set<const SchemaNode*> typed_;
  std::unordered_map<std::string, std::shared_ptr<const RE2>> regexes_;
};

}  // namespace

ConstraintTable load_constraint_table(std::string_view source, std::string_view text) {
  return Loader(source).load(text);
}

const ConstraintTable& embedded_constraint_table(std::string_view name) {
  // Loaded together on first use; C++ guarantees one thread runs the
  // initialiser while others wait. Keys view the embedded (static) paths.
  static const std::map<std::string_view, ConstraintTable, std::less<>> tables = [] {
    std::map<std::string_view, ConstraintTable, std::less<>> out;
    for (const EmbeddedFile& f : embedded_files()) {
      if (f.path.substr(0, kCrdDir.size()) != kCrdDir) continue;
      out.emplace(f.path.substr(kCrdDir.size()), load_constraint_table(f.path, f.content));
    }
    return out;
  }();
  auto it = tables.find(name);
  if (it == tables.end()) {
    throw ConstraintTableError(fmt::format("{}{}: not embedded in the binary", kCrdDir, name));
  }
  return it->second;
}

}  // namespace im::validate
