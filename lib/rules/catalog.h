#pragma once
// The annotation catalog: every rule file, loaded and indexed.

#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "rules/rule.h"

namespace im {

/// A broken rule file. Fatal: the message is "file:line:col: error: ...".
class RuleLoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What the catalog says about one annotation key on one Ingress.
struct RuleMatch {
  const Family* family = nullptr;  ///< the family whose prefix matched (null: none)
  const Rule* rule = nullptr;      ///< the rule (null: known family, unknown key)
  std::string suffix;              ///< key after the family prefix
};

class Catalog {
 public:
  /// The rules compiled into the binary.
  static const Catalog& builtin();

  /// Loads one rule file's text (YAML). Throws RuleLoadError.
  void load(const std::string& text, const std::string& origin);
  /// Loads every *.yaml below `dir` (sorted). Throws RuleLoadError.
  void load_directory(const std::string& dir);

  /// Matches `key`. Families whose name is `preferred` are tried first, so
  /// a prefix shared by several controllers (ingress.kubernetes.io/)
  /// resolves to the Ingress's own controller. `nginx_prefix` replaces
  /// "nginx.ingress.kubernetes.io" (ingress-nginx --annotations-prefix).
  RuleMatch match(const std::string& key, const std::string& preferred,
                  const std::string& nginx_prefix = "nginx.ingress.kubernetes.io") const;

  const std::vector<Family>& families() const { return families_; }
  const std::vector<Rule>& rules() const { return rules_; }
  const Family* family(const std::string& name) const;
  /// Rule by id or by full key (first prefix of its family), or null.
  const Rule* find(const std::string& id_or_key) const;

 private:
  void reindex();

  std::vector<Family> families_;
  std::vector<Rule> rules_;
  /// "family\nkey" -> index into rules_ for exact keys, and the pattern
  /// rules per family: match() runs for every annotation of every Ingress.
  std::unordered_map<std::string, size_t> exact_;
  std::unordered_map<std::string, std::vector<size_t>> patterns_;
};

}  // namespace im
