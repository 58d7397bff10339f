#pragma once
// Which class an Ingress belongs to, and which controller serves that class
// (and so whose annotation rules apply).

#include <string>
#include <vector>

#include "diag/finding.h"
#include "model/ingress.h"

namespace im {

struct ResolvedClass {
  std::string name;        ///< "" when no class could be found
  std::string controller;  ///< family name, e.g. "ingress-nginx"
};

class ClassResolver {
 public:
  ClassResolver(const std::vector<IngressClass>& classes, std::string default_class,
                Findings& findings);

  /// spec.ingressClassName, else kubernetes.io/ingress.class, else the
  /// IngressClass marked default, else --default-class. Reports how the
  /// controller was decided when no IngressClass object says so.
  ResolvedClass resolve(const Ingress& ing);

  /// Family for an IngressClass spec.controller value, "" if unknown.
  static std::string family_for_controller(const std::string& controller);
  /// Family guessed from a class name, "" if no guess.
  static std::string family_for_class_name(const std::string& name);

 private:
  const IngressClass* find(const std::string& name) const;

  const std::vector<IngressClass>& classes_;
  std::string default_class_;
  Findings& findings_;
  std::vector<std::string> inferred_reported_;
};

}  // namespace im
