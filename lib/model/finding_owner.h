#pragma once
// Which Ingress a finding is about. Findings carry only a position, so the
// owner is the Ingress whose document holds that position.

#include <cstdint>
#include <string>
#include <vector>

#include "diag/location.h"
#include "model/inventory.h"

namespace im {

class FindingOwners {
 public:
  explicit FindingOwners(const Inventory& inventory);
  /// The Ingress whose document contains `where`, or nullptr (a position in
  /// another object, or none at all).
  const Ingress* owner(const Location& where) const;

 private:
  struct Start {
    std::string origin;
    uint32_t line = 0, col = 0;
    const Ingress* ingress = nullptr;  ///< null: a Service, IngressClass, ...
  };
  std::vector<Start> starts_;  ///< every object's first position, sorted
};

}  // namespace im
