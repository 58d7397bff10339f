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
    families_.emplace(family, Claim{nullptr, family,
                                    fmt::format("Ingress {} is served by {}, which verify does not model",
                                                ing.ref(), family)});
    for (const IngressRule& r : ing.rules) {
      if (r.host.empty()) {
        catch_all_.insert(family);
      } else {
        by_host_[to_lower(r.host)].insert(family);
      }
    }
    // A rule-less Ingress's defaultBackend answers every host; Kong uses
    // the oldest defaultBackend even of an Ingress with rules (kong_model.cc).
    if (ing.default_backend && (ing.rules.empty() || family == "kong")) catch_all_.insert(family);
  }
  nginx_ = std::make_unique<NginxModel>(inventory, annotation_prefix, default_class, nginx_config);
  if (members.count("ingress-nginx")) families_["ingress-nginx"].model = nginx_.get();
  if (members.count("traefik")) {
    others_.push_back(std::make_unique<TraefikModel>(inventory, members["traefik"]));
    families_["traefik"].model = others_.back().get();
  }
  if (members.count("kong")) {
    others_.push_back(std::make_unique<KongModel>(inventory, members["kong"]));
    families_["kong"].model = others_.back().get();
  }
  // A host no Ingress claims gets a 404 from any controller; ask nginx
  // unless only another modelled controller is in the input.
  fallback_ = nginx_.get();
  if (!members.count("ingress-nginx") && !others_.empty()) fallback_ = others_.front().get();
  tls_hosts_ = nginx_->tls_hosts();
  for (const auto& m : others_) tls_hosts_.insert(m->tls_hosts().begin(), m->tls_hosts().end());
}

ControllerRouting::~ControllerRouting() = default;

std::vector<const ControllerRouting::Claim*> ControllerRouting::claims_for(const std::string& host) const {
  std::set<std::string> families;
  auto add = [&](const std::string& pattern) {
    auto it = by_host_.find(pattern);
    if (it != by_host_.end()) families.insert(it->second.begin(), it->second.end());
  };
  add(host);
  // Wildcard rule hosts at any depth ("*.a.com" for x.y.a.com too): a
  // controller whose wildcards match one label only still may be the one
  // the host's DNS points to.
  for (size_t dot = host.find('.'); dot != std::string::npos && dot > 0; dot = host.find('.', dot + 1))
    add("*" + host.substr(dot));
  if (families.empty()) families = catch_all_;
  std::vector<const Claim*> out;
  for (const std::string& f : families) out.push_back(&families_.at(f));
  return out;
}

Outcome ControllerRouting::route(const Probe& probe, const ControllerModel** by) const {
  *by = nullptr;
  std::vector<const Claim*> claims;
  // One modelled controller answers everything (the usual input); else
  // the claims on the host decide.
  if (families_.size() == 1 && families_.begin()->second.model) {
    claims.push_back(&families_.begin()->second);
  } else {
    claims = claims_for(probe.host);
  }
  if (claims.size() > 1) {
    std::vector<std::string> names;
    for (const Claim* c : claims) names.push_back(c->family);
    return Outcome::uncertain(fmt::format("Ingresses of {} claim host {}; which controller answers depends on "
                                          "where its DNS points",
                                          join(names, " and "), probe.host));
  }
  const ControllerModel* model = claims.empty() ? fallback_ : claims.front()->model;
  if (!model) return Outcome::uncertain(claims.front()->why);
  *by = model;
  return model->route(probe);
}

}  // namespace im::verify
