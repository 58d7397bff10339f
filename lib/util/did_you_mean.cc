#include "util/did_you_mean.h"

#include <algorithm>
#include <array>
#include <limits>

namespace im {

// The unrestricted distance (Lowrance-Wagner), not the simpler "optimal
// string alignment" one: OSA forbids editing a transposed pair again, which
// makes it violate the triangle inequality and rank some typos oddly.
size_t edit_distance(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  const size_t m = b.size();
  const size_t inf = n + m;
  // d has a sentinel row and column of `inf` around the usual table, so
  // d[i + 1][j + 1] is the distance between the first i bytes of a and the
  // first j bytes of b.
  const size_t width = m + 2;
  std::vector<size_t> d((n + 2) * width);
  auto at = [&](size_t i, size_t j) -> size_t& { return d[i * width + j]; };
  at(0, 0) = inf;
  for (size_t i = 0; i <= n; ++i) {
    at(i + 1, 0) = inf;
    at(i + 1, 1) = i;
  }
  for (size_t j = 0; j <= m; ++j) {
    at(0, j + 1) = inf;
    at(1, j + 1) = j;
  }
  // Last row of a in which each byte value was seen.
  std::array<size_t, 256> last_row{};
  for (size_t i = 1; i <= n; ++i) {
    size_t last_col = 0;  // last column of b in this row where a[i-1] matched
    const auto ca = static_cast<unsigned char>(a[i - 1]);
    for (size_t j = 1; j <= m; ++j) {
      const auto cb = static_cast<unsigned char>(b[j - 1]);
      const size_t k = last_row[cb];
      const size_t l = last_col;
      const size_t cost = ca == cb ? 0 : 1;
      if (cost == 0) last_col = j;
      at(i + 1, j + 1) = std::min({at(i, j) + cost, at(i + 1, j) + 1, at(i, j + 1) + 1,
                                   at(k, l) + (i - k - 1) + 1 + (j - l - 1)});
    }
    last_row[ca] = i;
  }
  return at(n + 1, m + 1);
}

std::string did_you_mean(std::string_view input, const std::vector<std::string>& candidates) {
  // Anything short is "close" to nothing typed; suggesting it would be noise.
  if (input.empty()) return "";
  const size_t limit = std::max<size_t>(2, input.size() / 3);
  const std::string* best = nullptr;
  size_t best_distance = std::numeric_limits<size_t>::max();
  for (const std::string& c : candidates) {
    const size_t dist = edit_distance(input, c);
    if (dist <= limit && dist < best_distance) {
      best = &c;
      best_distance = dist;
    }
  }
  return best ? *best : "";
}

}  // namespace im
