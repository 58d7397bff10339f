#pragma once
// The fixed table of actions a rule may name. Rules are data; what an
// annotation *does* is one of these functions.

#include <string>
#include <vector>

#include "diag/finding.h"
#include "model/ingress.h"
#include "rules/policy.h"
#include "rules/rule.h"

namespace im {

struct ActionContext {
  const Ingress& ingress;
  const Annotation& annotation;
  const Rule& rule;
  Findings& findings;
};

using ActionFn = void (*)(const ActionContext&, IngressPolicy&);

struct Action {
  const char* name;
  const char* description;
  ActionFn fn;
};

/// Every action, sorted by name.
const std::vector<Action>& actions();
const Action* find_action(const std::string& name);
std::vector<std::string> action_names();

}  // namespace im
