#pragma once
// Which class an Ingress belongs to, and which controller serves that class
// (and so whose annotation rules apply).

#include <string>
#include <vector>

#include "diag/finding.h"
#include "model/ingress.h"

namespace im {

struct ResolvedClass {
  std::string name;        ///< "" when no class could be found (--require-class only)
  std::string controller;  ///< family name, e.g. "ingress-nginx"
};

/// The class name a controller family installs with by default ("alb" for
/// aws-alb), or "" when none is known.
std::string default_class_of(const std::string& family);

class ClassResolver {
 public:
  /// `require_class`: a class-less Ingress is an error (no-ingress-class)
  /// instead of being given an assumed class.
  ClassResolver(const std::vector<IngressClass>& classes, std::string default_class,
                Findings& findings, bool require_class = false);

  /// spec.ingressClassName, else kubernetes.io/ingress.class; a class-less
  /// Ingress gets --default-class, else the IngressClass marked default, else
  /// the class its annotations' controller installs, else "nginx" (with a
  /// warning saying which and why). Reports how the controller was decided
  /// when no IngressClass object says so.
  ResolvedClass resolve(const Ingress& ing);

  /// Family for an IngressClass spec.controller value, "" if unknown.
  static std::string family_for_controller(const std::string& controller);
  /// Family guessed from a class name, "" if no guess.
  static std::string family_for_class_name(const std::string& name);

 private:
  const IngressClass* find(const std::string& name) const;
  ResolvedClass assume_class(const Ingress& ing);
  std::string controller_of(const Ingress& ing, const ResolvedClass& cls);

  const std::vector<IngressClass>& classes_;
  std::string default_class_;
  Findings& findings_;
  bool require_class_;
  std::vector<std::string> inferred_reported_;
};

}  // namespace im
