#include "validate/validator.h"

#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "validate/cel_support.h"
#include "validate/constraint_table.h"
#include "validate/messages.h"
#include "validate/metadata_check.h"
#include "validate/schema_check.h"

namespace im {
namespace {

using Json = nlohmann::ordered_json;
using namespace validate;  // NOLINT(google-build-using-namespace)

constexpr std::string_view kApiVersion = "gateway.networking.k8s.io/v1";

struct KindTable {
  std::string_view kind;
  std::string_view standard;
  std::string_view experimental;  ///< same as standard where we ship no experimental dump
};

// Sorted by kind; the order is also the one "supported kinds" lists.
constexpr KindTable kKinds[] = {
    {"BackendTLSPolicy", "standard-backendtlspolicies-v1.txt", "standard-backendtlspolicies-v1.txt"},
    {"GRPCRoute", "standard-grpcroutes-v1.txt", "experimental-grpcroutes-v1.txt"},
    {"Gateway", "standard-gateways-v1.txt", "standard-gateways-v1.txt"},
    {"HTTPRoute", "standard-httproutes-v1.txt", "experimental-httproutes-v1.txt"},
    {"ReferenceGrant", "standard-referencegrants-v1.txt", "standard-referencegrants-v1.txt"},
    {"TLSRoute", "standard-tlsroutes-v1.txt", "standard-tlsroutes-v1.txt"},
};

const KindTable* find_kind(const Json* kind) {
  if (!kind || !kind->is_string()) return nullptr;
  for (const KindTable& k : kKinds) {
    if (*kind == k.kind) return &k;
  }
  return nullptr;
}

void check_api_version(const Json* v, std::vector<ValidationError>& errors) {
  if (!v) {
    errors.push_back({"apiVersion", "required field is missing"});
  } else if (*v != kApiVersion) {
    errors.push_back({"apiVersion", fmt::format("unsupported apiVersion {}; expected \"{}\"", quote_value(*v), kApiVersion)});
  }
}

}  // namespace

std::string format_validation_error(const ValidationError& e) {
  return e.path.empty() ? e.message : e.path + ": " + e.message;
}

std::vector<ValidationError> validate_object(const Json& obj, Channel channel) {
  std::vector<ValidationError> errors;
  if (!obj.is_object()) {
    errors.push_back({"", fmt::format("must be of type object, got {}", json_type_name(obj))});
    return errors;
  }
  static const std::vector<std::string> kTopLevel = {"apiVersion", "kind", "metadata", "spec", "status"};
  for (const auto& [key, value] : obj.items()) {
    if (std::find(kTopLevel.begin(), kTopLevel.end(), key) == kTopLevel.end()) {
      errors.push_back({key, unknown_field_message(key, kTopLevel)});
    }
  }
  check_api_version(cel::json_field(obj, "apiVersion"), errors);

  const Json* kind = cel::json_field(obj, "kind");
  const KindTable* table = find_kind(kind);
  if (!kind) {
    errors.push_back({"kind", "required field is missing"});
    return errors;
  }
  if (!table) {
    std::string supported;
    for (const KindTable& k : kKinds) supported += fmt::format("{}{}", supported.empty() ? "" : ", ", k.kind);
    errors.push_back({"kind", fmt::format("unsupported kind {}; supported kinds: {}", quote_value(*kind), supported)});
    return errors;
  }

  check_metadata(cel::json_field(obj, "metadata"), errors);

  // status is written by controllers, never by us; the API server ignores
  // it on create, so it is not checked.
  const Json* spec = cel::json_field(obj, "spec");
  if (!spec) {
    errors.push_back({"spec", "required field is missing"});
    return errors;
  }
  const ConstraintTable& schema =
      embedded_constraint_table(channel == Channel::Experimental ? table->experimental : table->standard);
  std::string path = "spec";
  check_node(*spec, schema.spec, path, errors);
  return errors;
}

}  // namespace im
