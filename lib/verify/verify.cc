#include "verify/verify.h"

#include <fmt/format.h>

#include <algorithm>

#include <optional>

#include "util/text.h"
#include "verify/explain.h"
#include "verify/gateway_model.h"
#include "verify/controller_routing.h"

namespace im::verify {

const char* status_name(ProbeResult::Status s) {
  // In the order of ProbeResult::Status.
  static const char* const names[] = {"same", "explained", "unexpected", "uncertain"};
  return names[static_cast<size_t>(s)];
}

bool same_outcome(const Outcome& before, const Outcome& after, const std::string& host) {
  // nginx's 404 and a Gateway that does not serve the request at all (no
  // listener for the host): no backend gets it either way. This is what
  // HTTPS to a host nginx had no route for becomes (the Gateway model
  // already answers plain HTTP without a listener as 404).
  if (before.kind == Outcome::Kind::NotFound && after.kind == Outcome::Kind::Unserved) return true;
  return before.text(host) == after.text(host);
}

namespace {

Finding default_certificate_note(const Probe& p, const std::string& controller) {
  Finding f;
  f.severity = Severity::Info;
  f.location = p.source;
  f.rule_id = "https-default-certificate";
  f.message = fmt::format("{} answered HTTPS for {} with its self-signed default "
                          "certificate (no tls entry names the host); the Gateway has no HTTPS "
                          "listener for it",
                          controller, p.host);
  return f;
}

}  // namespace

namespace {

/// Both redirects, to Locations that differ only by a "/" before the query.
bool differ_by_trailing_slash(const Outcome& a, const Outcome& b) {
  if (a.kind != Outcome::Kind::Redirect || b.kind != Outcome::Kind::Redirect || a.status != b.status) return false;
  auto path_part = [](const std::string& loc) { return loc.substr(0, loc.find('?')); };
  auto query_part = [](const std::string& loc) {
    size_t q = loc.find('?');
    return q == std::string::npos ? std::string() : loc.substr(q);
  };
  const std::string pa = path_part(a.location), pb = path_part(b.location);
  return query_part(a.location) == query_part(b.location) && (pa + "/" == pb || pb + "/" == pa);
}

}  // namespace

VerifyResult run_verify(const Inventory& inventory, const ConversionOutput& gateway,
                        const VerifyOptions& options) {
  ControllerRouting controllers(inventory, options.annotation_prefix, options.default_class,
                                options.nginx_config);
  GatewayModel gw(gateway, options.gateway_dialect, &inventory.traefik_middlewares, &inventory.kong_plugins);
  std::vector<Probe> probes = options.extra_probes;
  if (options.generate) {
    auto generated = generate_probes(inventory, options.annotation_prefix, controllers.tls_hosts());
    probes.insert(probes.end(), generated.begin(), generated.end());
  }
  sort_probes(probes);
  std::optional<Explainer> explainer;
  if (options.conversion_findings) explainer.emplace(inventory, *options.conversion_findings);
  VerifyResult out;
  for (Probe& p : probes) {
    ProbeResult r;
    const ControllerModel* by = nullptr;
    r.before = controllers.route(p, &by);
    if (by) r.controller = by->name();
    r.after = gw.route(p);
    if (r.before.kind == Outcome::Kind::Uncertain || r.after.kind == Outcome::Kind::Uncertain) {
      r.status = ProbeResult::Status::Uncertain;
      ++out.uncertain;
    } else if (!same_outcome(r.before, r.after, p.host)) {
      std::vector<const Finding*> why;
      // HTTPS that the controller answered with its default certificate and
      // the Gateway has no listener for.
      bool default_cert = p.scheme == "https" && r.after.kind == Outcome::Kind::Unserved &&
                          !controllers.tls_hosts().count(p.host);
      if (explainer) {
        // A user's probe belongs to the Ingress path that served it.
        Probe at = p;
        if (!at.source.origin && r.before.served_by.origin) at.source = r.before.served_by;
        why = explainer->explain(at, default_cert, differ_by_trailing_slash(r.before, r.after), r.controller);
      }
      for (const Finding* f : why) r.explained_by.push_back(*f);
      if (why.empty() && default_cert) {
        // Given Gateway objects (no conversion to explain it): the
        // difference comes from the controller's default certificate, not from the
        // objects, so it is explained all the same, at the probe's path.
        r.explained_by.push_back(default_certificate_note(p, r.controller));
      }
      bool explained = !r.explained_by.empty();
      r.status = explained ? ProbeResult::Status::Explained : ProbeResult::Status::Unexpected;
      ++(explained ? out.explained : out.unexpected);
    }
    r.probe = std::move(p);
    out.results.push_back(std::move(r));
  }
  return out;
}

std::string explanation_ids(const ProbeResult& r) {
  std::vector<std::string> ids;
  for (const Finding& f : r.explained_by) {
    if (std::find(ids.begin(), ids.end(), f.rule_id) == ids.end()) ids.push_back(f.rule_id);
  }
  return join(ids, ", ");
}

void add_verify_findings(const VerifyResult& result, Findings& findings) {
  for (const ProbeResult& r : result.results) {
    std::string differs =
        fmt::format("request {} routes differently: {} gives {}, Gateway API gives {}", r.probe.text(),
                    r.controller, r.before.text(r.probe.host), r.after.text(r.probe.host));
    if (r.status == ProbeResult::Status::Unexpected) {
      findings.error(r.probe.source, differs, "verify-differs");
    } else if (r.status == ProbeResult::Status::Explained) {
      const Finding& first = r.explained_by.front();
      findings.info(r.probe.source,
                    fmt::format("{}; explained by [{}] at {}", differs, first.rule_id,
                                first.location.str()),
                    "verify-explained");
    }
  }
}

}  // namespace im::verify
