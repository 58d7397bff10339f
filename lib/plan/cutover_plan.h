#pragma once
// A phased cutover from Ingress to Gateway API: observe (every Gateway and
// route runs beside the Ingress controller, taking no traffic), coexist
// (groups of hosts move their DNS to the Gateway one at a time, safest
// first), converge (the Ingresses nobody needs any more are deleted).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "convert/gateway_ir.h"
#include "convert/options.h"
#include "diag/finding.h"
#include "model/inventory.h"
#include "rules/catalog.h"

namespace im {

enum class GroupBy { Namespace, Host, IngressClass };

/// "namespace", "host", "ingress-class" (the --group-by values), in that order.
const std::vector<std::string>& group_by_names();
std::optional<GroupBy> parse_group_by(const std::string& name);

/// How risky moving a group is, from the findings about its Ingresses.
enum class Risk {
  Converted,  ///< every annotation converted; nothing worse than info
  Partial,    ///< warnings: an annotation partly converted, behaviour approximated
  None,       ///< an annotation with no Gateway API equivalent is dropped
  Blocking,   ///< an error finding: something would break
};
/// "converted", "partial", "dropped (no equivalent)", "blocking".
const char* risk_name(Risk r);

/// A host's DNS name moving to the Gateway(s) its routes attach to.
struct HostMove {
  std::string host;  ///< "" = the default server (requests for any other host)
  std::vector<GatewayRef> gateways;  ///< more than one is a plan-host-split error
};

/// An Ingress the plan does not delete, and why.
struct KeptIngress {
  const Ingress* ingress = nullptr;
  std::string reason;
};

/// An Ingress whose conversion drops a security control (an error finding
/// for which removes_security_control holds): no phase applies a route for
/// any host it serves.
struct BlockedIngress {
  const Ingress* ingress = nullptr;
  std::vector<Finding> reasons;  ///< the error findings that drop a control
};

struct PlanGroup {
  std::string key;    ///< the namespace, host or class ("" possible)
  std::string label;  ///< key as printed: "(no namespace)", "(any host)", ...
  std::string dir;    ///< "01-shop": position in risk order and a file-safe key
  Risk risk = Risk::Converted;
  /// The group's routes and the BackendTLSPolicies of their Services.
  ConversionOutput routes;
  /// Hosts whose DNS moves in this step: those whose last routes (in plan
  /// order) are in this group.
  std::vector<HostMove> moves;
  /// Hosts due in this step that cannot move: their routes attach to
  /// several Gateways (plan-host-split). Their Ingresses are kept.
  std::vector<HostMove> stuck;
  /// Ingresses no longer needed once this step's hosts point at the Gateway.
  std::vector<const Ingress*> released;
  /// Findings about the Ingresses the group's routes come from.
  std::vector<Finding> findings;
};

struct CutoverPlan {
  GroupBy group_by = GroupBy::Namespace;
  /// The kubectl context the plan is for (plan --context, else the current
  /// one at plan time): every kubectl command it writes names it.
  std::string context;
  ConversionOutput all;            ///< every object, as 00-observe applies them
  std::vector<PlanGroup> groups;   ///< in risk order
  std::vector<KeptIngress> kept;   ///< not deleted by the plan
  /// Ingresses that drop a security control, and the routes of every host
  /// they serve, which no phase applies (blocked/).
  std::vector<BlockedIngress> blocked;
  ConversionOutput blocked_routes;
  /// IngressClasses of the input, each with the index of the group after
  /// whose deletions none of the input's Ingresses uses it.
  std::vector<std::pair<const IngressClass*, size_t>> class_deletions;
  /// Findings the plan itself adds (plan-host-split).
  Findings findings;
  /// Each host's routes, and the index of the group it moves in (or is
  /// stuck in): what a step's checks and notes need without rescanning.
  std::map<std::string, ConversionOutput> host_routes;
  std::map<std::string, size_t> host_step;
};

struct PlanInput {
  const Inventory* inventory = nullptr;
  const ConversionOutput* output = nullptr;
  const Findings* findings = nullptr;  ///< conversion (and --target-controller) findings
  const Catalog* catalog = nullptr;    ///< to tell partial from none annotation findings
  std::string default_class;           ///< --default-class
  GroupBy group_by = GroupBy::Namespace;
  bool require_class = false;          ///< --require-class: a class-less Ingress is not converted
};

/// Builds the plan. Deterministic: the same input gives the same plan.
CutoverPlan build_cutover_plan(const PlanInput& in);

}  // namespace im
