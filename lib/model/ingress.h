#pragma once
// The normalised model of the Kubernetes objects the tool reads. Every
// apiVersion of Ingress (networking.k8s.io/v1, networking.k8s.io/v1beta1,
// extensions/v1beta1) is read into the same v1-shaped structs.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "diag/location.h"

namespace im {

enum class PathType { Exact, Prefix, ImplementationSpecific };

/// "Exact", "Prefix", "ImplementationSpecific".
const char* path_type_name(PathType t);

struct ServicePort {
  std::optional<int32_t> number;  ///< set for port.number / an integer servicePort
  std::string name;               ///< set for port.name / a string servicePort
  Location location;
};

struct Backend {
  enum class Kind { Service, Resource };
  Kind kind = Kind::Service;
  std::string service_name;  ///< Kind::Service
  ServicePort port;          ///< Kind::Service
  std::string resource_group, resource_kind, resource_name;  ///< Kind::Resource
  Location location;
};

struct IngressPath {
  std::string path;  ///< "" when absent (treated as "/" by controllers)
  PathType type = PathType::ImplementationSpecific;
  bool type_given = false;  ///< false when pathType was missing (v1beta1 manifests)
  Backend backend;
  Location location;       ///< of the path entry
  Location path_location;  ///< of the `path` value
};

struct IngressRule {
  std::string host;  ///< "" = host-less rule (nginx default server)
  std::vector<IngressPath> paths;
  Location location;
};

struct IngressTLS {
  std::vector<std::string> hosts;
  std::string secret_name;
  Location location;
};

struct Annotation {
  std::string key;
  std::string value;
  Location location;  ///< of the key
};

struct Ingress {
  std::string api_version;
  std::string name;
  std::string ns;  ///< "" when the manifest has no namespace
  std::string creation_timestamp;
  std::optional<std::string> class_name;  ///< spec.ingressClassName
  Location class_location;
  std::vector<Annotation> annotations;
  std::optional<Backend> default_backend;
  std::vector<IngressRule> rules;
  std::vector<IngressTLS> tls;
  Location location;  ///< of the object (its document root)

  const Annotation* annotation(const std::string& key) const;
  /// "namespace/name", or "name" when the namespace is not set.
  std::string ref() const;
};

struct IngressClass {
  std::string api_version;
  std::string name;
  std::string controller;  ///< spec.controller
  bool is_default = false; ///< ingressclass.kubernetes.io/is-default-class: "true"
  Location location;
};

struct Service {
  struct Port {
    std::string name;
    int32_t port = 0;
  };
  std::string name;
  std::string ns;
  std::vector<Port> ports;
  /// Some controllers read settings from the backend Service's annotations
  /// (Traefik's traefik.ingress.kubernetes.io/service.*).
  std::vector<Annotation> annotations;
  Location location;
};

/// A ConfigMap, kept only for annotations that point at one
/// (ingress-nginx custom-headers).
struct ConfigMap {
  std::string name;
  std::string ns;
  std::vector<std::pair<std::string, std::string>> data;
  /// Keys whose values were not kept: not a string, or longer than
  /// kMaxConfigValueBytes (configuration files, not header values).
  std::vector<std::string> unread;
  Location location;
};

/// A Traefik Middleware (traefik.io/v1alpha1, or the older
/// traefik.containo.us/v1alpha1), kept for the Ingresses whose
/// router.middlewares name it: which middleware it is (its one spec key) and
/// the fields the conversion reads.
struct TraefikMiddleware {
  std::string name;
  std::string ns;
  /// traefik.io/v1alpha1, or traefik.containo.us/v1alpha1 (Traefik 2's group).
  std::string api_version;
  std::string type;  ///< the spec key: stripPrefix, addPrefix, replacePath, redirectScheme, headers, ...
  std::vector<std::string> prefixes;  ///< stripPrefix.prefixes
  std::string value;                  ///< addPrefix.prefix, replacePath.path, redirectScheme.scheme
  std::string port;                   ///< redirectScheme.port
  bool permanent = false;             ///< redirectScheme.permanent
  std::vector<std::pair<std::string, std::string>> request_headers;   ///< headers.customRequestHeaders
  std::vector<std::pair<std::string, std::string>> response_headers;  ///< headers.customResponseHeaders
  /// Fields of the spec the conversion does not read (a second middleware
  /// key, headers' CORS or security fields, ...): the middleware then does
  /// more than what is converted.
  std::vector<std::string> unread;
  Location location;
};

/// The longest ConfigMap value kept in the inventory.
constexpr size_t kMaxConfigValueBytes = 4096;

}  // namespace im
