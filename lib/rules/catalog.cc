#include "rules/catalog.h"

#include <algorithm>

#include "util/embedded.h"

namespace im {

namespace {

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

/// A pattern key ends in "*": "actions.*" matches "actions.foo".
bool key_matches(const Rule& rule, const std::string& suffix) {
  if (!rule.is_pattern()) return rule.key == suffix;
  std::string stem = rule.key.substr(0, rule.key.size() - 1);
  return suffix.size() > stem.size() && starts_with(suffix, stem);
}

}  // namespace

const Catalog& Catalog::builtin() {
  static const Catalog catalog = [] {
    Catalog c;
    for (const auto& f : embedded_files()) {
      // rules/controllers/ holds conformance data, rules/targets/ the output
      // profiles and rules/lint/ the lint tables, not annotation rules.
      if (starts_with(std::string(f.path), "rules/") && f.path.size() > 5 &&
          f.path.substr(f.path.size() - 5) == ".yaml" &&
          !starts_with(std::string(f.path), "rules/controllers/") &&
          !starts_with(std::string(f.path), "rules/targets/") &&
          !starts_with(std::string(f.path), "rules/lint/")) {
        c.load(std::string(f.content), std::string(f.path));
      }
    }
    return c;
  }();
  return catalog;
}

void Catalog::reindex() {
  exact_.clear();
  patterns_.clear();
  for (size_t i = 0; i < rules_.size(); ++i) {
    const Rule& r = rules_[i];
    if (r.is_pattern()) {
      patterns_[r.controller].push_back(i);
    } else {
      exact_.emplace(r.controller + '\n' + r.key, i);
    }
  }
}

const Family* Catalog::family(const std::string& name) const {
  for (const auto& f : families_) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const Rule* Catalog::find(const std::string& id_or_key) const {
  for (const auto& r : rules_) {
    if (r.id == id_or_key) return &r;
  }
  for (const auto& r : rules_) {
    const Family* f = family(r.controller);
    if (!f) continue;
    for (const auto& p : f->prefixes) {
      if (p + r.key == id_or_key) return &r;
    }
  }
  return nullptr;
}

RuleMatch Catalog::match(const std::string& key, const std::string& preferred,
                         const std::string& nginx_prefix) const {
  // Order: the Ingress's own family, then the cross-controller keys
  // ("generic"), then the other families in load order.
  std::vector<const Family*> order;
  if (const Family* own = family(preferred)) order.push_back(own);
  if (const Family* generic = family("generic"); generic && preferred != "generic") {
    order.push_back(generic);
  }
  for (const auto& f : families_) {
    if (f.name != preferred && f.name != "generic") order.push_back(&f);
  }
  // A key may fall under several families' prefixes (kubernetes.io/ingress.
  // is GKE's, kubernetes.io/ingress.class is everyone's): a family that has a
  // rule for it wins; otherwise the first family whose prefix matched says
  // "unknown key".
  RuleMatch unknown_in_family;
  for (const Family* f : order) {
    std::vector<std::string> prefixes = f->prefixes;
    if (f->name == "ingress-nginx" && nginx_prefix != "nginx.ingress.kubernetes.io") {
      for (auto& p : prefixes) {
        if (p == "nginx.ingress.kubernetes.io/") p = nginx_prefix + "/";
      }
    }
    // Longest prefix first, so the most specific spelling decides the suffix.
    std::sort(prefixes.begin(), prefixes.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    for (const auto& p : prefixes) {
      if (!starts_with(key, p)) continue;
      std::string suffix = key.substr(p.size());
      const Rule* exact = nullptr;
      const Rule* pattern = nullptr;
      if (auto it = exact_.find(f->name + '\n' + suffix); it != exact_.end()) exact = &rules_[it->second];
      if (!exact) {
        if (auto it = patterns_.find(f->name); it != patterns_.end()) {
          for (size_t i : it->second) {
            if (key_matches(rules_[i], suffix)) {
              pattern = &rules_[i];
              break;
            }
          }
        }
      }
      if (exact || pattern) return RuleMatch{f, exact ? exact : pattern, suffix};
      // A family with the empty prefix only claims keys it knows.
      if (!p.empty() && !unknown_in_family.family) unknown_in_family = RuleMatch{f, nullptr, suffix};
    }
  }
  return unknown_in_family;
}

}  // namespace im
