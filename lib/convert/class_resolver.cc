#include "convert/class_resolver.h"

#include <algorithm>

#include <fmt/format.h>

#include "model/names.h"

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

// Annotation prefixes only one controller family reads, with the class that
// controller installs by default. A prefix shared by several controllers
// (ingress.kubernetes.io/) names none.
struct AnnotationFamily {
  const char* prefix;
  const char* family;
  const char* default_class;
};
const AnnotationFamily kAnnotationFamilies[] = {
    {"nginx.ingress.kubernetes.io/", "ingress-nginx", "nginx"},
    {"nginx.org/", "nginx-inc", "nginx"},
    {"nginx.com/", "nginx-inc", "nginx"},
    {"traefik.ingress.kubernetes.io/", "traefik", "traefik"},
    {"haproxy.org/", "haproxy", "haproxy"},
    {"haproxy.com/", "haproxy", "haproxy"},
    {"alb.ingress.kubernetes.io/", "aws-alb", "alb"},
    {"projectcontour.io/", "contour", "contour"},
    {"konghq.com/", "kong", "kong"},
    {"ingress.gcp.kubernetes.io/", "gke", "gce"},
    {"networking.gke.io/", "gke", "gce"},
};

/// The first annotation of `ing` whose prefix names one controller family.
const AnnotationFamily* family_from_annotations(const Ingress& ing, const Annotation** which) {
  for (const Annotation& a : ing.annotations) {
    for (const auto& f : kAnnotationFamilies) {
      if (a.key.rfind(f.prefix, 0) == 0) {
        *which = &a;
        return &f;
      }
    }
  }
  return nullptr;
}

}  // namespace

std::string default_class_of(const std::string& family) {
  for (const auto& c : kClassNames) {
    if (family == c.family) return c.prefix;
  }
  return "";
}

ClassResolver::ClassResolver(const std::vector<IngressClass>& classes, std::string default_class,
                             Findings& findings, bool require_class)
    : classes_(classes),
      default_class_(std::move(default_class)),
      findings_(findings),
      require_class_(require_class) {}

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

// A class-less Ingress is served by the cluster's default IngressClass (the
// DefaultIngressClass admission plugin even writes it into
// spec.ingressClassName on create), so it is converted under an assumed
// class, and the warning says which, why, and how to choose another.
ResolvedClass ClassResolver::assume_class(const Ingress& ing) {
  ResolvedClass out;
  std::string why;
  if (!default_class_.empty()) {
    out.name = default_class_;
    why = "--default-class names it";
  } else {
    // Several defaults is an error in Kubernetes admission; the first by name wins here.
    for (const auto& c : classes_) {
      if (c.is_default) {
        out.name = c.name;
        why = fmt::format("the IngressClass {} is annotated ingressclass.kubernetes.io/is-default-class",
                          c.name);
        break;
      }
    }
  }
  if (out.name.empty() && require_class_) {
    findings_.error(ing.location,
                    fmt::format("Ingress {} has no class (no spec.ingressClassName, no "
                                "kubernetes.io/ingress.class, no default IngressClass in the input) "
                                "and --require-class is set; not converted: pass --default-class",
                                ing.ref()),
                    "no-ingress-class");
    return out;
  }
  if (out.name.empty()) {
    const Annotation* a = nullptr;
    if (const AnnotationFamily* f = family_from_annotations(ing, &a)) {
      out.name = f->default_class;
      out.controller = f->family;
      why = fmt::format("its annotation {} is read by {}, whose default class is \"{}\"", a->key,
                        f->family, f->default_class);
    } else {
      out.name = "nginx";
      out.controller = "ingress-nginx";
      why = "there is no default IngressClass in the input and no controller-specific "
            "annotation (ingress-nginx's class)";
    }
  }
  findings_.warning(ing.location,
                    fmt::format("Ingress {} has no class (no spec.ingressClassName or "
                                "kubernetes.io/ingress.class); converted as class \"{}\" because {}; "
                                "pass --default-class to choose another, or --require-class to refuse "
                                "class-less Ingresses",
                                ing.ref(), out.name, why),
                    "ingress-class-assumed");
  return out;
}

