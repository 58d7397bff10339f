#include "util/parallel_batches.h"

#include <algorithm>
#include <thread>
#include <vector>

#include "util/threads.h"

namespace im {

void parallel_batches(size_t count, size_t batch, const std::function<void(size_t i, size_t slot)>& work,
                      const std::function<void(size_t first, size_t n)>& take) {
  const size_t threads = worker_threads();
  for (size_t first = 0; first < count; first += batch) {
    const size_t n = std::min(batch, count - first);
    // Contiguous ranges per thread: neighbouring objects share cache lines.
    auto run = [&](size_t t) {
      for (size_t slot = n * t / threads; slot < n * (t + 1) / threads; ++slot) work(first + slot, slot);
    };
    std::vector<std::thread> workers;
    for (size_t t = 1; t < threads; ++t) workers.emplace_back(run, t);
    run(0);
    for (auto& w : workers) w.join();
    take(first, n);
  }
}

}  // namespace im
