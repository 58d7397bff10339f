#include "convert/class_resolver.h"

#include <algorithm>

#include <fmt/format.h>

namespace im {

namespace {

struct ControllerName {
  const char* prefix;  ///< spec.controller starts with this
  const char* family;
};

// spec.controller values each controller registers (from their docs and
// Helm charts); matched by prefix because some append an instance name.
const ControllerName kControllers[] = {
    {"k8s.io/ingress-nginx", "ingress-nginx"},
    {"nginx.org/ingress-controller", "nginx-inc"},
    {"traefik.io/ingress-controller", "traefik"},
    {"haproxy.org/ingress-controller", "haproxy"},
    {"haproxy-ingress.github.io/controller", "haproxy"},
    {"ingress.k8s.aws/alb", "aws-alb"},
    {"projectcontour.io/", "contour"},
    {"ingress-controllers.konghq.com/", "kong"},
};

// Default class names the controllers install with.
const ControllerName kClassNames[] = {
    {"nginx", "ingress-nginx"},  {"traefik", "traefik"}, {"haproxy", "haproxy"},
    {"alb", "aws-alb"},          {"gce", "gke"},         {"gce-internal", "gke"},
    {"contour", "contour"},      {"kong", "kong"},       {"nginx-plus", "nginx-inc"},
};

}  // namespace

ClassResolver::ClassResolver(const std::vector<IngressClass>& classes, std::string default_class,
                             Findings& findings)
    : classes_(classes), default_class_(std::move(default_class)), findings_(findings) {}

std::string ClassResolver::family_for_controller(const std::string& controller) {
  for (const auto& c : kControllers) {
    if (controller.rfind(c.prefix, 0) == 0) return c.family;
  }
  return "";
}

std::string ClassResolver::family_for_class_name(const std::string& name) {
  for (const auto& c : kClassNames) {
    if (name == c.prefix) return c.family;
  }
  return "";
}

const IngressClass* ClassResolver::find(const std::string& name) const {
  for (const auto& c : classes_) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

ResolvedClass ClassResolver::resolve(const Ingress& ing) {
  ResolvedClass out;
  if (ing.class_name && !ing.class_name->empty()) {
    out.name = *ing.class_name;
  } else if (const Annotation* a = ing.annotation("kubernetes.io/ingress.class"); a && !a->value.empty()) {
    out.name = a->value;
  } else {
    // Several defaults is an error in Kubernetes admission; the first by name wins here.
    for (const auto& c : classes_) {
      if (c.is_default) {
        out.name = c.name;
        break;
      }
    }
    if (out.name.empty()) out.name = default_class_;
  }
  if (out.name.empty()) {
    findings_.error(ing.location,
                    fmt::format("Ingress {} has no class (no spec.ingressClassName, no "
                                "kubernetes.io/ingress.class, no default IngressClass in the input); "
                                "not converted: pass --default-class",
                                ing.ref()),
                    "no-ingress-class");
    return out;
  }
  if (const IngressClass* c = find(out.name)) {
    out.controller = family_for_controller(c->controller);
    if (!out.controller.empty()) return out;
  }
  // No IngressClass object (or an unknown controller): guess from the name
  // and say so once per class, because the guess decides which annotation
  // rules apply.
  out.controller = family_for_class_name(out.name);
  bool first = std::find(inferred_reported_.begin(), inferred_reported_.end(), out.name) ==
               inferred_reported_.end();
  if (first) inferred_reported_.push_back(out.name);
  if (out.controller.empty()) {
    out.controller = "ingress-nginx";
    if (first) {
      findings_.warning(ing.location,
                        fmt::format("controller of class \"{}\" is unknown (no IngressClass with a "
                                    "known spec.controller in the input); assuming ingress-nginx",
                                    out.name),
                        "class-controller-inferred");
    }
  } else if (first) {
    findings_.info(ing.location,
                   fmt::format("no IngressClass \"{}\" in the input; assuming its controller is {} "
                               "from the class name",
                               out.name, out.controller),
                   "class-controller-inferred");
  }
  return out;
}

}  // namespace im
