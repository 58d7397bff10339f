#include "driver/object_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "emit/objects.h"
#include "util/threads.h"

namespace im {

std::vector<std::string> check_objects(const ConversionOutput& output, Channel channel, ObjectWriter* writer,
                                       const std::function<void()>& rendered) {
  // Batches bound the rendered text that waits for its turn; they are
  // large enough that starting threads costs little against the work.
  constexpr size_t kBatch = 512;
  const size_t count = object_count(output);
  const size_t threads = worker_threads();
  std::vector<std::string> text(writer ? kBatch : 0);
  std::vector<std::vector<std::string>> problems(threads);
  std::vector<std::string> invalid;
  for (size_t begin = 0; begin < count; begin += kBatch) {
    const size_t n = std::min(kBatch, count - begin);
    auto work = [&](size_t t) {
      for (size_t i = n * t / threads; i < n * (t + 1) / threads; ++i) {
        const nlohmann::ordered_json obj = object_at(output, begin + i);
        for (const auto& e : validate_object(obj, channel)) {
          problems[t].push_back(fmt::format(
              "{} {}/{}: {}", obj.at("kind").get<std::string>(),
              obj.at("metadata").value("namespace", std::string()),
              obj.at("metadata").at("name").get<std::string>(), format_validation_error(e)));
        }
        if (writer) text[i] = writer->render(obj);
      }
    };
    std::vector<std::thread> workers;
    for (size_t t = 1; t < threads; ++t) workers.emplace_back(work, t);
    work(0);
    for (auto& w : workers) w.join();
    for (auto& p : problems) {
      invalid.insert(invalid.end(), std::make_move_iterator(p.begin()), std::make_move_iterator(p.end()));
      p.clear();
    }
    if (!writer) continue;
    for (size_t i = 0; i < n; ++i) {
      writer->append(text[i]);
      text[i].clear();
      if (rendered) rendered();
    }
  }
  return invalid;
}

}  // namespace im
