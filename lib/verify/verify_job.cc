#include "verify/verify_job.h"

#include "verify/gateway_reader.h"

namespace im::verify {

VerifyJob run_verify_job(const ConvertRequest& request, const VerifyOptions& options,
                         std::istream& stdin_stream, Findings& findings) {
  VerifyJob job;
  Catalog storage;
  const Catalog& catalog = catalog_for(request.rules_dirs, storage);
  job.load = load_inputs(request.inputs, stdin_stream, request.limits, findings,
                         [&](const Document& doc, Findings& f) {
                           job.gateway_objects += read_gateway_objects(doc, job.gateway, f);
                         });
  if (job.gateway_objects == 0) {
    Findings conversion_findings;
    job.gateway = convert(job.load.inventory, request.options, catalog, conversion_findings).output;
  }
  job.result = run_verify(job.load.inventory, job.gateway, options);
  return job;
}

}  // namespace im::verify
