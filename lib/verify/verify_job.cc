#include "verify/verify_job.h"

#include "cluster/cluster_reader.h"
#include "verify/gateway_reader.h"

namespace im::verify {

VerifyJob run_verify_job(const ConvertRequest& request, const VerifyOptions& options,
                         std::istream& stdin_stream, Findings& findings) {
  VerifyJob job;
  Catalog storage;
  const Catalog& catalog = catalog_for(request.rules_dirs, storage);
  DocumentObserver read_gateway = [&](const Document& doc, Findings& f) {
    job.gateway_objects += read_gateway_objects(doc, job.gateway, f);
  };
  job.load = request.cluster
                 ? load_cluster(*request.cluster, request.limits, findings, read_gateway)
                 : load_inputs(request.inputs, stdin_stream, request.limits, findings, read_gateway,
                               request.exclude);
  if (job.gateway_objects == 0) {
    Findings conversion_findings;
    job.gateway = convert(job.load.inventory, request.options, catalog, conversion_findings).output;
  }
  job.result = run_verify(job.load.inventory, job.gateway, options);
  return job;
}

}  // namespace im::verify
