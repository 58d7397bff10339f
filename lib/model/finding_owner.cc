#include "model/finding_owner.h"

#include <algorithm>
#include <tuple>

namespace im {

FindingOwners::FindingOwners(const Inventory& inventory) {
  // Every object read starts a document (or a List item); a position belongs
  // to the nearest object starting at or before it in the same input. The
  // other kinds are listed too, so that a finding about a Service that
  // follows an Ingress in one file is not blamed on the Ingress.
  auto add = [&](const Location& l, const Ingress* ing) {
    if (l.origin && l.line > 0) starts_.push_back(Start{*l.origin, l.line, l.col, ing});
  };
  for (const auto& i : inventory.ingresses) add(i.location, &i);
  for (const auto& c : inventory.classes) add(c.location, nullptr);
  for (const auto& s : inventory.services) add(s.location, nullptr);
  for (const auto& m : inventory.config_maps) add(m.location, nullptr);
  for (const auto& m : inventory.traefik_middlewares) add(m.location, nullptr);
  for (const auto& p : inventory.kong_plugins) add(p.location, nullptr);
  for (const auto& p : inventory.kong_cluster_plugins) add(p.location, nullptr);
  for (const auto& c : inventory.gke_frontend_configs) add(c.location, nullptr);
  for (const auto& c : inventory.gke_backend_configs) add(c.location, nullptr);
  std::sort(starts_.begin(), starts_.end(), [](const Start& a, const Start& b) {
    return std::tie(a.origin, a.line, a.col) < std::tie(b.origin, b.line, b.col);
  });
}

const Ingress* FindingOwners::owner(const Location& where) const {
  if (!where.origin || where.line == 0) return nullptr;
  Start probe{*where.origin, where.line, where.col, nullptr};
  auto after = std::upper_bound(starts_.begin(), starts_.end(), probe, [](const Start& a, const Start& b) {
    return std::tie(a.origin, a.line, a.col) < std::tie(b.origin, b.line, b.col);
  });
  if (after == starts_.begin()) return nullptr;
  const Start& s = *std::prev(after);
  return s.origin == probe.origin ? s.ingress : nullptr;
}

}  // namespace im