namespace {

/// An IngressClass name is a DNS subdomain (the API server validates
/// spec.ingressClassName so); the class becomes the GatewayClass name, which
/// must be one too. A class that cannot exist selects no controller, so
/// nothing serves the Ingress: it is not converted, with an error at the value.
bool valid_class_name(const Ingress& ing, const std::string& name, const std::string& field, const Location& at,
                      Findings& findings) {
  if (is_dns_subdomain(name)) return true;
  findings.error(at,
                 fmt::format("Ingress {}: {} \"{}\" is not a valid IngressClass name (a DNS subdomain of at most "
                             "253 characters), so no controller serves the Ingress under it; not converted",
                             ing.ref(), field, name.size() > 80 ? name.substr(0, 80) + "..." : name),
                 "invalid-ingress-class");
  return false;
}

}  // namespace

ResolvedClass ClassResolver::resolve(const Ingress& ing) {
  ResolvedClass out;
  // Contour reads its own class annotation before kubernetes.io/ingress.class
  // and spec.ingressClassName (internal/annotation/annotations.go
  // IngressClass, internal/ingressclass), and never looks at IngressClass
  // objects: the Ingress is Contour's under that class name.
  if (const Annotation* a = ing.annotation("projectcontour.io/ingress.class"); a && !a->value.empty()) {
    if (!valid_class_name(ing, a->value, a->key, a->location, findings_)) return ResolvedClass{};
    out.name = a->value;
    out.controller = "contour";
    const Annotation* generic = ing.annotation("kubernetes.io/ingress.class");
    const std::string other = ing.class_name && !ing.class_name->empty() ? *ing.class_name
                              : generic                                  ? generic->value
                                                                         : "";
    if (!other.empty() && other != out.name) {
      findings_.warning(a->location,
                        fmt::format("Ingress {} is converted as Contour's class \"{}\" (Contour reads {} first), "
                                    "but it also names class \"{}\", whose controller may serve it too; "
                                    "only the Contour conversion is written",
                                    ing.ref(), out.name, a->key, other),
                        "contour-class-conflict");
    }
    return out;
  }
  if (ing.class_name && !ing.class_name->empty()) {
    if (!valid_class_name(ing, *ing.class_name, "spec.ingressClassName", ing.class_location, findings_)) {
      return ResolvedClass{};
    }
    out.name = *ing.class_name;
  } else if (const Annotation* a = ing.annotation("kubernetes.io/ingress.class"); a && !a->value.empty()) {
    if (!valid_class_name(ing, a->value, a->key, a->location, findings_)) return ResolvedClass{};
    out.name = a->value;
  } else {
    out = assume_class(ing);
    if (out.name.empty()) return out;
  }
  out.controller = controller_of(ing, out);
  return out;
}

std::string ClassResolver::controller_of(const Ingress& ing, const ResolvedClass& cls) {
  if (const IngressClass* c = find(cls.name)) {
    std::string family = family_for_controller(c->controller);
    if (!family.empty()) return family;
  }
  // Assumed from the annotations' controller: already said so.
  if (!cls.controller.empty()) return cls.controller;
  // No IngressClass object (or an unknown controller): guess from the name,
  // then from the annotations, and say so once per class, because the guess
  // decides which annotation rules apply.
  std::string controller = family_for_class_name(cls.name);
  bool first = std::find(inferred_reported_.begin(), inferred_reported_.end(), cls.name) ==
               inferred_reported_.end();
  if (first) inferred_reported_.push_back(cls.name);
  if (!controller.empty()) {
    if (first) {
      findings_.info(ing.location,
                     fmt::format("no IngressClass \"{}\" in the input; assuming its controller is {} "
                                 "from the class name",
                                 cls.name, controller),
                     "class-controller-inferred");
    }
    return controller;
  }
  const Annotation* a = nullptr;
  if (const AnnotationFamily* f = family_from_annotations(ing, &a)) {
    // Reported for every Ingress: another Ingress of the same unknown class
    // may carry another controller's annotations.
    findings_.info(ing.location,
                   fmt::format("no IngressClass \"{}\" in the input; assuming its controller is {} "
                               "because the Ingress has the {} annotation {}",
                               cls.name, f->family, f->family, a->key),
                   "class-controller-inferred");
    return f->family;
  }
  if (first) {
    findings_.warning(ing.location,
                      fmt::format("controller of class \"{}\" is unknown (no IngressClass with a "
                                  "known spec.controller in the input, and no controller-specific "
                                  "annotation); assuming ingress-nginx",
                                  cls.name),
                      "class-controller-inferred");
  }
  return "ingress-nginx";
}

}  // namespace im
