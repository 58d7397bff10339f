// Value conversions of the target actions: nginx sizes and seconds as the
// implementations' CRDs want them, CIDR lists as ingress-nginx reads them.

#include <fmt/format.h>

#include <arpa/inet.h>

#include <cctype>

#include "model/names.h"
#include "targets/target_actions.h"
#include "util/text.h"

namespace im {

// nginx sizes (ngx_parse_size): digits with an optional k/K or m/M (and g/G
// for some directives), as ingress-nginx passes them through to nginx.
bool nginx_size_bytes(const std::string& value, uint64_t& bytes, std::string& why) {
  size_t i = 0;
  uint64_t n = 0;
  while (i < value.size() && std::isdigit(static_cast<unsigned char>(value[i]))) {
    n = n * 10 + static_cast<uint64_t>(value[i] - '0');
    if (n > (1ULL << 40)) {
      why = "size is too large";
      return false;
    }
    ++i;
  }
  if (i == 0 || i + 1 < value.size()) {
    why = "expected a size like 8m, 512k or 1024";
    return false;
  }
  uint64_t unit = 1;
  if (i < value.size()) {
    switch (std::tolower(static_cast<unsigned char>(value[i]))) {
      case 'k': unit = 1024; break;
      case 'm': unit = 1024 * 1024; break;
      case 'g': unit = 1024ULL * 1024 * 1024; break;
      default:
        why = "expected a size like 8m, 512k or 1024";
        return false;
    }
  }
  bytes = n * unit;
  return true;
}

bool nginx_size_to_quantity(const std::string& value, std::string& out, std::string& why) {
  uint64_t bytes = 0;
  if (!nginx_size_bytes(value, bytes, why)) return false;
  if (bytes == 0) {
    why = "0 (no limit) has no quantity";
    return false;
  }
  static const std::pair<uint64_t, const char*> kUnits[] = {
      {1024ULL * 1024 * 1024, "Gi"}, {1024 * 1024, "Mi"}, {1024, "Ki"}};
  for (const auto& [size, suffix] : kUnits) {
    if (bytes % size == 0) {
      out = fmt::format("{}{}", bytes / size, suffix);
      return true;
    }
  }
  out = std::to_string(bytes);
  return true;
}

bool nginx_size_to_ngf(const std::string& value, std::string& out, std::string& why) {
  uint64_t bytes = 0;
  if (!nginx_size_bytes(value, bytes, why)) return false;
  static const std::pair<uint64_t, const char*> kUnits[] = {
      {1024ULL * 1024 * 1024, "g"}, {1024 * 1024, "m"}, {1024, "k"}, {1, ""}};
  for (const auto& [size, suffix] : kUnits) {
    if (bytes % size == 0 && bytes / size <= 9999) {
      out = fmt::format("{}{}", bytes / size, suffix);
      return true;
    }
  }
  why = "size cannot be written in NGF's 4-digit form";
  return false;
}

bool seconds_to_duration(const std::string& value, std::string& out, std::string& why) {
  if (value.empty() || value.size() > 4 ||
      value.find_first_not_of("0123456789") != std::string::npos) {
    why = "expected whole seconds (at most 4 digits)";
    return false;
  }
  out = std::to_string(std::stoul(value)) + "s";
  return true;
}

bool cidr_list(const std::string& value, std::vector<std::string>& out, std::string& why) {
  for (std::string item : split(value, ',')) {
    item = trim(item);
    if (item.empty()) continue;
    // ingress-nginx parses each entry with Go's net.ParseCIDR, or as a
    // single address (net.ParseIP); the CRDs want a prefix length.
    const size_t slash = item.find('/');
    const std::string address = item.substr(0, slash);
    unsigned char buf[16];
    const bool v4 = inet_pton(AF_INET, address.c_str(), buf) == 1;
    const bool v6 = !v4 && inet_pton(AF_INET6, address.c_str(), buf) == 1;
    uint64_t prefix = v4 ? 32 : 128;
    const bool prefix_ok = slash == std::string::npos ||
                           (whole_number(item.substr(slash + 1), prefix) && prefix <= (v4 ? 32u : 128u));
    if ((!v4 && !v6) || !prefix_ok) {
      why = fmt::format("\"{}\" is not an IP address or CIDR", escape_control(item));
      return false;
    }
    out.push_back(address + "/" + std::to_string(prefix));
  }
  if (out.empty()) {
    why = "no address ranges";
    return false;
  }
  return true;
}

bool cidr_within(const std::string& inner, const std::string& outer) {
  auto parse = [](const std::string& cidr, unsigned char (&bytes)[16], int& family, uint64_t& prefix) {
    const size_t slash = cidr.find('/');
    const std::string address = cidr.substr(0, slash);
    family = inet_pton(AF_INET, address.c_str(), bytes) == 1 ? AF_INET
             : inet_pton(AF_INET6, address.c_str(), bytes) == 1 ? AF_INET6 : 0;
    prefix = family == AF_INET ? 32 : 128;
    return family != 0 && (slash == std::string::npos || whole_number(cidr.substr(slash + 1), prefix));
  };
  unsigned char a[16] = {}, b[16] = {};
  int fa = 0, fb = 0;
  uint64_t pa = 0, pb = 0;
  if (!parse(inner, a, fa, pa) || !parse(outer, b, fb, pb) || fa != fb || pa < pb) return false;
  for (uint64_t bit = 0; bit < pb; ++bit) {
    const unsigned char mask = static_cast<unsigned char>(0x80 >> (bit % 8));
    if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) return false;
  }
  return true;
}

