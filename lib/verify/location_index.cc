#include "verify/location_index.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>

#include "verify/nginx_model.h"

namespace im::verify {

namespace {

/// Characters RE2 reads as themselves outside a character class (and
/// that case folding maps only to their ASCII other case).
bool plain_literal(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return u < 0x80 && (std::isalnum(u) || std::string_view("/-_~%=,:@!&;").find(c) != std::string_view::npos);
}

/// False when the pattern has `|` outside every group, a `)` that would
/// close the `(?:` verify wraps it in, unbalanced groups, or a \Q quote:
/// then the pattern may match without its leading literal.
bool groups_keep_prefix(const std::string& p) {
  int depth = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '\\') {
      if (i + 1 < p.size() && p[i + 1] == 'Q') return false;
      ++i;
    } else if (c == '[') {
      ++i;
      if (i < p.size() && p[i] == '^') ++i;
      if (i < p.size() && p[i] == ']') ++i;  // "[]...]": a literal ']'
      while (i < p.size() && p[i] != ']') i += p[i] == '\\' ? 2 : 1;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (--depth < 0) return false;
    } else if (c == '|' && depth == 0) {
      return false;
    }
  }
  return depth == 0;
}

std::string ascii_lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool ascii_only(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

std::string regex_required_prefix(const std::string& pattern) {
  if (!groups_keep_prefix(pattern)) return "";
  std::string lit;
  for (char c : pattern) {
    if (plain_literal(c)) {
      lit += c;
      continue;
    }
    if ((c == '?' || c == '*' || c == '{') && !lit.empty()) lit.pop_back();
    break;
  }
  return ascii_lower(lit);
}

void LocationIndex::build(const std::vector<NginxLocation>& locations, bool regex) {
  for (size_t i = 0; i < locations.size(); ++i) {
    const NginxLocation& l = locations[i];
    if (regex) {
      // template.go buildLocation in regex mode: `location ~* "^PATH"`.
      RE2::Options opts;
      opts.set_case_sensitive(false);
      opts.set_log_errors(false);
      auto re = std::make_shared<const RE2>("^(?:" + l.path + ")", opts);
      // A pattern RE2 does not understand makes every request that reaches
      // it uncertain, so it is a candidate for every request.
      by_prefix_[re->ok() ? regex_required_prefix(l.path) : ""].push_back(i);
      regexes_.push_back(re->ok() ? re : nullptr);
    } else {
      (l.exact ? exact_ : prefix_).emplace(l.path, i);
    }
  }
}

std::vector<size_t> LocationIndex::regex_candidates(const std::string& uri) const {
  std::vector<size_t> out;
  if (!ascii_only(uri)) {
    // Case folding pairs some ASCII letters with other characters (k with
    // the Kelvin sign): the lower-case prefix says nothing, try them all.
    for (const auto& [prefix, list] : by_prefix_) out.insert(out.end(), list.begin(), list.end());
  } else {
    std::string lower = ascii_lower(uri);
    for (size_t n = 0; n <= lower.size(); ++n) {
      auto it = by_prefix_.find(lower.substr(0, n));
      if (it != by_prefix_.end()) out.insert(out.end(), it->second.begin(), it->second.end());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<size_t> LocationIndex::exact(const std::string& uri) const {
  auto it = exact_.find(uri);
  if (it == exact_.end()) return std::nullopt;
  return it->second;
}

std::optional<size_t> LocationIndex::prefix_named(const std::string& path) const {
  auto it = prefix_.find(path);
  if (it == prefix_.end()) return std::nullopt;
  return it->second;
}

std::optional<size_t> LocationIndex::longest_prefix(const std::string& uri) const {
  for (size_t n = uri.size(); n > 0; --n) {
    if (auto i = prefix_named(uri.substr(0, n))) return i;
  }
  return std::nullopt;
}

}  // namespace im::verify
