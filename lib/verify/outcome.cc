#include "verify/outcome.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace im::verify {

const char* kind_name(Outcome::Kind k) {
  // In the order of Outcome::Kind.
  static const char* const names[] = {"proxy",    "tls-passthrough", "redirect", "not-found",
                                      "unserved", "error",           "uncertain"};
  return names[static_cast<size_t>(k)];
}

Outcome Outcome::uncertain(std::string why) {
  Outcome o;
  o.kind = Kind::Uncertain;
  o.reason = std::move(why);
  return o;
}

Outcome Outcome::not_found() {
  return Outcome{};
}

void Outcome::normalise() {
  // The same backend named twice (two weighted refs to one Service) is one
  // destination with the summed share.
  std::sort(backends.begin(), backends.end(),
            [](const WeightedBackend& a, const WeightedBackend& b) { return a.name < b.name; });
  std::vector<WeightedBackend> merged;
  for (const auto& b : backends) {
    if (!merged.empty() && merged.back().name == b.name) {
      merged.back().fraction += b.fraction;
    } else {
      merged.push_back(b);
    }
  }
  backends = std::move(merged);
  std::sort(set_headers.begin(), set_headers.end());
  std::sort(mirrors.begin(), mirrors.end());
}

namespace {

std::string percent(double fraction) {
  // Two decimals are enough to tell weights apart and hide float noise.
  double p = std::round(fraction * 10000) / 100;
  return fmt::format("{}%", p);
}

std::string backend_list(const std::vector<WeightedBackend>& backends) {
  std::string s;
  for (size_t i = 0; i < backends.size(); ++i) {
    if (i) s += ", ";
    s += backends[i].name;
    if (backends.size() > 1) s += " " + percent(backends[i].fraction);
  }
  return s;
}

nlohmann::ordered_json backends_json(const std::vector<WeightedBackend>& backends) {
  auto b = nlohmann::ordered_json::array();
  for (const auto& wb : backends) {
    b.push_back({{"name", wb.name}, {"fraction", std::round(wb.fraction * 10000) / 10000}});
  }
  return b;
}

}  // namespace

std::string Outcome::text(const std::string& request_host) const {
  switch (kind) {
    case Kind::Passthrough:
      return "TLS passthrough to " + backend_list(backends);
    case Kind::Proxy: {
      std::string s = backend_list(backends);
      s += " path " + path;
      if (host != request_host) s += " host " + host;
      for (const auto& [k, v] : set_headers) s += fmt::format(" set {}: {}", k, v);
      for (const auto& m : mirrors) s += " mirror " + m;
      return s;
    }
    case Kind::Redirect: {
      // "https://h" and "https://h/" are the same URI (RFC 3986 6.2.3).
      size_t authority = location.find("://");
      bool no_path =
          authority != std::string::npos && location.find('/', authority + 3) == std::string::npos;
      return fmt::format("redirect {} {}{}", status, location, no_path ? "/" : "");
    }
    case Kind::NotFound:
      return "404";
    case Kind::Unserved:
      return "unserved (" + reason + ")";
    case Kind::Error:
      return fmt::format("{} ({})", status, reason);
    case Kind::Uncertain:
      return "uncertain (" + reason + ")";
  }
  return "";
}

nlohmann::ordered_json Outcome::to_json() const {
  nlohmann::ordered_json j;
  j["kind"] = kind_name(kind);
  switch (kind) {
    case Kind::Passthrough:
      j["backends"] = backends_json(backends);
      break;
    case Kind::Proxy: {
      j["backends"] = backends_json(backends);
      j["path"] = path;
      j["host"] = host;
      auto& h = j["setHeaders"] = nlohmann::ordered_json::array();
      for (const auto& [k, v] : set_headers) h.push_back({{"name", k}, {"value", v}});
      j["mirrors"] = mirrors;
      break;
    }
    case Kind::Redirect:
      j["status"] = status;
      j["location"] = location;
      break;
    case Kind::Error:
      j["status"] = status;
      j["reason"] = reason;
      break;
    case Kind::Unserved:
    case Kind::Uncertain:
      j["reason"] = reason;
      break;
    case Kind::NotFound:
      break;
  }
  return j;
}

}  // namespace im::verify
