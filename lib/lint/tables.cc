#include "lint/tables.h"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include <fmt/format.h>

#include "parse/document.h"
#include "rules/catalog.h"
#include "util/embedded.h"
#include "util/text.h"

namespace im {

namespace {

// The tables are part of the binary and covered by tests, so a broken one
// is a build mistake: fail loudly with its position.
[[noreturn]] void broken(const Document& doc, const Node& at, const std::string& what) {
  throw std::logic_error(fmt::format("{}: error: {}", doc.at(at).str(), what));
}

const std::string& field(const Document& doc, const Node& entry, const char* key) {
  const Node* n = entry.get(key);
  if (!n || !n->is_scalar()) broken(doc, entry, fmt::format("missing string field \"{}\"", key));
  return n->value;
}

Document load_embedded(const char* path) {
  for (const auto& f : embedded_files()) {
    if (f.path != path) continue;
    Findings problems;
    std::vector<Document> docs;
    read_documents(std::string(f.content), std::make_shared<const std::string>(path), ParseLimits{},
                   problems, [&](Document&& d) {
                     docs.push_back(std::move(d));
                     return true;
                   });
    if (!problems.items().empty() || docs.size() != 1) {
      throw std::logic_error(fmt::format("{}: error: not one YAML document", path));
    }
    return std::move(docs.front());
  }
  throw std::logic_error(fmt::format("{}: error: not embedded", path));
}

std::string optional_field(const Node& entry, const char* key) {
  const Node* n = entry.get(key);
  return n && n->is_scalar() ? n->value : "";
}

bool bool_field(const Document& doc, const Node& entry, const char* key) {
  const std::string& v = field(doc, entry, key);
  if (v != "true" && v != "false") broken(doc, *entry.get(key), fmt::format("{} must be true or false", key));
  return v == "true";
}

KubeVersion version_field(const Document& doc, const Node& entry, const char* key) {
  auto v = parse_kube_version(field(doc, entry, key));
  if (!v) broken(doc, *entry.get(key), fmt::format("{} must be \"1.N\"", key));
  return *v;
}

Severity severity_field(const Document& doc, const Node& entry) {
  const std::string& s = field(doc, entry, "severity");
  if (s == "error") return Severity::Error;
  if (s == "warning") return Severity::Warning;
  if (s == "info") return Severity::Info;
  broken(doc, *entry.get("severity"), "severity must be error, warning or info");
}

const Node& list(const Document& doc, const char* key) {
  const Node* n = doc.root.get(key);
  if (!n || !n->is_sequence()) broken(doc, doc.root, fmt::format("missing list \"{}\"", key));
  return *n;
}

}  // namespace

std::string KubeVersion::str() const { return fmt::format("{}.{}", major, minor); }

std::optional<KubeVersion> parse_kube_version(const std::string& text) {
  std::string s = !text.empty() && text[0] == 'v' ? text.substr(1) : text;
  KubeVersion v;
  size_t dot = s.find('.');
  if (dot == std::string::npos || dot == 0) return std::nullopt;
  size_t end = s.find('.', dot + 1);
  std::string major = s.substr(0, dot);
  std::string minor = s.substr(dot + 1, end == std::string::npos ? std::string::npos : end - dot - 1);
  std::string patch = end == std::string::npos ? "0" : s.substr(end + 1);
  auto digits = [](const std::string& d) {
    return !d.empty() && d.size() <= 4 &&
           std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (!digits(major) || !digits(minor) || !digits(patch)) return std::nullopt;
  v.major = std::atoi(major.c_str());
  v.minor = std::atoi(minor.c_str());
  if (v.major != 1) return std::nullopt;
  return v;
}

const std::vector<RuleInfo>& lint_rules() {
  static const std::vector<RuleInfo> rules = [] {
    Document doc = load_embedded("rules/lint/rules.yaml");
    std::vector<RuleInfo> out;
    for (const Node& e : list(doc, "rules").items) {
      out.push_back({field(doc, e, "id"), severity_field(doc, e), field(doc, e, "summary"),
                     field(doc, e, "help")});
    }
    return out;
  }();
  return rules;
}

const std::vector<ApiLifecycle>& api_lifecycles() {
  static const std::vector<ApiLifecycle> apis = [] {
    Document doc = load_embedded("rules/lint/removed-apis.yaml");
    std::vector<ApiLifecycle> out;
    for (const Node& e : list(doc, "apis").items) {
      ApiLifecycle api{field(doc, e, "apiVersion"), field(doc, e, "kind"),
                       version_field(doc, e, "deprecated"), std::nullopt,
                       field(doc, e, "replacement"), bool_field(doc, e, "field-changes")};
      if (e.get("removed")) api.removed = version_field(doc, e, "removed");
      out.push_back(std::move(api));
    }
    return out;
  }();
  return apis;
}

const ApiLifecycle* find_api_lifecycle(const std::string& api_version, const std::string& kind) {
  auto find = [&](const std::string& k) -> const ApiLifecycle* {
    for (const ApiLifecycle& api : api_lifecycles()) {
      if (api.api_version == api_version && api.kind == k) return &api;
    }
    return nullptr;
  };
  if (const ApiLifecycle* exact = find(kind)) return exact;
  // A list of objects is served with them (RoleList with Role); pluto lists
  // some List kinds on their own rows, the table lists only the item kinds.
  if (kind.size() > 4 && ends_with(kind, "List")) return find(kind.substr(0, kind.size() - 4));
  return nullptr;
}

const std::vector<GatewayApiVersion>& gateway_api_versions() {
  static const std::vector<GatewayApiVersion> versions = [] {
    Document doc = load_embedded("rules/lint/gateway-api-versions.yaml");
    std::vector<GatewayApiVersion> out;
    for (const Node& e : list(doc, "versions").items) {
      out.push_back({field(doc, e, "apiVersion"), optional_field(e, "kind"),
                     optional_field(e, "deprecated-in"), optional_field(e, "replacement"),
                     field(doc, e, "status")});
    }
    return out;
  }();
  return versions;
}

const GatewayApiVersion* find_gateway_api_version(const std::string& api_version,
                                                  const std::string& kind) {
  const GatewayApiVersion* whole_version = nullptr;
  for (const GatewayApiVersion& v : gateway_api_versions()) {
    if (v.api_version != api_version) continue;
    if (v.kind == kind) return &v;
    if (v.kind.empty() && !whole_version) whole_version = &v;
  }
  return whole_version;
}

KubeVersion newest_known_version() {
  static const KubeVersion newest = [] {
    Document doc = load_embedded("rules/lint/removed-apis.yaml");
    return version_field(doc, doc.root, "newest-known");
  }();
  return newest;
}

std::optional<RuleInfo> describe_rule(const std::string& id) {
  for (const auto& r : lint_rules()) {
    if (r.id == id) return r;
  }
  for (const auto& r : Catalog::builtin().rules()) {
    if (r.id != id) continue;
    // Annotation rules: the finding says what is lost; help says what to
    // do, which the catalog holds as `instead` (none) or `lost` (partial).
    RuleInfo info{r.id, Severity::Warning, r.key + ": " + r.summary, ""};
    if (!r.value_verdicts.empty()) {
      // FCGI is an error, HTTPS a warning: the value decides.
      for (const auto& vv : r.value_verdicts) {
        if (vv.error) info.severity = Severity::Error;
      }
      info.help = "The verdict depends on the value: `ingress-migrate rules explain` on the annotation "
                  "lists each value with what differs.";
    } else if (r.verdict == Verdict::None) {
      info.help = r.instead.empty() ? "No Gateway API equivalent; handle it by hand." : r.instead;
      if (r.params.count("severity") && r.params.at("severity") == "error") info.severity = Severity::Error;
    } else if (r.verdict == Verdict::Partial) {
      info.help = "Only partly converted: " + r.lost;
    } else {
      info.severity = Severity::Error;  // converted rules report only invalid values
      info.help = "Converted to Gateway API; a finding means its value is invalid and was ignored.";
    }
    return info;
  }
  return std::nullopt;
}

std::vector<std::string> known_rule_ids() {
  std::vector<std::string> ids;
  for (const auto& r : lint_rules()) ids.push_back(r.id);
  for (const auto& r : Catalog::builtin().rules()) ids.push_back(r.id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace im
