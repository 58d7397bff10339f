#pragma once
// The Kubernetes version a cluster runs, for linting the upgrade window from
// it to a target version.

#include <string>

#include "cluster/kubectl.h"

namespace im {

struct ServerVersion {
  int major = 0;
  int minor = 0;
  std::string git_version;  ///< e.g. "v1.32.4-gke.1106000"
};

/// Reads the serverVersion of `kubectl version -o json` output. Managed
/// clusters print minors such as "32+", so only the leading digits count.
/// Throws ClusterError when the output has no usable serverVersion.
ServerVersion parse_server_version(const std::string& kubectl_version_json);

/// Runs `kubectl version -o json` for the query's cluster. Throws
/// ClusterError when kubectl fails (its message included).
ServerVersion read_server_version(const ClusterQuery& query);

}  // namespace im
