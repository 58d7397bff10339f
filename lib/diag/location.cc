#include "diag/location.h"

#include <tuple>

namespace im {

namespace {
const std::string kNoOrigin = "<unknown>";
}

const std::string& Location::file() const { return origin ? *origin : kNoOrigin; }

std::string Location::str() const {
  std::string out = file();
  if (line == 0) return out;
  out += ':' + std::to_string(line);
  if (col != 0) out += ':' + std::to_string(col);
  return out;
}

bool operator<(const Location& a, const Location& b) {
  return std::make_tuple(std::cref(a.file()), a.line, a.col) <
         std::make_tuple(std::cref(b.file()), b.line, b.col);
}

}  // namespace im
