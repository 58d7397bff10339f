#include "driver/object_check.h"

#include <fmt/format.h>

#include "emit/objects.h"
#include "util/parallel_batches.h"

namespace im {

std::vector<std::string> check_objects(const ConversionOutput& output, Channel channel, ObjectWriter* writer,
                                       const std::function<void()>& rendered) {
  // Large enough that starting threads costs little against the work.
  constexpr size_t kBatch = 512;
  std::vector<std::string> text(kBatch);
  std::vector<std::vector<std::string>> problems(kBatch);
  std::vector<std::string> invalid;
  auto work = [&](size_t i, size_t slot) {
    const nlohmann::ordered_json obj = object_at(output, i);
    for (const auto& e : validate_object(obj, channel)) {
      problems[slot].push_back(fmt::format("{} {}/{}: {}", obj.at("kind").get<std::string>(),
                                           obj.at("metadata").value("namespace", std::string()),
                                           obj.at("metadata").at("name").get<std::string>(),
                                           format_validation_error(e)));
    }
    if (writer) text[slot] = writer->render(obj);
  };
  auto take = [&](size_t, size_t n) {
    for (size_t slot = 0; slot < n; ++slot) {
      for (auto& p : problems[slot]) invalid.push_back(std::move(p));
      problems[slot].clear();
      if (!writer) continue;
      writer->append(text[slot]);
      text[slot].clear();
      if (rendered) rendered();
    }
  };
  parallel_batches(object_count(output), kBatch, work, take);
  return invalid;
}

}  // namespace im
