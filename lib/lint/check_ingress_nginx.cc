// ingress-nginx was retired: "Best-effort maintenance will continue until
// March 2026. Afterward, there will be no further releases, no bugfixes, and
// no updates to resolve any security vulnerabilities" (SIG Network and the
// Security Response Committee, kubernetes.io/blog/2025/11/11/ingress-nginx-retirement/;
// the last release, controller v1.15.1, is tagged 2026-03-19). Every
// Ingress it serves gets one finding that points at `convert`.
//
// The kubernetes.io/ingress.class annotation is the pre-1.18 way to pick a
// class; spec.ingressClassName replaced it (KEP-1453, "formally deprecated"
// in 1.18). GKE's own controller still reads only the annotation, so it is a
// warning, never an error.

#include <fmt/format.h>

#include "convert/class_resolver.h"
#include "lint/checks.h"
#include "util/text.h"

namespace im {

namespace {

constexpr const char* kClassAnnotation = "kubernetes.io/ingress.class";

bool has_nginx_annotations(const Ingress& ing) {
  for (const Annotation& a : ing.annotations) {
    if (starts_with(a.key, "nginx.ingress.kubernetes.io/")) return true;
  }
  return false;
}

/// How the Ingress is known to be ingress-nginx's, or "" when it is not.
std::string served_by_ingress_nginx(const Ingress& ing, const Inventory& inventory,
                                    const std::string& default_class) {
  Findings scratch;  // the converter already reports how classes resolve
  ClassResolver resolver(inventory.classes, default_class, scratch);
  ResolvedClass rc = resolver.resolve(ing);
  if (rc.controller == "ingress-nginx") {
    for (const IngressClass& c : inventory.classes) {
      if (c.name == rc.name) {
        return fmt::format("IngressClass {} has controller {}", c.name, c.controller);
      }
    }
    return fmt::format("class {}", rc.name);
  }
  if (rc.controller.empty() && has_nginx_annotations(ing)) return "it has nginx.ingress.kubernetes.io annotations";
  return "";
}

}  // namespace

void check_ingress_nginx(const LintContext& ctx, Findings& findings) {
  for (const Ingress& ing : ctx.inventory.ingresses) {
    std::string why = served_by_ingress_nginx(ing, ctx.inventory, ctx.default_class);
    if (!why.empty()) {
      Finding f;
      f.severity = Severity::Warning;
      f.location = ing.location;
      f.rule_id = "ingress-nginx-retired";
      f.message = fmt::format(
          "Ingress {} is served by ingress-nginx ({}), which was retired in March 2026: no more "
          "releases or security fixes; move it to Gateway API with `ingress-migrate convert`",
          ing.ref(), why);
      f.properties = {{"component", "ingress-nginx"},
                      {"deprecatedIn", "2026-03"},
                      {"replacement", "Gateway API (ingress-migrate convert)"}};
      findings.add(std::move(f));
    }
    if (const Annotation* a = ing.annotation(kClassAnnotation)) {
      findings.warning(a->location,
                       fmt::format("{} is deprecated since Kubernetes 1.18; set spec.ingressClassName: "
                                   "{} instead (only GKE's own controller still needs the annotation)",
                                   kClassAnnotation, a->value.empty() ? "NAME" : a->value),
                       "deprecated-ingress-class-annotation");
    }
  }
}

}  // namespace im
