#include "parse/path_filter.h"

#include <sstream>

namespace im {

namespace {

// "[abc]", "[a-z]", "[!a]" at pattern[p] (just after "["); sets `end` to
// the index after "]". A class never matches "/".
bool class_match(const std::string& pattern, size_t p, char c, size_t& end) {
  bool negate = p < pattern.size() && (pattern[p] == '!' || pattern[p] == '^');
  if (negate) ++p;
  bool matched = false;
  size_t i = p;
  for (; i < pattern.size() && (pattern[i] != ']' || i == p); ++i) {
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      if (c >= pattern[i] && c <= pattern[i + 2]) matched = true;
      i += 2;
    } else if (pattern[i] == c) {
      matched = true;
    }
  }
  end = i + 1;
  return c != '/' && matched != negate;
}

bool match_at(const std::string& pat, size_t p, const std::string& s, size_t i) {
  while (p < pat.size()) {
    char c = pat[p];
    if (c == '*' && p + 1 < pat.size() && pat[p + 1] == '*') {
      // "**/" matches zero or more whole directories; a trailing "**"
      // everything below.
      size_t rest = p + 2;
      if (rest < pat.size() && pat[rest] == '/') {
        for (size_t j = i; j <= s.size(); ++j) {
          if ((j == i || s[j - 1] == '/') && match_at(pat, rest + 1, s, j)) return true;
        }
        return false;
      }
      for (size_t j = i; j <= s.size(); ++j) {
        if (match_at(pat, rest, s, j)) return true;
      }
      return false;
    }
    if (c == '*') {
      for (size_t j = i; j <= s.size(); ++j) {
        if (match_at(pat, p + 1, s, j)) return true;
        if (j < s.size() && s[j] == '/') break;
      }
      return false;
    }
    if (i >= s.size()) return false;
    if (c == '?') {
      if (s[i] == '/') return false;
      ++p;
      ++i;
    } else if (c == '[') {
      size_t end = 0;
      if (!class_match(pat, p + 1, s[i], end)) return false;
      p = end;
      ++i;
    } else {
      if (c == '\\' && p + 1 < pat.size()) c = pat[++p];
      if (c != s[i]) return false;
      ++p;
      ++i;
    }
  }
  return i == s.size();
}

}  // namespace

bool glob_match(const std::string& pattern, const std::string& path) {
  return match_at(pattern, 0, path, 0);
}

void PathFilter::add(const std::string& raw) {
  std::string line = raw;
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  if (line.empty() || line[0] == '#') return;
  Pattern p;
  if (line[0] == '!') {
    p.negate = true;
    line = line.substr(1);
  }
  if (line.size() > 1 && line.back() == '/') {
    p.dir_only = true;
    line.pop_back();
  }
  while (line.rfind("./", 0) == 0) line = line.substr(2);
  p.anchored = line.find('/') != std::string::npos;
  if (!line.empty() && line[0] == '/') line = line.substr(1);
  if (line.empty()) return;
  p.glob = line;
  patterns_.push_back(std::move(p));
}

void PathFilter::add_lines(const std::string& text) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) add(line);
}

bool PathFilter::excluded(const std::string& relative, bool is_dir) const {
  // The last matching pattern decides, as in git.
  bool out = false;
  std::string name = relative.substr(relative.rfind('/') == std::string::npos ? 0 : relative.rfind('/') + 1);
  for (const Pattern& p : patterns_) {
    if (p.dir_only && !is_dir) continue;
    if (p.anchored ? glob_match(p.glob, relative) : glob_match(p.glob, name)) out = !p.negate;
  }
  return out;
}

}  // namespace im
