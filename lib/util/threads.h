#pragma once
// How many threads the tool spreads independent work over.

#include <cstddef>

namespace im {

/// One per core, at least 1 and at most 8: past a few threads, merging the
/// results and their memory cost more than they save.
size_t worker_threads();

}  // namespace im
