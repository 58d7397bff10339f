#include "convert/naming.h"

#include <cstdint>

#include <fmt/format.h>

namespace im {

namespace {

uint32_t fnv1a(const std::string& s) {
  uint32_t h = 2166136261u;
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

bool alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

/// Removes '-' and '.' that would start or end a label.
std::string tidy_labels(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '.' || c == '-') {
      if (out.empty() || out.back() == '.') continue;  // no label may start with - or .
      if (c == '.' && out.back() == '-') {
        while (!out.empty() && out.back() == '-') out.pop_back();
        if (out.empty() || out.back() == '.') continue;
      }
    }
    out += c;
  }
  while (!out.empty() && !alnum(out.back())) out.pop_back();
  return out;
}

}  // namespace

std::string dns_name(const std::string& raw, size_t max_len) {
  std::string s;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '*') {
      s += "wildcard";
    } else if (c >= 'A' && c <= 'Z') {
      s += static_cast<char>(c - 'A' + 'a');
    } else if (alnum(c) || c == '.' || c == '-') {
      s += c;
    } else {
      s += '-';
    }
  }
  s = tidy_labels(s);
  if (s.empty()) s = "unnamed";
  if (s.size() > max_len) {
    std::string suffix = fmt::format("-{:08x}", fnv1a(raw));
    s = tidy_labels(s.substr(0, max_len - suffix.size())) + suffix;
  }
  return s;
}

std::string NameRegistry::claim(const std::string& scope, const std::string& wanted,
                                size_t max_len) {
  auto& taken = taken_[scope];
  std::string base = dns_name(wanted, max_len);
  if (taken.insert(base).second) return base;
  for (int n = 2;; ++n) {
    std::string suffix = "-" + std::to_string(n);
    std::string candidate = dns_name(wanted, max_len - suffix.size()) + suffix;
    if (taken.insert(candidate).second) return candidate;
  }
}

}  // namespace im
