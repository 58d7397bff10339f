#include "verify/controller_routing.h"

#include <fmt/format.h>

#include "convert/class_resolver.h"
#include "util/text.h"
#include "verify/kong_model.h"
#include "verify/nginx_model.h"
#include "verify/traefik_model.h"

namespace im::verify {

ControllerRouting::ControllerRouting(const Inventory& inventory, const std::string& annotation_prefix,
                                     const std::string& default_class, const NginxControllerConfig& nginx_config) {
  Findings ignored;  // the converter reports class problems; verify only needs the answer
  ClassResolver classes(inventory.classes, default_class, ignored);
  std::map<std::string, std::vector<size_t>> members;
  for (size_t i = 0; i < inventory.ingresses.size(); ++i) {
    const Ingress& ing = inventory.ingresses[i];
    ResolvedClass cls = classes.resolve(ing);
    if (cls.name.empty()) continue;  // no controller serves an Ingress without a class
    std::string family = cls.controller.empty() ? "controller of class " + cls.name : cls.controller;
    members[family].push_back(i);
    models_.emplace(family, nullptr);
    for (const IngressRule& r : ing.rules) {
      if (r.host.empty()) {
        catch_all_.emplace(family, ing.ref());
      } else {
        by_host_[to_lower(r.host)].emplace(family, ing.ref());
      }
    }
    // A rule-less Ingress's defaultBackend answers every host; Kong uses
    // the oldest defaultBackend even of an Ingress with rules (kong_model.cc).
    if (ing.default_backend && (ing.rules.empty() || family == "kong")) catch_all_.emplace(family, ing.ref());
  }
  nginx_ = std::make_unique<NginxModel>(inventory, annotation_prefix, default_class, nginx_config);
  if (members.count("ingress-nginx")) models_["ingress-nginx"] = nginx_.get();
  if (members.count("traefik")) {
    others_.push_back(std::make_unique<TraefikModel>(inventory, members["traefik"]));
    models_["traefik"] = others_.back().get();
  }
  if (members.count("kong")) {
    others_.push_back(std::make_unique<KongModel>(inventory, members["kong"]));
    models_["kong"] = others_.back().get();
  }
  // A host no Ingress claims gets a 404 from any controller; ask nginx
  // unless only another modelled controller is in the input.
  fallback_ = nginx_.get();
  if (!members.count("ingress-nginx") && !others_.empty()) fallback_ = others_.front().get();
  tls_hosts_ = nginx_->tls_hosts();
  for (const auto& m : others_) tls_hosts_.insert(m->tls_hosts().begin(), m->tls_hosts().end());
}

ControllerRouting::~ControllerRouting() = default;

ControllerRouting::Claims ControllerRouting::claims_for(const std::string& host) const {
  Claims claims;
  auto add = [&](const std::string& pattern) {
    auto it = by_host_.find(pattern);
    if (it != by_host_.end()) claims.insert(it->second.begin(), it->second.end());
  };
  add(host);
  // Wildcard rule hosts at any depth ("*.a.com" for x.y.a.com too): a
  // controller whose wildcards match one label only still may be the one
  // the host's DNS points to.
  for (size_t dot = host.find('.'); dot != std::string::npos && dot > 0; dot = host.find('.', dot + 1))
    add("*" + host.substr(dot));
  return claims.empty() ? catch_all_ : claims;
}

Outcome ControllerRouting::route(const Probe& probe, const ControllerModel** by) const {
  *by = nullptr;
  // One modelled controller answers everything (the usual input); else
  // the claims on the host decide.
  const ControllerModel* model = fallback_;
  if (models_.size() == 1 && models_.begin()->second) {
    model = models_.begin()->second;
  } else if (Claims claims = claims_for(probe.host); claims.size() > 1) {
    std::vector<std::string> names;
    for (const auto& [family, ingress] : claims) names.push_back(family);
    return Outcome::uncertain(fmt::format("Ingresses of {} claim host {}; which controller answers depends on "
                                          "where its DNS points",
                                          join(names, " and "), probe.host));
  } else if (claims.size() == 1) {
    const auto& [family, ingress] = *claims.begin();
    model = models_.at(family);
    if (!model)
      return Outcome::uncertain(
          fmt::format("Ingress {} is served by {}, which verify does not model", ingress, family));
  }
  *by = model;
  return model->route(probe);
}

}  // namespace im::verify
