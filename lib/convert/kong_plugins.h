#pragma once
// konghq.com/plugins: the KongPlugin / KongClusterPlugin objects Kong ran on
// an Ingress's routes.

#include "convert/route_template.h"
#include "model/inventory.h"

namespace im {

/// Resolves each plugin the Ingress names (KIC kongstate/plugin.go
/// getKongPluginOrKongClusterPlugin: the KongPlugin in the Ingress's
/// namespace, else the KongClusterPlugin of that name; "ns:name" names a
/// KongPlugin of another namespace). On a Gateway that Kong itself serves
/// (`kong_gateway`) each becomes an ExtensionRef filter to the KongPlugin,
/// which KIC applies as it did the annotation (subtranslator/httproute.go
/// generateExtensionRefKongPlugin). Elsewhere cors becomes the CORS filter
/// and every other plugin is an error that says what it did and what to
/// use instead.
void apply_kong_plugins(const IngressInfo& info, const Inventory& inventory, bool kong_gateway, RouteTemplate& t,
                        Findings& findings);

/// The same for one konghq.com/plugins value (of an Ingress, or with
/// `on_service` of a backend Service, whose plugins KIC runs on every route
/// to it), into `filters`. On Kong's own Gateway a Service's plugins need
/// nothing: KIC reads the Service's annotation for HTTPRoute backends too.
void judge_kong_plugins(const Setting& setting, const std::string& ns, const Inventory& inventory,
                        bool kong_gateway, bool on_service, FilterSet& filters, Findings& findings);

}  // namespace im
