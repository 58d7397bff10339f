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
    job.gateway_objects += read_gateway_objects(doc, job.gateway, f, request.default_namespace);
  };
  job.load = request.cluster
                 ? load_cluster(*request.cluster, request.limits, findings, read_gateway)
                 : load_inputs(request.inputs, stdin_stream, request.limits, findings, read_gateway,
                               request.exclude);
  job.load.inventory.assign_namespace(request.default_namespace);
  VerifyOptions with_findings = options;
  // convert and verify read the same controller settings, so they agree.
  ConvertOptions convert_options = request.options;
  convert_options.nginx_config = with_findings.nginx_config =
      load_nginx_config(request, job.load, findings);
  // Routes in the input are an earlier conversion to check as it is; only
  // Gateways and ListenerSets are the topology a fresh conversion reuses.
  const bool given_routes = !job.gateway.http_routes.empty() || !job.gateway.grpc_routes.empty() ||
                            !job.gateway.tls_routes.empty();
  if (!given_routes) job.gateway_objects = 0;
  if (job.gateway_objects == 0) {
    // With --target-controller, the same output `convert` writes for it:
    // its implementation filters can change routing (regex rewrites).
    job.gateway = convert_for_target(job.load.inventory, convert_options, catalog, request.target,
                                     request.target_options, job.conversion_findings)
                      .output;
    with_findings.conversion_findings = &job.conversion_findings;
  }
  job.result = run_verify(job.load.inventory, job.gateway, with_findings);
  return job;
}

}  // namespace im::verify
