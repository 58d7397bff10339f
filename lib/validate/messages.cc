#include "validate/messages.h"

#include <fmt/format.h>

#include "util/did_you_mean.h"

namespace im::validate {

std::string_view json_type_name(const nlohmann::ordered_json& v) {
  if (v.is_string()) return "string";
  if (v.is_number_integer()) return "integer";
  if (v.is_number()) return "number";
  if (v.is_boolean()) return "boolean";
  if (v.is_array()) return "array";
  if (v.is_object()) return "object";
  return "null";
}

std::string quote_value(const nlohmann::ordered_json& v) {
  constexpr size_t kMax = 80;
  // Replace invalid UTF-8 rather than throw: this only formats a message.
  std::string text = v.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  if (text.size() > kMax) {
    size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
      --cut;  // keep UTF-8 whole
    text = text.substr(0, cut) + "...";
  }
  return text;
}

std::string unknown_field_message(std::string_view key, const std::vector<std::string>& known) {
  const std::string best = did_you_mean(key, known);
  if (best.empty()) return "unknown field";
  return fmt::format("unknown field; did you mean \"{}\"?", best);
}

std::string count_noun(int64_t n, std::string_view singular, std::string_view plural) {
  return fmt::format("{} {}", n, n == 1 ? singular : plural);
}

}  // namespace im::validate
