#include "cluster/cluster_reader.h"

#include <algorithm>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "util/text.h"

namespace im {

namespace {

/// Drops every position: findings then print the object's cluster address alone.
void forget_positions(Node& n) {
  n.line = 0;
  n.col = 0;
  for (Node& item : n.items) forget_positions(item);
  for (auto& [key, value] : n.entries) {
    forget_positions(key);
    forget_positions(value);
  }
}

std::string scalar_at(const Node& obj, std::string_view key) {
  const Node* n = obj.get(key);
  return n && n->is_scalar() ? n->value : std::string();
}

/// "cluster:<context>/<namespace>/<Kind>/<name>"; the namespace part is
/// left out for cluster-scoped objects, which have none.
std::string cluster_address(const std::string& context, const Node& obj) {
  std::string ns, name;
  if (const Node* meta = obj.get("metadata")) {
    ns = scalar_at(*meta, "namespace");
    name = scalar_at(*meta, "name");
  }
  std::string out = "cluster:" + context + "/";
  if (!ns.empty()) out += ns + "/";
  return out + scalar_at(obj, "kind") + "/" + name;
}

void read_item(Node&& item, const std::string& context, size_t index, Inventory& inventory,
               Findings& findings, const DocumentObserver& observe) {
  Document doc;
  doc.origin = std::make_shared<const std::string>(cluster_address(context, item));
  doc.index = index;
  doc.root = std::move(item);
  forget_positions(doc.root);
  read_objects(doc, inventory, findings);
  // Each item is a document of its own to observers, as if read from a file
  // of its own: lint indexes it under its cluster address.
  if (observe) observe(doc, findings);
}

/// The resource names of `kubectl api-resources -o name`, one a line.
std::set<std::string> served_resources(const std::string& api_resources) {
  std::set<std::string> served;
  for (const auto& line : split(api_resources, '\n')) served.insert(trim(line));
  return served;
}

}  // namespace

std::vector<std::string> resources_to_read(const std::string& api_resources) {
  const std::set<std::string> served = served_resources(api_resources);
  std::vector<std::string> out;
  // The API server stores one object and serves it in every version it
  // offers, so listing more than one Ingress version would read each
  // Ingress twice; kubectl picks the group's preferred (newest) version.
  if (served.count("ingresses.networking.k8s.io")) {
    out.push_back("ingresses.networking.k8s.io");
  } else if (served.count("ingresses.extensions")) {
    out.push_back("ingresses.extensions");
  } else {
    throw ClusterError("the cluster serves no Ingress API (neither networking.k8s.io nor extensions)");
  }
  if (served.count("ingressclasses.networking.k8s.io")) out.push_back("ingressclasses.networking.k8s.io");
  out.push_back("services");
  // Gateways and ListenerSets already in the cluster: the converter reuses
  // their listeners instead of inventing new ones.
  for (const char* topology : {"gateways.gateway.networking.k8s.io", "listenersets.gateway.networking.k8s.io"}) {
    if (served.count(topology)) out.push_back(topology);
  }
  return out;
}

std::vector<std::string> referenced_resources_to_read(const std::string& api_resources) {
  const std::set<std::string> served = served_resources(api_resources);
  std::vector<std::string> out;
  // Traefik v2.10+ serves its CRDs in both groups during the move to
  // traefik.io; both hold the same objects then, so one group is listed.
  if (served.count("middlewares.traefik.io")) {
    out.push_back("middlewares.traefik.io");
  } else if (served.count("middlewares.traefik.containo.us")) {
    out.push_back("middlewares.traefik.containo.us");
  }
  for (const char* kind : {"kongplugins.configuration.konghq.com", "kongclusterplugins.configuration.konghq.com",
                           "frontendconfigs.networking.gke.io", "backendconfigs.cloud.google.com"}) {
    if (served.count(kind)) out.push_back(kind);
  }
  return out;
}

size_t read_cluster_list(const std::string& json, const std::string& context, const ParseLimits& limits,
                         Inventory& inventory, Findings& findings, const DocumentObserver& observe,
                         size_t first_index) {
  auto origin = std::make_shared<const std::string>("cluster:" + context);
  size_t index = first_index;
  read_documents(json, origin, limits, findings, [&](Document&& doc) {
    // kubectl prints one List; its items each get their own address.
    for (auto& [key, value] : doc.root.entries) {
      if (key.value != "items" || !value.is_sequence()) continue;
      for (Node& item : value.items) read_item(std::move(item), context, index++, inventory, findings, observe);
      return true;
    }
    if (doc.root.get("kind")) read_item(std::move(doc.root), context, index++, inventory, findings, observe);
    return true;
  });
  return index;
}

std::string context_name(const ClusterQuery& query) {
  if (!query.context.empty()) return query.context;
  return trim(run_kubectl(query, {"config", "current-context"}));
}

LoadResult load_cluster(const ClusterQuery& cluster, const ParseLimits& limits, Findings& findings,
                        const DocumentObserver& observe) {
  // kubectl's output is an input like a file: bounded while it is read.
  ClusterQuery query = cluster;
  query.max_output_bytes = limits.max_file_bytes;
  std::string context = context_name(query);
  const std::string api_resources = run_kubectl(query, {"api-resources", "-o", "name"});
  std::vector<std::string> resources = resources_to_read(api_resources);
  const std::vector<std::string> referenced = referenced_resources_to_read(api_resources);
  // -l/--selector picks Ingresses only: the IngressClasses, Services and
  // Gateways they use are read whatever their labels, in a second list.
  std::vector<std::vector<std::string>> lists;
  if (query.selector.empty()) {
    lists.push_back({join(resources, ",")});
  } else {
    lists.push_back({resources.front(), "--selector=" + query.selector});
    lists.push_back({join(std::vector<std::string>(resources.begin() + 1, resources.end()), ",")});
  }
  // The objects annotations name come last, one kind per list: RBAC that
  // lets a user read Ingresses need not cover them, nor all of them.
  const size_t first_optional = lists.size();
  for (const std::string& kind : referenced) lists.push_back({kind});
  LoadResult result;
  Findings local;
  size_t index = 0;
  for (size_t l = 0; l < lists.size(); ++l) {
    const auto& list = lists[l];
    std::vector<std::string> args{"get", list[0], "-o", "json"};
    args.insert(args.end(), list.begin() + 1, list.end());
    if (query.all_namespaces) {
      args.push_back("--all-namespaces");
    } else if (!query.ns.empty()) {
      args.push_back("--namespace=" + query.ns);
    }
    std::string json;
    if (l >= first_optional) {
      try {
        json = run_kubectl(query, args);
      } catch (const ClusterError& e) {
        // One line: kubectl's message goes after the command that failed.
        std::string why = trim(e.what());
        std::replace(why.begin(), why.end(), '\n', ' ');
        local.warning(Location{std::make_shared<const std::string>("cluster:" + context), 0, 0},
                      fmt::format("could not list {}: {}; annotations that name such objects are converted as "
                                  "if the objects were missing",
                                  list[0], why),
                      "cluster-objects-unread");
        continue;
      }
    } else {
      json = run_kubectl(query, args);
    }
    if (json.size() > limits.max_file_bytes) {
      local.error(Location{std::make_shared<const std::string>("cluster:" + context), 0, 0},
                  fmt::format("kubectl printed more than {} bytes (--max-file-bytes); not read",
                              limits.max_file_bytes),
                  "limit-exceeded");
    } else {
      index = read_cluster_list(json, context, limits, result.inventory, local, observe, index);
    }
  }
  finish_load(result, local, findings);
  return result;
}

}  // namespace im
