#include <algorithm>
#include <tuple>

#include "convert/plan.h"

namespace im {

void sort_by_age(std::vector<IngressInfo>& ingresses) {
  std::stable_sort(ingresses.begin(), ingresses.end(), [](const IngressInfo& a, const IngressInfo& b) {
    const Ingress& x = *a.ing;
    const Ingress& y = *b.ing;
    bool x_unknown = x.creation_timestamp.empty();
    bool y_unknown = y.creation_timestamp.empty();
    if (x_unknown != y_unknown) return y_unknown;
    // RFC 3339 timestamps in UTC ("...Z", as the API server writes them)
    // order correctly as strings.
    if (x.creation_timestamp != y.creation_timestamp) {
      return x.creation_timestamp < y.creation_timestamp;
    }
    // store.go sortIngressSlice: ties go to the larger "namespace/name".
    return std::tie(y.ns, y.name) < std::tie(x.ns, x.name);
  });
}

size_t Plan::draft_for(size_t ingress, const std::string& host, bool catch_all) {
  auto [it, inserted] = draft_index_.emplace(std::make_tuple(ingress, host, catch_all), drafts.size());
  if (!inserted) return it->second;
  RouteDraft d;
  d.ingress = ingress;
  d.host = host;
  d.catch_all = catch_all;
  drafts.push_back(std::move(d));
  return drafts.size() - 1;
}

void Plan::release_path_claims() {
  claimed.clear();
  claimed_by_ingress_path.clear();
  draft_index_.clear();
}

}  // namespace im
