#pragma once
// Reading Ingresses, IngressClasses and Services from a live cluster with
// `kubectl get -o json`, into the same inventory files are read into, so
// everything after loading behaves exactly as for -f.

#include <string>
#include <vector>

#include "cluster/kubectl.h"
#include "driver/load.h"

namespace im {

/// The resources to list, given `kubectl api-resources -o name` output:
/// Ingresses from networking.k8s.io if the cluster serves them there, else
/// from extensions (clusters before 1.14); IngressClasses if served (1.18+);
/// Services. Throws ClusterError when the cluster serves no Ingress API.
std::vector<std::string> resources_to_read(const std::string& api_resources);

/// The objects annotations name, where the cluster serves their kind:
/// Traefik Middlewares (traefik.io, else the older traefik.containo.us),
/// KongPlugins and KongClusterPlugins, GKE FrontendConfigs and
/// BackendConfigs (named by Services). Each is listed
/// on its own, after the Ingresses, so that a user who may not list one
/// still gets the conversion (with a warning).
std::vector<std::string> referenced_resources_to_read(const std::string& api_resources);

/// Reads the List printed by `kubectl get -o json`. Every finding about an
/// object points at "cluster:<context>/<namespace>/<Kind>/<name>" (no
/// namespace part for cluster-scoped kinds): line numbers in kubectl's
/// output mean nothing to the user.
/// `observe` sees each object as a document of its own. Objects are
/// numbered from `first_index`; returns the number after the last one.
size_t read_cluster_list(const std::string& json, const std::string& context, const ParseLimits& limits,
                         Inventory& inventory, Findings& findings,
                         const DocumentObserver& observe = nullptr, size_t first_index = 0);

/// The current context's name, or query.context when given.
std::string context_name(const ClusterQuery& query);

/// Runs discovery and `kubectl get`, and reads the objects. Throws
/// ClusterError when kubectl fails to list the Ingresses, IngressClasses,
/// Services or Gateways (its message included); objects the annotations
/// name that cannot be listed are a warning instead.
LoadResult load_cluster(const ClusterQuery& query, const ParseLimits& limits, Findings& findings,
                        const DocumentObserver& observe = nullptr);

}  // namespace im
