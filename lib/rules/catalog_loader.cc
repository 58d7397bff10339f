// Loading rule files. A rule file is data written by people, so every
// mistake is reported at its line and column, with a suggestion where one
// is close.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "parse/document.h"
#include "rules/actions.h"
#include "rules/catalog.h"
#include "rules/value_format.h"
#include "util/did_you_mean.h"

namespace im {

namespace {

[[noreturn]] void fail(const Document& doc, const Node& at, const std::string& message) {
  throw RuleLoadError(fmt::format("{}: error: {}", doc.at(at).str(), message));
}

std::string hint(const std::string& input, const std::vector<std::string>& candidates) {
  std::string best = did_you_mean(input, candidates);
  return best.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", best);
}

const std::string& scalar(const Document& doc, const Node& n, const std::string& what) {
  if (!n.is_scalar()) fail(doc, n, fmt::format("{} must be a string, found {}", what, n.describe()));
  return n.value;
}

std::vector<std::string> string_list(const Document& doc, const Node& n, const std::string& what) {
  if (!n.is_sequence()) fail(doc, n, fmt::format("{} must be a list, found {}", what, n.describe()));
  std::vector<std::string> out;
  for (const Node& item : n.items) out.push_back(scalar(doc, item, what + "[]"));
  return out;
}

Verdict parse_verdict(const Document& doc, const Node& n) {
  const std::string& v = scalar(doc, n, "verdict");
  if (v == "converted") return Verdict::Converted;
  if (v == "partial") return Verdict::Partial;
  if (v == "none") return Verdict::None;
  fail(doc, n, fmt::format("unknown verdict \"{}\"{}", v, hint(v, {"converted", "partial", "none"})));
}

const std::vector<std::string> kRuleFields = {"id",      "key",  "action",  "verdict", "value",
                                              "features", "summary", "lost", "instead", "params",
                                              "example", "values"};
const std::vector<std::string> kFileFields = {"controller", "prefixes", "source", "rules"};

const std::vector<std::string> kValueFields = {"verdict", "lost", "instead", "severity"};

/// values: {VALUE: {verdict, lost | instead, severity: error}}, checked like
/// a rule's own verdict.
std::vector<ValueVerdict> parse_value_verdicts(const Document& doc, const Node& n, const std::string& rule_id) {
  if (!n.is_mapping()) fail(doc, n, "values must be a mapping from value to verdict");
  std::vector<ValueVerdict> out;
  for (const auto& [k, v] : n.entries) {
    ValueVerdict vv;
    vv.value = scalar(doc, k, "value");
    if (!v.is_mapping()) fail(doc, v, fmt::format("the verdict for value {} must be a mapping", vv.value));
    if (!v.get("verdict")) fail(doc, v, fmt::format("rule {}: value {} is missing \"verdict\"", rule_id, vv.value));
    for (const auto& [fk, fv] : v.entries) {
      const std::string& field = scalar(doc, fk, "value verdict field");
      if (field == "verdict") {
        vv.verdict = parse_verdict(doc, fv);
      } else if (field == "lost") {
        vv.lost = scalar(doc, fv, "lost");
      } else if (field == "instead") {
        vv.instead = scalar(doc, fv, "instead");
      } else if (field == "severity") {
        const std::string& sev = scalar(doc, fv, "severity");
        if (sev != "error" && sev != "warning") fail(doc, fv, "severity must be error or warning");
        vv.error = sev == "error";
      } else {
        fail(doc, fk, fmt::format("unknown value verdict field \"{}\"{}", field, hint(field, kValueFields)));
      }
    }
    if (vv.verdict == Verdict::Partial && vv.lost.empty()) {
      fail(doc, v, fmt::format("rule {}: value {} is partial but does not say what is lost", rule_id, vv.value));
    }
    if (vv.verdict == Verdict::None && vv.instead.empty()) {
      fail(doc, v, fmt::format("rule {}: value {} has verdict none but no \"instead\"", rule_id, vv.value));
    }
    out.push_back(std::move(vv));
  }
  return out;
}

Rule parse_rule(const Document& doc, const Node& n, const Family& family) {
  if (!n.is_mapping()) fail(doc, n, fmt::format("a rule must be a mapping, found {}", n.describe()));
  Rule rule;
  rule.controller = family.name;
  rule.location = doc.at(n);
  for (const auto& [k, v] : n.entries) {
    const std::string& key = scalar(doc, k, "rule field");
    if (key == "id") {
      rule.id = scalar(doc, v, "id");
    } else if (key == "key") {
      rule.key = scalar(doc, v, "key");
    } else if (key == "action") {
      rule.action = scalar(doc, v, "action");
      if (!find_action(rule.action)) {
        fail(doc, v, fmt::format("unknown action \"{}\"{}", rule.action,
                                 hint(rule.action, action_names())));
      }
    } else if (key == "verdict") {
      rule.verdict = parse_verdict(doc, v);
    } else if (key == "value") {
      rule.value_format = scalar(doc, v, "value");
      const auto& formats = value_formats();
      if (std::find(formats.begin(), formats.end(), rule.value_format) == formats.end()) {
        fail(doc, v, fmt::format("unknown value format \"{}\"{}", rule.value_format,
                                 hint(rule.value_format, formats)));
      }
    } else if (key == "features") {
      rule.features = string_list(doc, v, "features");
    } else if (key == "summary") {
      rule.summary = scalar(doc, v, "summary");
    } else if (key == "lost") {
      rule.lost = scalar(doc, v, "lost");
    } else if (key == "instead") {
      rule.instead = scalar(doc, v, "instead");
    } else if (key == "example") {
      rule.example = scalar(doc, v, "example");
    } else if (key == "values") {
      rule.value_verdicts = parse_value_verdicts(doc, v, rule.id);
    } else if (key == "params") {
      if (!v.is_mapping()) fail(doc, v, "params must be a mapping");
      for (const auto& [pk, pv] : v.entries) {
        rule.params[scalar(doc, pk, "param name")] = scalar(doc, pv, "param value");
      }
    } else {
      fail(doc, k, fmt::format("unknown rule field \"{}\"{}", key, hint(key, kRuleFields)));
    }
  }
  for (const char* required : {"id", "key", "action", "summary"}) {
    bool missing = (std::string(required) == "id" && rule.id.empty()) ||
                   (std::string(required) == "key" && rule.key.empty()) ||
                   (std::string(required) == "action" && rule.action.empty()) ||
                   (std::string(required) == "summary" && rule.summary.empty());
    if (missing) fail(doc, n, fmt::format("rule is missing \"{}\"", required));
  }
  if (!n.get("verdict")) fail(doc, n, "rule is missing \"verdict\"");
  // A verdict must match what the action can do: claiming a conversion for
  // an action that converts nothing would silently drop the annotation.
  if ((rule.action == "not-converted") != (rule.verdict == Verdict::None)) {
    fail(doc, n, fmt::format("rule {}: action not-converted goes with verdict none, and only with it",
                             rule.id));
  }
  if (rule.verdict == Verdict::Partial && rule.lost.empty()) {
    fail(doc, n, fmt::format("rule {} is partial but does not say what is lost (\"lost\")", rule.id));
  }
  if (rule.verdict == Verdict::None && rule.instead.empty()) {
    fail(doc, n, fmt::format("rule {} has verdict none but no \"instead\"", rule.id));
  }
  return rule;
}

}  // namespace

void Catalog::load(const std::string& text, const std::string& origin) {
  Findings findings;
  auto origin_ptr = std::make_shared<const std::string>(origin);
  std::vector<Document> docs;
  read_documents(text, origin_ptr, ParseLimits{}, findings, [&](Document&& d) {
    docs.push_back(std::move(d));
    return true;
  });
  for (const auto& f : findings.items()) {
    if (f.severity == Severity::Error) throw RuleLoadError(format_finding(f));
  }
  // Ids must be unique within one load; a rule whose id was loaded before
  // (the built-in catalog, then --rules) replaces it, so users can override.
  std::set<std::string> ids;
  for (const Document& doc : docs) {
    const Node& root = doc.root;
    if (!root.is_mapping()) fail(doc, root, "a rule file must be a mapping");
    Family family;
    family.location = doc.at(root);
    const Node* rules = nullptr;
    for (const auto& [k, v] : root.entries) {
      const std::string& key = scalar(doc, k, "field");
      if (key == "controller") {
        family.name = scalar(doc, v, "controller");
      } else if (key == "prefixes") {
        family.prefixes = string_list(doc, v, "prefixes");
      } else if (key == "source") {
        family.source = scalar(doc, v, "source");
      } else if (key == "rules") {
        if (!v.is_sequence()) fail(doc, v, "rules must be a list");
        rules = &v;
      } else {
        fail(doc, k, fmt::format("unknown field \"{}\"{}", key, hint(key, kFileFields)));
      }
    }
    if (family.name.empty()) fail(doc, root, "rule file is missing \"controller\"");
    if (family.prefixes.empty()) fail(doc, root, "rule file is missing \"prefixes\"");
    // Several files may describe one family; the first defines its prefixes.
    if (!this->family(family.name)) families_.push_back(family);
    if (!rules) continue;
    for (const Node& rn : rules->items) {
      Rule rule = parse_rule(doc, rn, family);
      if (!ids.insert(rule.id).second) {
        fail(doc, rn, fmt::format("duplicate rule id \"{}\"", rule.id));
      }
      auto same_id = std::find_if(rules_.begin(), rules_.end(),
                                  [&](const Rule& r) { return r.id == rule.id; });
      if (same_id != rules_.end()) {
        *same_id = std::move(rule);
      } else {
        rules_.push_back(std::move(rule));
      }
    }
  }
  reindex();
}

void Catalog::load_directory(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw RuleLoadError(fmt::format("{}: error: not a directory", dir));
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it); it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".yaml") files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) throw RuleLoadError(fmt::format("{}: error: cannot read rule file", f.string()));
    std::stringstream ss;
    ss << in.rdbuf();
    load(ss.str(), f.string());
  }
}

}  // namespace im
