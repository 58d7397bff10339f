#include "emit/object_writer.h"

#include <algorithm>
#include <ostream>
#include <thread>
#include <vector>

#include "emit/objects.h"
#include "emit/yaml_writer.h"
#include "util/threads.h"

namespace im {

namespace {

class YamlWriter : public ObjectWriter {
 public:
  explicit YamlWriter(std::ostream& out) : out_(out) {}
  std::string render(const nlohmann::ordered_json& obj) const override {
    return "---\n" + to_yaml(obj);
  }
  void append(const std::string& rendered) override { out_ << rendered; }
  void finish() override {}

 private:
  std::ostream& out_;
};

/// Produces exactly what nlohmann's dump(2) prints for the whole List, item
/// by item: each item's own dump re-indented by the four spaces it sits at.
class JsonListWriter : public ObjectWriter {
 public:
  explicit JsonListWriter(std::ostream& out) : out_(out) {
    out_ << "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"items\": [";
  }
  std::string render(const nlohmann::ordered_json& obj) const override {
    const std::string text =
        obj.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    std::string indented;
    indented.reserve(text.size() + text.size() / 8);
    for (char c : text) {
      indented += c;
      if (c == '\n') indented += "    ";
    }
    return indented;
  }
  void append(const std::string& rendered) override {
    out_ << (first_ ? "\n    " : ",\n    ") << rendered;
    first_ = false;
  }
  void finish() override { out_ << (first_ ? "]\n}\n" : "\n  ]\n}\n"); }

 private:
  std::ostream& out_;
  bool first_ = true;
};

}  // namespace

void write_all(const ConversionOutput& output, ObjectWriter& writer) {
  // Batches bound the memory held by rendered text that waits for its turn.
  constexpr size_t kBatch = 512;
  const size_t count = object_count(output);
  const size_t threads = worker_threads();
  std::vector<std::string> rendered(kBatch);
  for (size_t begin = 0; begin < count; begin += kBatch) {
    const size_t n = std::min(kBatch, count - begin);
    auto render = [&](size_t t) {
      for (size_t i = n * t / threads; i < n * (t + 1) / threads; ++i) {
        rendered[i] = writer.render(object_at(output, begin + i));
      }
    };
    std::vector<std::thread> workers;
    for (size_t t = 1; t < threads; ++t) workers.emplace_back(render, t);
    render(0);
    for (auto& w : workers) w.join();
    for (size_t i = 0; i < n; ++i) writer.append(rendered[i]);
  }
}

std::unique_ptr<ObjectWriter> make_object_writer(OutputFormat format, std::ostream& out) {
  if (format == OutputFormat::Yaml) return std::make_unique<YamlWriter>(out);
  return std::make_unique<JsonListWriter>(out);
}

}  // namespace im
