#include "validate/metadata_check.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <string_view>

#include "validate/cel_support.h"
#include "validate/messages.h"

namespace im::validate {
namespace {

using Json = nlohmann::ordered_json;

// ObjectMeta fields a client may send; anything else is a typo.
const std::vector<std::string>& object_meta_fields() {
  static const std::vector<std::string> fields = {"annotations",
                                                  "creationTimestamp",
                                                  "deletionGracePeriodSeconds",
                                                  "deletionTimestamp",
                                                  "finalizers",
                                                  "generateName",
                                                  "generation",
                                                  "labels",
                                                  "managedFields",
                                                  "name",
                                                  "namespace",
                                                  "ownerReferences",
                                                  "resourceVersion",
                                                  "selfLink",
                                                  "uid"};
  return fields;
}

// Messages of k8s.io/apimachinery/pkg/util/validation, which users know from kubectl.
constexpr std::string_view kSubdomainMessage =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
    "'.', "
    "and must start and end with an alphanumeric character";
constexpr std::string_view kLabelMessage =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
    "must "
    "start and end with an alphanumeric character";

void check_dns_name(const Json& v, const std::string& path, size_t max_length, const RE2& re,
                    std::string_view message, std::vector<ValidationError>& errors) {
  if (!v.is_string()) {
    errors.push_back({path, fmt::format("must be of type string, got {}", json_type_name(v))});
    return;
  }
  const auto& s = v.get_ref<const std::string&>();
  if (s.size() > max_length) {
    errors.push_back({path, fmt::format("must be no more than {} characters", max_length)});
  }
  if (!RE2::FullMatch(s, re))
    errors.push_back({path, fmt::format("invalid value {}: {}", quote_value(v), message)});
}

void check_string_map(const Json& v, const std::string& path,
                      std::vector<ValidationError>& errors) {
  if (!v.is_object()) {
    errors.push_back({path, fmt::format("must be of type object, got {}", json_type_name(v))});
    return;
  }
  for (const auto& [key, value] : v.items()) {
    if (!value.is_string()) {
      errors.push_back({fmt::format("{}[{}]", path, key),
                        fmt::format("must be of type string, got {}", json_type_name(value))});
    }
  }
}

}  // namespace

void check_metadata(const Json* metadata, std::vector<ValidationError>& errors) {
  static const RE2 subdomain(R"([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)");
  static const RE2 label(R"([a-z0-9]([-a-z0-9]*[a-z0-9])?)");
  if (!metadata) {
    errors.push_back({"metadata", "required field is missing"});
    return;
  }
  if (!metadata->is_object()) {
    errors.push_back(
        {"metadata", fmt::format("must be of type object, got {}", json_type_name(*metadata))});
    return;
  }
  if (!cel::json_field(*metadata, "name"))
    errors.push_back({"metadata.name", "required field is missing"});
  for (const auto& [key, value] : metadata->items()) {
    const std::string path = "metadata." + key;
    if (key == "name") {
      check_dns_name(value, path, 253, subdomain, kSubdomainMessage, errors);
    } else if (key == "namespace") {
      check_dns_name(value, path, 63, label, kLabelMessage, errors);
    } else if (key == "labels" || key == "annotations") {
      check_string_map(value, path, errors);
    } else {
      const auto& known = object_meta_fields();
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        errors.push_back({path, unknown_field_message(key, known)});
      }
    }
  }
}

}  // namespace im::validate
