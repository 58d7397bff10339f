#pragma once
// Files a directory walk meets at a repository root that are no Kubernetes
// manifests: CI workflows, Helm values.yaml and Chart.yaml, docker-compose,
// Kustomize's kustomization.yaml, and Helm templates. Each is skipped with
// one info finding instead of parse or invalid-object errors.

#include <string>

#include "diag/finding.h"
#include "parse/document.h"
#include "parse/input.h"

namespace im {

/// Finding ids for skipped files.
inline constexpr const char* kHelmTemplate = "helm-template";
inline constexpr const char* kNotKubernetes = "not-kubernetes";

/// Whether the document is a Kubernetes object: it has both apiVersion and
/// kind, and is not a Kustomize file (kustomize.config.k8s.io), which only
/// describes how to build objects.
bool is_kubernetes_object(const Document& doc);

/// Whether a file found in a directory is a Helm chart template: it holds
/// template actions ("{{") and sits in a templates/ folder, or it does not
/// parse (`parse_failed`) because of them.
bool is_helm_template(const InputFile& input, const std::string& text, bool parse_failed);

/// The one info finding for a skipped file.
void report_helm_template(const InputFile& input, Findings& findings);
void report_not_kubernetes(const InputFile& input, bool kustomize, Findings& findings);

/// Whether the document is a Kustomize file.
bool is_kustomize_file(const Document& doc);

}  // namespace im
