#pragma once
// Exit statuses, documented in --help and the man page.

namespace im::cli {

/// Everything converted; no error findings.
constexpr int kExitOk = 0;
/// Converted, but some input could not be converted faithfully (an error finding).
constexpr int kExitFindings = 1;
/// Bad usage, or an input that could not be read or parsed (the rest is still processed).
constexpr int kExitUsageOrInput = 2;
/// A bug: the tool produced an object that fails Gateway API validation.
constexpr int kExitInternal = 3;

}  // namespace im::cli
