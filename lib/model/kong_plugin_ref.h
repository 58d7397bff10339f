#pragma once
// The entries of konghq.com/plugins and the plugin objects they name, as the
// Kong Ingress Controller looks them up (internal/dataplane/kongstate/
// plugin.go getKongPluginOrKongClusterPlugin: the KongPlugin in the
// Ingress's namespace, else the KongClusterPlugin of that name; KIC 3.x
// reads "namespace:name" as a KongPlugin of another namespace, which a
// ReferenceGrant allows). Shared by the conversion and the targets, so both
// resolve an entry alike and name its object the same way.

#include <string>
#include <vector>

#include "model/kong_plugin.h"

namespace im {

struct KongPluginEntry {
  std::string text;        ///< the entry as written, trimmed
  std::string ns;          ///< the namespace it is looked up in
  std::string name;        ///< the object's name
  bool qualified = false;  ///< "namespace:name": only a KongPlugin of that namespace
  const KongPlugin* plugin = nullptr;  ///< null when the input has none
};

/// The non-empty, comma-separated entries of a konghq.com/plugins value on
/// an Ingress of namespace `ns`, each with the object it names.
std::vector<KongPluginEntry> kong_plugin_entries(const std::string& value, const std::string& ns,
                                                 const std::vector<KongPlugin>& plugins,
                                                 const std::vector<KongPlugin>& cluster_plugins);

/// "KongPlugin NS/NAME" or "KongClusterPlugin NAME": how findings name the
/// object, and the value of their kongPlugin property.
std::string kong_plugin_label(const KongPlugin& p);

}  // namespace im
