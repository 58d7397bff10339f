#include "model/traefik_middleware_ref.h"

#include <cctype>

#include "util/text.h"

namespace im {

namespace {

// pkg/provider/configuration.go Normalize: every run of characters that are
// not letters or digits becomes one "-".
std::string normalize(const std::string& s) {
  std::string out;
  bool dash = false;
  for (unsigned char c : s) {
    if (std::isalnum(c)) {
      out += static_cast<char>(c);
      dash = false;
    } else if (!dash) {
      out += '-';
      dash = true;
    }
  }
  return out;
}

}  // namespace

std::vector<TraefikMiddlewareRef> traefik_middleware_refs(const std::string& value) {
  std::vector<TraefikMiddlewareRef> refs;
  for (const std::string& raw : split(value, ',')) {
    TraefikMiddlewareRef ref;
    ref.text = trim(raw);
    if (ref.text.empty()) continue;
    const size_t at = ref.text.find('@');
    ref.id = ref.text.substr(0, at);
    if (at != std::string::npos) ref.provider = ref.text.substr(at + 1);
    refs.push_back(std::move(ref));
  }
  return refs;
}

const TraefikMiddleware* find_traefik_middleware(const std::vector<TraefikMiddleware>& all,
                                                 const TraefikMiddlewareRef& ref) {
  if (ref.provider != "kubernetescrd") return nullptr;
  for (const TraefikMiddleware& m : all) {
    if (normalize(m.ns + "-" + m.name) == ref.id) return &m;
  }
  return nullptr;
}

}  // namespace im
