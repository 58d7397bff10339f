#include "model/ingress.h"

namespace im {

const char* path_type_name(PathType t) {
  switch (t) {
    case PathType::Exact: return "Exact";
    case PathType::Prefix: return "Prefix";
    case PathType::ImplementationSpecific: return "ImplementationSpecific";
  }
  return "ImplementationSpecific";
}

const Annotation* Ingress::annotation(const std::string& key) const {
  for (const auto& a : annotations) {
    if (a.key == key) return &a;
  }
  return nullptr;
}

std::string Ingress::ref() const { return ns.empty() ? name : ns + "/" + name; }

}  // namespace im
