#pragma once
// The Gateway API release the emitted objects target: the CRDs and CEL rules
// in lib/validate are this release's, and --version and the man page say so.

namespace im {

inline constexpr const char* kGatewayApiVersion = "v1.6.1";

}  // namespace im
