#pragma once
// The filters of one HTTPRoute rule, collected from several annotations and
// written out once, so that the CEL limits (one URLRewrite, one
// RequestHeaderModifier, never a redirect next to a rewrite) hold by
// construction.

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "diag/location.h"

namespace im {

/// An HTTP header name as Gateway API accepts it (RFC 7230 token, 1-256).
bool is_header_name(const std::string& name);

/// The most entries a header filter's set or remove list holds
/// (HTTPHeaderFilter: +kubebuilder:validation:MaxItems=16).
constexpr size_t kMaxHeaderFilterEntries = 16;

/// Sets `name` in a header filter's set list. A name already there (header
/// names are case-insensitive) takes the new value, as a second set-header
/// would, since the list holds each name once; false, with nothing changed,
/// when the name is new and the list is full.
bool set_header(std::vector<std::pair<std::string, std::string>>& set, const std::string& name,
                const std::string& value);
/// Adds `name` to a header filter's add list; false, with nothing changed,
/// when the name is there already (the list holds each name once) or the
/// list is full.
bool add_header(std::vector<std::pair<std::string, std::string>>& add, const std::string& name,
                const std::string& value);
/// Adds `name` to a remove list once; false when it is new and the list is full.
bool remove_header(std::vector<std::string>& remove, const std::string& name);

struct RedirectSpec {
  std::string scheme;    ///< "" = keep
  std::string hostname;  ///< "" = keep
  std::optional<int> port;
  std::optional<std::string> full_path;  ///< ReplaceFullPath
  std::optional<std::string> prefix;     ///< ReplacePrefixMatch
  int status_code = 302;
};

/// A path rewrite by regular expression, as Envoy's regex_rewrite does it:
/// every match of `pattern` in the path (the query stays as it is) is
/// replaced by `substitution`, where \1..\9 name the groups. Standard
/// Gateway API has no such filter; only an implementation filter written by
/// lib/targets carries it, so FilterSet::to_json leaves it out.
struct RegexRewrite {
  std::string pattern;
  std::string substitution;
  Location source;  ///< the annotation it comes from, for the target's verdict
};

struct FilterSet {
  std::optional<RedirectSpec> redirect;
  std::optional<std::string> rewrite_full_path;
  std::optional<std::string> rewrite_prefix;
  std::optional<std::string> rewrite_hostname;
  std::optional<RegexRewrite> rewrite_regex;
  std::vector<std::pair<std::string, std::string>> request_set;
  /// Values added to the request's headers (RequestHeaderModifier add:
  /// appended where the client sent the header), each name once.
  std::vector<std::pair<std::string, std::string>> request_add;
  std::vector<std::string> request_remove;
  std::vector<std::pair<std::string, std::string>> response_set;
  std::vector<std::string> response_remove;
  std::optional<nlohmann::ordered_json> cors;  ///< the HTTPCORSFilter object
  std::vector<nlohmann::ordered_json> mirrors; ///< HTTPRequestMirrorFilter objects
  /// LocalObjectReferences of implementation filters (lib/targets adds them).
  std::vector<nlohmann::ordered_json> extension_refs;

  /// The filters in a fixed order; a redirect drops the rewrite (CEL forbids both).
  std::vector<nlohmann::ordered_json> to_json() const;
};

/// A FilterSet shared by the rules that carry the same one (all rules of an
/// Ingress start with its annotations' filters) until a rule changes its
/// own: route rules stay small on large inputs.
class SharedFilters {
 public:
  SharedFilters() = default;
  explicit SharedFilters(const FilterSet& f) : p_(std::make_shared<FilterSet>(f)) {}

  const FilterSet& get() const {
    static const FilterSet kEmpty;
    return p_ ? *p_ : kEmpty;
  }
  /// This rule's own copy, made on the first change.
  FilterSet& edit() {
    if (!p_) {
      p_ = std::make_shared<FilterSet>();
    } else if (p_.use_count() > 1) {
      p_ = std::make_shared<FilterSet>(*p_);
    }
    return *p_;
  }

 private:
  std::shared_ptr<FilterSet> p_;
};

}  // namespace im
