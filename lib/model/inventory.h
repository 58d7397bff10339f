#pragma once
// Reading parsed documents into the model: the objects the converter needs,
// and a count of everything else.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "diag/finding.h"
#include "model/gateway_object.h"
#include "model/ingress.h"
#include "model/gke_backend_config.h"
#include "model/gke_frontend_config.h"
#include "model/kong_plugin.h"
#include "parse/document.h"

namespace im {

struct Inventory {
  std::vector<Ingress> ingresses;
  std::vector<IngressClass> classes;
  std::vector<Service> services;
  std::vector<ConfigMap> config_maps;
  std::vector<TraefikMiddleware> traefik_middlewares;
  std::vector<KongPlugin> kong_plugins;          ///< namespaced KongPlugins
  std::vector<KongPlugin> kong_cluster_plugins;  ///< KongClusterPlugins (no namespace)
  std::vector<GkeFrontendConfig> gke_frontend_configs;
  std::vector<GkeBackendConfig> gke_backend_configs;
  /// Gateways and ListenerSets already there, whose listeners routes reuse.
  std::vector<ExistingGateway> gateways;
  /// Objects of other kinds, counted by "apiVersion/Kind".
  std::map<std::string, size_t> skipped;
  size_t documents = 0;

  size_t skipped_total() const;
  void merge(Inventory&& other);
  /// Sorts objects by namespace/name (then location) so that the result
  /// never depends on the order of the input files.
  void sort();
  /// Puts every object without metadata.namespace into `ns` (-n/--namespace,
  /// "default" by default), where `kubectl apply -n ns` would create it, so
  /// that namespace-less manifests are one namespace, not a wildcard. Sorts again.
  void assign_namespace(const std::string& ns);
};

/// Whether read_objects needs more of an object of `kind` than its
/// apiVersion and kind: false for kinds it only counts (Deployment, Secret,
/// ...), so their documents need not be read whole (ReadOptions::needs_body).
bool needs_body(std::string_view kind);

/// Reads one document (expanding `kind: List`) into `inventory`. Problems
/// with the objects become findings; a broken object is skipped, never the
/// whole document.
void read_objects(const Document& doc, Inventory& inventory, Findings& findings);

}  // namespace im
