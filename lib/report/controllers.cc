#include "report/controllers.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <stdexcept>

#include "parse/document.h"
#include "util/embedded.h"

namespace im {

namespace {

std::string scalar(const Node& n, const char* key) {
  const Node* v = n.get(key);
  return v && v->is_scalar() ? v->value : "";
}

std::set<std::string> names(const Node& n, const char* key) {
  std::set<std::string> out;
  if (const Node* v = n.get(key); v && v->is_sequence()) {
    for (const Node& item : v->items) out.insert(item.value);
  }
  return out;
}

// The names people use for an implementation, where its conformance folder
// (organization-project) says it twice or adds the organization. The folder
// names stay accepted as aliases.
const std::map<std::string, std::string> kHumanNames = {
    {"agentgateway-agentgateway", "agentgateway"},
    {"higress-group-higress", "higress"},
    {"istio-istio", "istio"},
    {"kumahq-kuma", "kuma"},
    {"linkerd-linkerd", "linkerd"},
    {"nginx-nginx-gateway-fabric", "nginx-gateway-fabric"},
    {"projectcalico-calico", "calico"},
    {"projectcontour-contour", "contour"},
    {"traefik-traefik", "traefik"},
    {"varnish-software-varnish-gateway", "varnish-gateway"},
    {"aws-aws-application-networking-k8s", "aws-gateway-api-controller"},
};

ControllerSupport parse_controller(const Node& root) {
  ControllerSupport c;
  c.slug = scalar(root, "name");
  auto human = kHumanNames.find(c.slug);
  c.name = human == kHumanNames.end() ? c.slug : human->second;
  c.organization = scalar(root, "organization");
  c.project = scalar(root, "project");
  c.version = scalar(root, "version");
  c.gateway_api_version = scalar(root, "gateway_api_version");
  c.channel = scalar(root, "channel");
  c.mode = scalar(root, "mode");
  c.report = scalar(root, "report");
  if (const Node* profiles = root.get("profiles"); profiles && profiles->is_sequence()) {
    for (const Node& p : profiles->items) {
      c.profiles.push_back(ProfileSupport{scalar(p, "name"), scalar(p, "core"), scalar(p, "extended"),
                                          names(p, "supported"), names(p, "unsupported")});
    }
  }
  return c;
}

/// The conformance profile whose core result covers a core feature. Old
/// (v1.0) reports name the HTTP profile "HTTP".
std::vector<std::string> profiles_for_core(const std::string& feature) {
  if (feature == "GRPCRoute") return {"GATEWAY-GRPC"};
  if (feature == "TLSRoute") return {"GATEWAY-TLS"};
  return {"GATEWAY-HTTP", "HTTP"};
}

bool is_core(const std::string& f) {
  return f == "Gateway" || f == "HTTPRoute" || f == "GRPCRoute" || f == "TLSRoute" || f == "ReferenceGrant";
}

}  // namespace

const std::vector<ControllerSupport>& known_controllers() {
  static const std::vector<ControllerSupport> controllers = [] {
    std::vector<ControllerSupport> out;
    for (const auto& f : embedded_files()) {
      std::string path(f.path);
      if (path.rfind("rules/controllers/", 0) != 0) continue;
      Findings findings;
      // One document per report; several when an implementation's newest
      // report tested a pre-release and an older released one is kept too.
      read_documents(std::string(f.content), std::make_shared<const std::string>(path), ParseLimits{},
                     findings, [&](Document&& doc) {
                       out.push_back(parse_controller(doc.root));
                       return true;
                     });
      // The files are generated and compiled in; a broken one is a build bug.
      if (findings.has_errors()) throw std::logic_error(path + ": cannot be read");
    }
    return choose_reports(std::move(out));
  }();
  return controllers;
}

const ControllerSupport* find_controller(const std::string& name) {
  for (const auto& c : known_controllers()) {
    if (c.name == name || c.slug == name) return &c;
  }
  return nullptr;
}

std::vector<std::string> controller_names() {
  std::set<std::string> out;
  for (const auto& c : known_controllers()) {
    out.insert(c.name);
    out.insert(c.slug);
  }
  return {out.begin(), out.end()};
}

namespace {

struct VersionParts {
  std::vector<long> numbers;  ///< "v1.20.0-rc.1" -> 1, 20, 0
  bool prerelease = false;
  std::string suffix;  ///< "-rc.1": orders pre-releases of one version
};

VersionParts version_parts(const std::string& v) {
  std::vector<long> parts;
  size_t i = v.find_first_of("0123456789");
  while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) {
    long n = 0;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) n = n * 10 + (v[i++] - '0');
    parts.push_back(n);
    if (i < v.size() && v[i] == '.') ++i;
    else break;
  }
  ControllerSupport probe;
  probe.version = v;
  return {parts, is_prerelease(probe), i < v.size() ? v.substr(i) : ""};
}

/// Newer first: Gateway API version, then implementation version.
bool newer(const ControllerSupport& a, const ControllerSupport& b) {
  if (int c = compare_versions(a.gateway_api_version, b.gateway_api_version); c != 0) return c > 0;
  return compare_versions(a.version, b.version) > 0;
}

}  // namespace

int compare_versions(const std::string& a, const std::string& b) {
  VersionParts pa = version_parts(a), pb = version_parts(b);
  if (pa.numbers != pb.numbers) return pa.numbers < pb.numbers ? -1 : 1;
  if (pa.prerelease != pb.prerelease) return pa.prerelease ? -1 : 1;
  if (pa.prerelease && pa.suffix != pb.suffix) return pa.suffix < pb.suffix ? -1 : 1;  // alpha < beta < rc
  return 0;
}

std::vector<ControllerSupport> choose_reports(std::vector<ControllerSupport> reports) {
  std::map<std::string, std::vector<ControllerSupport>> by_slug;
  for (auto& r : reports) by_slug[r.slug].push_back(std::move(r));
  std::vector<ControllerSupport> out;
  for (auto& [slug, candidates] : by_slug) {
    std::stable_sort(candidates.begin(), candidates.end(), newer);
    auto released = std::find_if(candidates.begin(), candidates.end(),
                                 [](const ControllerSupport& c) { return !is_prerelease(c); });
    if (released == candidates.end()) {
      out.push_back(std::move(candidates.front()));  // no release tested: the pre-release, marked
      continue;
    }
    if (released != candidates.begin()) released->newer_prerelease = candidates.front().version;
    out.push_back(std::move(*released));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

bool is_prerelease(const ControllerSupport& c) {
  for (const char* mark : {"-rc", "alpha", "beta", "pre-release", "-dev"}) {
    if (c.version.find(mark) != std::string::npos) return true;
  }
  return false;
}

const char* support_name(Support s) {
  switch (s) {
    case Support::Supported: return "supported";
    case Support::Partial: return "partial";
    case Support::Unknown: return "unknown";
    case Support::Unsupported: return "unsupported";
  }
  return "unknown";
}

Support support_for(const ControllerSupport& c, const std::string& feature) {
  if (is_core(feature)) {
    for (const auto& wanted : profiles_for_core(feature)) {
      for (const auto& p : c.profiles) {
        if (p.name != wanted) continue;
        if (p.core == "success") return Support::Supported;
        if (p.core == "partial") return Support::Partial;
        return Support::Unsupported;
      }
    }
    return Support::Unsupported;  // no such profile in the report
  }
  bool unsupported = false;
  for (const auto& p : c.profiles) {
    if (p.supported.count(feature)) return Support::Supported;
    if (p.unsupported.count(feature)) unsupported = true;
  }
  return unsupported ? Support::Unsupported : Support::Unknown;
}

}  // namespace im
