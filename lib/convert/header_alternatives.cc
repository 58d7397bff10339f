#include "convert/header_alternatives.h"

namespace im {

bool add_header_alternatives(std::vector<std::vector<HeaderMatchIR>>& alternatives,
                             const std::vector<HeaderMatchIR>& any_of) {
  if (alternatives.size() * any_of.size() > kMaxHeaderAlternatives) return false;
  std::vector<std::vector<HeaderMatchIR>> next;
  for (const auto& alt : alternatives) {
    for (const HeaderMatchIR& h : any_of) {
      std::vector<HeaderMatchIR> with = alt;
      with.push_back(h);
      next.push_back(std::move(with));
    }
  }
  alternatives = std::move(next);
  return true;
}

}  // namespace im
