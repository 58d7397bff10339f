#include "driver/convert_job.h"

#include <fmt/format.h>

#include "cluster/cluster_reader.h"
#include "emit/objects.h"
#include "validate/validator.h"

namespace im {

const Catalog& catalog_for(const std::vector<std::string>& rules_dirs, Catalog& storage) {
  if (rules_dirs.empty()) return Catalog::builtin();
  storage = Catalog::builtin();
  for (const auto& dir : rules_dirs) storage.load_directory(dir);
  return storage;
}

ConvertOutcome run_convert(const ConvertRequest& request, std::istream& stdin_stream,
                           Findings& findings) {
  ConvertOutcome outcome;
  Catalog user_catalog;
  const Catalog* catalog = &catalog_for(request.rules_dirs, user_catalog);
  outcome.load = request.cluster
                     ? load_cluster(*request.cluster, request.limits, findings)
                     : load_inputs(request.inputs, stdin_stream, request.limits, findings,
                                   request.on_document);
  outcome.conversion = convert(outcome.load.inventory, request.options, *catalog, findings);
  // The tool checks its own output against the CRD schema and CEL rules
  // before printing any of it: printing something `kubectl apply` rejects
  // would be worse than failing. Objects are built one at a time here and
  // again when printed, so the output is never held in memory as a whole.
  Channel channel = request.options.experimental ? Channel::Experimental : Channel::Standard;
  for_each_object(outcome.conversion.output, [&](const nlohmann::ordered_json& obj) {
    for (const auto& e : validate_object(obj, channel)) {
      outcome.invalid_objects.push_back(fmt::format(
          "{} {}/{}: {}", obj.at("kind").get<std::string>(),
          obj.at("metadata").value("namespace", std::string()),
          obj.at("metadata").at("name").get<std::string>(), format_validation_error(e)));
    }
  });
  findings.sort_and_dedupe();
  return outcome;
}

}  // namespace im
