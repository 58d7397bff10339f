#pragma once
// Independent work on many numbered items, spread over worker threads a
// batch at a time, with the results taken in item order. Batches bound what
// waits to be taken (rendered text, per-object results) whatever the count.

#include <cstddef>
#include <functional>

namespace im {

/// For each batch of up to `batch` consecutive items: work(i, slot) for each
/// item i of it on worker_threads() threads (slot = i - the batch's first
/// item, an index into the caller's per-batch buffer, so threads never
/// share a slot), then take(first, n) on the calling thread.
void parallel_batches(size_t count, size_t batch, const std::function<void(size_t i, size_t slot)>& work,
                      const std::function<void(size_t first, size_t n)>& take);

}  // namespace im
