#pragma once
// AWS Load Balancer Controller's custom actions and conditions: a path
// whose backend is Service NAME, port name "use-annotation", does what
// alb.ingress.kubernetes.io/actions.NAME says (a weighted forward, a
// redirect or a fixed response) when the request also meets
// alb.ingress.kubernetes.io/conditions.NAME. Behaviour from
// kubernetes-sigs/aws-load-balancer-controller pkg/ingress/
// {enhanced_backend_builder,config_types,model_build_actions}.go.

#include <optional>
#include <string>
#include <vector>

#include "convert/gateway_ir.h"
#include "diag/finding.h"
#include "model/ingress.h"

namespace im {

/// What one use-annotation path becomes: backends with weights, or a
/// redirect.
struct AlbAction {
  std::vector<BackendRefIR> backends;
  std::optional<RedirectSpec> redirect;
};

/// The header matches of alb.ingress.kubernetes.io/conditions.NAME for a
/// path to backend NAME (a Service or an action), one list per rule to
/// write; {} when there is no condition. False, with an error at the
/// annotation, when a condition has no Gateway API match: the path is then
/// left out, since without its condition it would take requests it never
/// took.
bool alb_conditions(const Ingress& ing, const std::string& name,
                    std::vector<std::vector<HeaderMatchIR>>& alternatives, Findings& findings);

/// True when `b` names a custom action (port name use-annotation).
bool is_alb_action_backend(const Backend& b);

/// The action of backend `b` of `ing`; nullopt, with an error at the
/// annotation (or the backend) that says where its requests now go, when
/// Gateway API cannot do what the action does.
std::optional<AlbAction> alb_action(const Ingress& ing, const Backend& b, Findings& findings);

}  // namespace im