void set_path(nlohmann::ordered_json& obj, const std::string& path, nlohmann::ordered_json value) {
  nlohmann::ordered_json* node = &obj;
  size_t start = 0;
  while (true) {
    const size_t dot = path.find('.', start);
    const std::string name = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (dot == std::string::npos) {
      (*node)[name] = std::move(value);
      return;
    }
    node = &(*node)[name];
    start = dot + 1;
  }
}

bool whole_number(const std::string& v, uint64_t& n) {
  if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos) return false;
  n = std::stoull(v);
  return true;
}

bool split_secret(const std::string& v, std::string& ns, std::string& name, std::string& why) {
  // ingress-nginx reads "namespace/name" or "name" (cache.SplitMetaNamespaceKey)
  // and looks the Secret up; a value that cannot name one is refused here.
  const size_t slash = v.find('/');
  if (slash == std::string::npos) {
    name = v;
  } else {
    ns = v.substr(0, slash);
    name = v.substr(slash + 1);
  }
  if (!ns.empty() && (!is_dns_subdomain(ns) || ns.find('.') != std::string::npos || ns.size() > 63)) {
    why = fmt::format("\"{}\" is not a namespace name", escape_control(ns));
    return false;
  }
  if ((slash != std::string::npos && ns.empty()) || !is_dns_subdomain(name)) {
    why = fmt::format("\"{}\" does not name a Secret (NAME or NAMESPACE/NAME)", escape_control(v));
    return false;
  }
  return true;
}

void merge_older_wins(nlohmann::ordered_json& into, const nlohmann::ordered_json& from, const std::string& path,
                      const std::set<std::string>& whole, std::vector<std::string>& conflicts) {
  for (const auto& [key, value] : from.items()) {
    const std::string at = path.empty() ? key : path + "." + key;
    if (!into.contains(key)) {
      into[key] = value;
    } else if (!whole.count(key) && into[key].is_object() && value.is_object()) {
      merge_older_wins(into[key], value, at, whole, conflicts);
    } else if (into[key] != value) {
      conflicts.push_back(at);
    }
  }
}

// Contour's projectcontour.io/tls-minimum-protocol-version and
// tls-maximum-protocol-version (internal/dag/ingress_processor.go, with
// annotation.TLSVersion): "1.2" or "1.3", any other value is its default
// (1.2 minimum, 1.3 maximum, as Envoy's); a minimum above the maximum made
// Contour refuse the Ingress's TLS hosts altogether.
bool read_contour_tls_version(const TargetActionContext& c, ContourTlsVersion& out) {
  if (c.draft.https_listeners.empty()) {
    return c.reject("no host of this Ingress has a tls entry, so its Gateway has no HTTPS listener");
  }
  auto version = [&](const char* key, const char* fallback) {
    const Annotation* a = c.sibling(key);
    const std::string v = a ? trim(a->value) : "";
    return v == "1.2" || v == "1.3" ? v : std::string(fallback);
  };
  const std::string value = trim(c.annotation.value);
  if (value != "1.2" && value != "1.3") {
    return c.reject("Contour takes only 1.2 and 1.3 and used its default for this value; nothing is written");
  }
  const std::string min = version("tls-minimum-protocol-version", "1.2");
  const std::string max = version("tls-maximum-protocol-version", "1.3");
  if (min > max) {
    return c.reject(fmt::format("the minimum {} is above the maximum {}: Contour refused to serve this Ingress's "
                                "hosts over TLS, so nothing is written",
                                min, max));
  }
  out.value = value;
  out.minimum = c.rule.key.find("tls-minimum-protocol-version") != std::string::npos;
  return true;
}

}  // namespace im
