#include "util/threads.h"

#include <algorithm>
#include <thread>

namespace im {

size_t worker_threads() {
  return std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
}

}  // namespace im
