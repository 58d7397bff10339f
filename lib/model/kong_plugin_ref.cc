#include "model/kong_plugin_ref.h"

#include "util/text.h"

namespace im {
namespace {

const KongPlugin* find_plugin(const std::vector<KongPlugin>& plugins, const std::vector<KongPlugin>& cluster_plugins,
                              const std::string& ns, const std::string& name, bool namespaced_only) {
  for (const KongPlugin& p : plugins) {
    if (p.ns == ns && p.name == name) return &p;
  }
  if (namespaced_only) return nullptr;
  for (const KongPlugin& p : cluster_plugins) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

}  // namespace

std::vector<KongPluginEntry> kong_plugin_entries(const std::string& value, const std::string& ns,
                                                 const std::vector<KongPlugin>& plugins,
                                                 const std::vector<KongPlugin>& cluster_plugins) {
  std::vector<KongPluginEntry> out;
  for (const std::string& item : split(value, ',')) {
    KongPluginEntry e;
    e.text = trim(item);
    if (e.text.empty()) continue;
    const size_t colon = e.text.find(':');
    e.qualified = colon != std::string::npos;
    e.ns = e.qualified ? e.text.substr(0, colon) : ns;
    e.name = e.qualified ? e.text.substr(colon + 1) : e.text;
    e.plugin = find_plugin(plugins, cluster_plugins, e.ns, e.name, e.qualified);
    out.push_back(std::move(e));
  }
  return out;
}

std::string kong_plugin_label(const KongPlugin& p) {
  return p.cluster ? "KongClusterPlugin " + p.name : "KongPlugin " + p.ns + "/" + p.name;
}

}  // namespace im
