#include "util/unified_diff.h"

#include <algorithm>

#include <fmt/format.h>

namespace im {

namespace {

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    // Lines keep their "\n" so that a last line without one differs from
    // the same text with one, as in diff.
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    out.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

}  // namespace

// Myers, "An O(ND) Difference Algorithm and Its Variations" (1986): walk
// diagonals k = x - y, keeping for each edit distance d the furthest x
// reached on every diagonal, then backtrack through the saved rows. Memory
// is O(D^2), fine for the drift of generated files this is used on.
std::vector<DiffLine> diff_lines(const std::vector<std::string_view>& a,
                                 const std::vector<std::string_view>& b) {
  const long n = static_cast<long>(a.size()), m = static_cast<long>(b.size());
  const long max = n + m;
  std::vector<long> v(2 * max + 2, 0);
  std::vector<std::vector<long>> trace;
  long found_d = 0;
  for (long d = 0; d <= max; ++d) {
    trace.push_back(v);
    bool done = false;
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && v[k - 1 + max] < v[k + 1 + max])) ? v[k + 1 + max]
                                                                        : v[k - 1 + max] + 1;
      long y = x - k;
      while (x < n && y < m && a[x] == b[y]) ++x, ++y;
      v[k + max] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
    if (done) {
      found_d = d;
      break;
    }
  }

  std::vector<DiffLine> script;
  long x = n, y = m;
  for (long d = found_d; d > 0; --d) {
    const std::vector<long>& prev = trace[d];  // v as it was before step d
    long k = x - y;
    long prev_k = (k == -d || (k != d && prev[k - 1 + max] < prev[k + 1 + max])) ? k + 1 : k - 1;
    long prev_x = prev[prev_k + max];
    long prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) script.push_back({DiffLine::Op::Keep, a[--x]}), --y;
    if (x == prev_x) script.push_back({DiffLine::Op::Add, b[--y]});
    else script.push_back({DiffLine::Op::Remove, a[--x]});
  }
  while (x > 0 && y > 0) script.push_back({DiffLine::Op::Keep, a[--x]}), --y;
  std::reverse(script.begin(), script.end());
  return script;
}

std::string unified_diff(std::string_view a, std::string_view b, const std::string& a_name,
                         const std::string& b_name, size_t context) {
  if (a == b) return "";
  auto a_lines = lines_of(a), b_lines = lines_of(b);
  std::vector<DiffLine> script = diff_lines(a_lines, b_lines);

  std::string out = fmt::format("--- {}\n+++ {}\n", a_name, b_name);
  size_t i = 0;
  // Line numbers (0-based) in a and b of script[i].
  std::vector<size_t> a_at(script.size() + 1), b_at(script.size() + 1);
  for (size_t j = 0, ai = 0, bi = 0; j <= script.size(); ++j) {
    a_at[j] = ai;
    b_at[j] = bi;
    if (j == script.size()) break;
    if (script[j].op != DiffLine::Op::Add) ++ai;
    if (script[j].op != DiffLine::Op::Remove) ++bi;
  }
  while (i < script.size()) {
    if (script[i].op == DiffLine::Op::Keep) {
      ++i;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines
    // after the last change that is at most 2*context lines further on.
    size_t start = i > context ? i - context : 0;
    size_t end = i;
    for (size_t j = i; j < script.size(); ++j) {
      if (script[j].op != DiffLine::Op::Keep) end = j + 1;
      else if (j - end >= 2 * context) break;
    }
    end = std::min(script.size(), end + context);
    size_t a_len = a_at[end] - a_at[start], b_len = b_at[end] - b_at[start];
    out += fmt::format("@@ -{},{} +{},{} @@\n", a_len ? a_at[start] + 1 : a_at[start], a_len,
                       b_len ? b_at[start] + 1 : b_at[start], b_len);
    for (size_t j = start; j < end; ++j) {
      const DiffLine& l = script[j];
      char mark = l.op == DiffLine::Op::Keep ? ' ' : l.op == DiffLine::Op::Remove ? '-' : '+';
      out += mark;
      out += l.text;
      if (l.text.empty() || l.text.back() != '\n') out += "\n\\ No newline at end of file\n";
    }
    i = end;
  }
  return out;
}

}  // namespace im
