#include "convert/alb_groups.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "convert/naming.h"
#include "util/text.h"

namespace im {
namespace {

constexpr const char* kGroupName = "alb.ingress.kubernetes.io/group.name";
constexpr const char* kGroupOrder = "alb.ingress.kubernetes.io/group.order";

// group_loader.go validateGroupName: ^([a-z0-9][-a-z0-9.]*)?[a-z0-9]$, at
// most 63 characters.
bool valid_group_name(const std::string& name) {
  if (name.empty() || name.size() > 63) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(name.front()) || !alnum(name.back())) return false;
  return std::all_of(name.begin(), name.end(), [&](char c) { return alnum(c) || c == '-' || c == '.'; });
}

// group.order as written, when it is a number at all (an unreadable one
// was reported by the catalog's value check).
std::optional<long> written_order(const Annotation& a) {
  const std::string v = trim(a.value);
  const bool negative = !v.empty() && v.front() == '-';
  const std::string digits = negative ? v.substr(1) : v;
  if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return (negative ? -1 : 1) * std::stol(digits);
}

// alb_group_order, with the error an out-of-range order deserves.
int group_order(const Ingress& ing, Findings& findings) {
  const Annotation* a = ing.annotation(kGroupOrder);
  const std::optional<long> n = a ? written_order(*a) : std::nullopt;
  if (n && (*n < -1000 || *n > 1000)) {
    findings.error(a->location,
                   fmt::format("{} \"{}\": the AWS Load Balancer Controller accepts -1000 to 1000 and refused to "
                               "build the whole IngressGroup; 0 (its default) is used here",
                               a->key, escape_control(a->value)),
                   "alb-group-order");
  }
  return alb_group_order(ing);
}

struct Member {
  size_t index;  ///< into Plan::ingresses
  int order;
  std::string ref;  ///< namespace/name
};

}  // namespace

int alb_group_order(const Ingress& ing) {
  const Annotation* a = ing.annotation(kGroupOrder);
  const std::optional<long> n = a ? written_order(*a) : std::nullopt;
  return n && *n >= -1000 && *n <= 1000 ? static_cast<int>(*n) : 0;
}

void plan_alb_groups(Plan& plan) {
  const ConvertOptions& opt = *plan.options;
  if (opt.shared_gateway || opt.parent_ref) return;
  Findings& findings = *plan.findings;
  std::map<std::string, std::vector<Member>> groups;  // lb_group -> members
  std::vector<size_t> alb;                             // positions of ALB Ingresses, in age order
  for (size_t i = 0; i < plan.ingresses.size(); ++i) {
    IngressInfo& info = plan.ingresses[i];
    if (info.cls.controller != "aws-alb") continue;
    const Ingress& ing = *info.ing;
    alb.push_back(i);
    std::string group = "ingress/" + ing.ns + "/" + ing.name;  // an implicit group: its own ALB
    if (const Annotation* a = ing.annotation(kGroupName)) {
      if (valid_group_name(a->value)) {
        group = "group/" + a->value;
      } else {
        findings.error(a->location,
                       fmt::format("{} \"{}\" is not a group name (lower-case letters, digits, '-' and '.', "
                                   "starting and ending with a letter or digit, at most 63 characters): the "
                                   "AWS Load Balancer Controller refused the Ingress; it is converted as a group "
                                   "of its own",
                                   a->key, escape_control(a->value)),
                       "alb-group-name");
      }
    }
    info.lb_group = group;
    groups[group].push_back({i, group_order(ing, findings), ing.ns + "/" + ing.name});
  }
  if (alb.empty()) return;

  // The members of each group in the ALB's order; a group's Gateway lives in
  // its first member's namespace and is named after the group (or the
  // Ingress, for an implicit one).
  std::vector<size_t> ranked;
  for (auto& [group, members] : groups) {
    std::sort(members.begin(), members.end(),
              [](const Member& a, const Member& b) { return std::tie(a.order, a.ref) < std::tie(b.order, b.ref); });
    const Ingress& first = *plan.ingresses[members.front().index].ing;
    const bool explicit_group = group.rfind("group/", 0) == 0;
    plan.group_gateways[group] = {first.ns, dns_name(explicit_group ? group.substr(6) : first.name)};
    for (const Member& m : members) ranked.push_back(m.index);
    if (!explicit_group) continue;
    std::vector<std::string> refs;
    for (const Member& m : members) refs.push_back(m.ref);
    const Annotation* at = first.annotation(kGroupName);
    findings.info(at->location,
                  fmt::format("IngressGroup {} ({}) becomes Gateway {}/{}: one load balancer as before, its "
                              "members' rules in the group's order",
                              group.substr(6), join(refs, ", "), first.ns, plan.group_gateways[group].second),
                  "alb-group-name");
  }

  // Put the ALB Ingresses, in the places they hold, in group order: an
  // earlier member's rule had the ALB's higher priority, and the first claim
  // of a path wins. Other Ingresses keep their places.
  std::vector<IngressInfo> reordered;
  reordered.reserve(ranked.size());
  for (size_t index : ranked) reordered.push_back(plan.ingresses[index]);
  for (size_t k = 0; k < alb.size(); ++k) plan.ingresses[alb[k]] = std::move(reordered[k]);
}

}  // namespace im
