#pragma once
// Where a finding points: a file (or other origin such as "<stdin>") and a
// 1-based line and column. Line 0 means "the whole origin", printed without
// a position.

#include <cstdint>
#include <memory>
#include <string>

namespace im {

struct Location {
  std::shared_ptr<const std::string> origin;  ///< shared by every node of one input
  uint32_t line = 0;                          ///< 1-based; 0 = unknown
  uint32_t col = 0;                           ///< 1-based; 0 = unknown

  /// "path:line:col", "path:line" or "path".
  std::string str() const;
  const std::string& file() const;
};

/// Orders locations by origin, then line, then column (for stable output).
bool operator<(const Location& a, const Location& b);

}  // namespace im
