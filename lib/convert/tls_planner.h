#pragma once
// Which certificate each host is served with, as the source controller
// decides it.

#include <map>
#include <string>

#include "convert/plan.h"

namespace im {

struct HostTls {
  std::string secret;  ///< "" = the controller's default certificate
  std::string secret_ns;
  size_t ingress = 0;  ///< the Ingress whose tls section decided it
  Location location;
};

/// Key: class \n host.
std::map<std::string, HostTls> plan_host_tls(const Plan& plan);

}  // namespace im
