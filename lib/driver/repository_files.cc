#include "driver/repository_files.h"

#include <fmt/format.h>

#include "util/text.h"

namespace im {

namespace {

const Node* scalar(const Document& doc, const char* key) {
  if (!doc.root.is_mapping()) return nullptr;
  const Node* n = doc.root.get(key);
  return n && n->is_scalar() && !n->value.empty() ? n : nullptr;
}

}  // namespace

bool is_kustomize_file(const Document& doc) {
  const Node* av = scalar(doc, "apiVersion");
  return av && starts_with(av->value, "kustomize.config.k8s.io/");
}

bool is_kubernetes_object(const Document& doc) {
  return scalar(doc, "apiVersion") && scalar(doc, "kind") && !is_kustomize_file(doc);
}

bool is_helm_template(const InputFile& input, const std::string& text, bool parse_failed) {
  if (text.find("{{") == std::string::npos) return false;
  // Helm reads a chart's templates from its templates/ folder (helm.sh/docs/topics/charts/).
  bool in_templates = starts_with(input.path, "templates/") ||
                      input.path.find("/templates/") != std::string::npos;
  return in_templates || parse_failed;
}

void report_helm_template(const InputFile& input, Findings& findings) {
  findings.info(Location{input.origin, 0, 0},
                "a Helm template; skipped: render it first (helm template RELEASE CHART | "
                "ingress-migrate lint -f -)",
                kHelmTemplate);
}

void report_not_kubernetes(const InputFile& input, bool kustomize, Findings& findings) {
  findings.info(Location{input.origin, 0, 0},
                kustomize ? "a Kustomize file, not a Kubernetes object; skipped (check what it "
                            "builds: kustomize build DIR | ingress-migrate lint -f -)"
                          : "not a Kubernetes manifest (no document has apiVersion and kind); skipped",
                kNotKubernetes);
}

}  // namespace im
