#include "emit/object_writer.h"

#include <ostream>

#include "emit/yaml_writer.h"

namespace im {

namespace {

class YamlWriter : public ObjectWriter {
 public:
  explicit YamlWriter(std::ostream& out) : out_(out) {}
  void write(const nlohmann::ordered_json& obj) override { out_ << "---\n" << to_yaml(obj); }
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
  void write(const nlohmann::ordered_json& obj) override {
    std::string text = obj.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    out_ << (first_ ? "\n    " : ",\n    ");
    first_ = false;
    for (char c : text) {
      out_ << c;
      if (c == '\n') out_ << "    ";
    }
  }
  void finish() override { out_ << (first_ ? "]\n}\n" : "\n  ]\n}\n"); }

 private:
  std::ostream& out_;
  bool first_ = true;
};

}  // namespace

std::unique_ptr<ObjectWriter> make_object_writer(OutputFormat format, std::ostream& out) {
  if (format == OutputFormat::Yaml) return std::make_unique<YamlWriter>(out);
  return std::make_unique<JsonListWriter>(out);
}

}  // namespace im
