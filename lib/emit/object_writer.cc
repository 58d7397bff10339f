#include "emit/object_writer.h"

#include <ostream>

#include "emit/yaml_writer.h"

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

std::unique_ptr<ObjectWriter> make_object_writer(OutputFormat format, std::ostream& out) {
  if (format == OutputFormat::Yaml) return std::make_unique<YamlWriter>(out);
  return std::make_unique<JsonListWriter>(out);
}

}  // namespace im
