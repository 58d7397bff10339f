#pragma once
// konghq.com/plugins for the targets: the KongPlugin objects an Ingress
// names that the target implementation's own policies can run (rate
// limits, IP restrictions, request size limits), one table per target.
// Registered in the action table of target_actions.cc.

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "diag/finding.h"
#include "targets/target_actions.h"

namespace im {

/// The plugins the *-kong-plugins actions judged, by the annotation that
/// names them: the standard conversion's finding about each (the one with
/// that kongPlugin property) gives way to the action's own.
class KongPluginsJudged {
 public:
  void insert(const Location& at, const std::string& label);
  bool replaces(const Finding& f) const;

 private:
  std::set<std::tuple<std::string, size_t, size_t, std::string>> judged_;
};

/// The *-kong-plugins entries of the target action table.
const std::vector<TargetAction>& kong_plugin_target_actions();

}  // namespace im
