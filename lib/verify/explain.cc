#include "verify/explain.h"

#include <algorithm>
#include <cstdlib>
#include <iterator>

#include "util/text.h"

namespace im::verify {

namespace {

/// Infos that say a request is answered differently; other infos report
/// what was converted as it was.
bool routing_info(const std::string& id) {
  return id == "https-redirect-trailing-slash";
}

/// Warnings about the object rather than its requests: which class was
/// assumed, an apiVersion or controller being retired. They never say that a
/// request is answered differently, so they cannot explain a difference.
bool about_the_object(const std::string& id) {
  static const char* const kIds[] = {"ingress-class-assumed", "class-controller-inferred",
                                     "ingress-nginx-retired", "deprecated-ingress-class-annotation",
                                     "removed-api-version",   "deprecated-api-version"};
  return std::find(std::begin(kIds), std::end(kIds), id) != std::end(kIds);
}

/// Findings saying that the Gateway gets no HTTPS listener for a host
/// ingress-nginx answered HTTPS for.
bool about_https_listener(const Finding* f) {
  static const char* const kIds[] = {"tls-default-certificate", "force-ssl-redirect-without-tls"};
  return std::find(std::begin(kIds), std::end(kIds), f->rule_id) != std::end(kIds);
}

bool explains(const Finding& f) {
  // verify's own findings never explain a difference (convert --verify).
  if (starts_with(f.rule_id, "verify-") || about_the_object(f.rule_id)) return false;
  return f.severity != Severity::Info || routing_info(f.rule_id);
}

}  // namespace

Explainer::Explainer(const Inventory& inventory, const Findings& findings)
    : owners_(inventory) {
  for (const Ingress& ing : inventory.ingresses) {
    // A rule-less Ingress's defaultBackend answers the hosts no rule names.
    if (ing.rules.empty() && ing.default_backend) by_host_[kUnmatchedHost].push_back(&ing);
    for (const IngressRule& r : ing.rules) {
      std::string host = r.host.empty() ? kUnmatchedHost : wildcard_instance(to_lower(r.host));
      auto& list = by_host_[host];
      if (list.empty() || list.back() != &ing) list.push_back(&ing);
    }
  }
  for (const Finding& f : findings.items()) {
    if (f.rule_id == "https-default-certificate") default_certificate_.push_back(&f);
    if (!explains(f)) continue;
    if (const Ingress* ing = owners_.owner(f.location)) by_owner_.emplace_back(ing, &f);
  }
  std::stable_sort(by_owner_.begin(), by_owner_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
}

std::vector<const Finding*> Explainer::on_ingress(const Ingress* ing) const {
  std::vector<const Finding*> out;
  auto range = std::equal_range(by_owner_.begin(), by_owner_.end(), std::make_pair(ing, nullptr),
                                [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
  return out;
}

std::vector<const Finding*> Explainer::explain(const Probe& probe, bool default_certificate,
                                               bool trailing_slash, const std::string& controller) const {
  std::vector<const Finding*> out;
  if (const Ingress* own = owners_.owner(probe.source)) out = on_ingress(own);
  if (out.empty()) {
    // A user's probe, or a difference another Ingress of the host (a
    // canary, an older Ingress taking the path) may have caused.
    auto it = by_host_.find(probe.host);
    if (it != by_host_.end()) {
      for (const Ingress* ing : it->second) {
        auto more = on_ingress(ing);
        out.insert(out.end(), more.begin(), more.end());
      }
    }
  }
  // Nearest to the probe's Ingress path first: the finding at that path
  // (or its annotation) is the likeliest to describe this request.
  auto distance = [&](const Finding* f) {
    bool same_file = f->location.origin && probe.source.origin &&
                     *f->location.origin == *probe.source.origin;
    long d = std::labs(static_cast<long>(f->location.line) - static_cast<long>(probe.source.line));
    return std::make_pair(same_file ? 0 : 1, d);
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const Finding* a, const Finding* b) { return distance(a) < distance(b); });
  if (trailing_slash) {
    // The finding naming exactly this difference beats a nearer one that
    // only says something else differs on the Ingress.
    std::stable_partition(out.begin(), out.end(),
                          [](const Finding* f) { return f->rule_id == "https-redirect-trailing-slash"; });
  }
  if (default_certificate) {
    // The cause is the missing listener, said on the Ingress or once for
    // every such host; without either (the host's routes were all left
    // out), the findings that left them out explain it.
    std::vector<const Finding*> listener;
    std::copy_if(out.begin(), out.end(), std::back_inserter(listener), about_https_listener);
    if (listener.empty() && !default_certificate_.empty()) {
      // The one naming the controller that answered ("Traefik also answered
      // HTTPS ..."), else the first.
      const Finding* said = default_certificate_.front();
      for (const Finding* f : default_certificate_) {
        if (!controller.empty() && starts_with(f->message, controller + " ")) {
          said = f;
          break;
        }
      }
      listener.push_back(said);
    }
    if (!listener.empty()) out = std::move(listener);
  }
  return out;
}

}  // namespace im::verify
