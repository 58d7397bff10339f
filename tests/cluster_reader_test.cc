// lib/cluster without a cluster: which resources are read, where findings
// point, the server version, and that only read-only kubectl commands exist.

#include <catch2/catch.hpp>

#include "cluster/cluster_reader.h"
#include "cluster/process.h"
#include "cluster/server_version.h"

using namespace im;

TEST_CASE("resources_to_read prefers networking.k8s.io and reads IngressClasses only where served", "[cluster]") {
  CHECK(resources_to_read("services\ningresses.extensions\ningresses.networking.k8s.io\n"
                          "ingressclasses.networking.k8s.io\n") ==
        std::vector<std::string>{"ingresses.networking.k8s.io", "ingressclasses.networking.k8s.io", "services"});
  // Kubernetes 1.13: Ingress only in extensions/v1beta1, no IngressClass.
  CHECK(resources_to_read("pods\nservices\ningresses.extensions\n") ==
        std::vector<std::string>{"ingresses.extensions", "services"});
  // Gateway API installed: Gateways and ListenerSets are read as topology to reuse.
  CHECK(resources_to_read("services\ningresses.networking.k8s.io\ngateways.gateway.networking.k8s.io\n"
                          "httproutes.gateway.networking.k8s.io\nlistenersets.gateway.networking.k8s.io\n") ==
        std::vector<std::string>{"ingresses.networking.k8s.io", "services", "gateways.gateway.networking.k8s.io",
                                 "listenersets.gateway.networking.k8s.io"});
  CHECK_THROWS_WITH(resources_to_read("pods\nservices\n"),
                    "the cluster serves no Ingress API (neither networking.k8s.io nor extensions)");
}

TEST_CASE("referenced_resources_to_read lists the kinds annotations name, where served, one Middleware group",
          "[cluster]") {
  CHECK(referenced_resources_to_read("services\ningresses.networking.k8s.io\n").empty());
  // Traefik v2.10 serves both groups with the same objects: traefik.io is read.
  CHECK(referenced_resources_to_read("middlewares.traefik.containo.us\nmiddlewares.traefik.io\n"
                                     "kongplugins.configuration.konghq.com\nkongconsumers.configuration.konghq.com\n"
                                     "kongclusterplugins.configuration.konghq.com\nfrontendconfigs.networking.gke.io\n"
                                     "backendconfigs.cloud.google.com\n") ==
        std::vector<std::string>{"middlewares.traefik.io", "kongplugins.configuration.konghq.com",
                                 "kongclusterplugins.configuration.konghq.com", "frontendconfigs.networking.gke.io",
                                 "backendconfigs.cloud.google.com"});
  CHECK(referenced_resources_to_read("middlewares.traefik.containo.us\n") ==
        std::vector<std::string>{"middlewares.traefik.containo.us"});
}

TEST_CASE("findings about cluster objects point at cluster:<context>/<namespace>/<kind>/<name>", "[cluster]") {
  const std::string list = R"({"apiVersion": "v1", "kind": "List", "items": [
    {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
     "metadata": {"name": "web", "namespace": "shop"},
     "spec": {"rules": [{"http": {"paths": [{"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "web", "port": {"number": 70000}}}}]}}]}},
    {"apiVersion": "networking.k8s.io/v1", "kind": "IngressClass", "metadata": {"name": "nginx"}, "spec": {"controller": ["k8s.io/ingress-nginx"]}}
  ]})";
  Inventory inventory;
  Findings findings;
  read_cluster_list(list, "prod", ParseLimits{}, inventory, findings);
  std::vector<std::string> got;
  for (const auto& f : findings.items()) got.push_back(format_finding(f));
  CHECK(got == std::vector<std::string>{
                   "cluster:prod/shop/Ingress/web: error: backend.service.port.number 70000 is out of range 1-65535 [invalid-port]",
                   "cluster:prod/IngressClass/nginx: error: spec.controller must be a string, found a sequence [invalid-field]"});
}

TEST_CASE("kubectl_command allows only read-only commands", "[cluster]") {
  ClusterQuery q;
  q.context = "prod";
  q.kubeconfig = "/tmp/kc";
  CHECK(kubectl_command(q, {"get", "services", "-o", "json"}) ==
        std::vector<std::string>{"kubectl", "get", "services", "-o", "json", "--kubeconfig=/tmp/kc", "--context=prod"});
  CHECK(kubectl_command(q, {"config", "current-context"}).size() == 5);
  q.request_timeout = "30s";
  q.global_flags = {"--as=alice", "--insecure-skip-tls-verify=true"};
  CHECK(kubectl_command(q, {"get", "services"}) ==
        std::vector<std::string>{"kubectl", "get", "services", "--kubeconfig=/tmp/kc", "--context=prod",
                                 "--request-timeout=30s", "--as=alice", "--insecure-skip-tls-verify=true"});
  for (const char* verb : {"apply", "delete", "patch", "create", "edit", "replace", "label", "annotate", "scale"}) {
    CHECK_THROWS_AS(kubectl_command(q, {verb, "ingress", "x"}), std::logic_error);
  }
  CHECK_THROWS_AS(kubectl_command(q, {"config", "use-context", "x"}), std::logic_error);
}

TEST_CASE("parse_server_version reads managed-cluster minors and rejects output without a server", "[cluster]") {
  ServerVersion v = parse_server_version(
      R"({"clientVersion": {"major": "1", "minor": "32"}, "serverVersion": {"major": "1", "minor": "30+", "gitVersion": "v1.30.5-eks-ce1d5eb"}})");
  CHECK(v.major == 1);
  CHECK(v.minor == 30);
  CHECK(v.git_version == "v1.30.5-eks-ce1d5eb");
  CHECK_THROWS_WITH(parse_server_version(R"({"clientVersion": {"major": "1", "minor": "32"}})"),
                    "kubectl version printed no serverVersion");
  CHECK_THROWS_WITH(parse_server_version("not json"), "kubectl version printed something that is not JSON");
}

TEST_CASE("a missing kubectl is a ClusterError that says how to fix it", "[cluster]") {
  ClusterQuery q;
  q.kubectl = "/nonexistent/kubectl";
  CHECK_THROWS_WITH(run_kubectl(q, {"version", "-o", "json"}),
                    "cannot run /nonexistent/kubectl (/nonexistent/kubectl: No such file or directory); install "
                    "kubectl or put it on PATH");
}

TEST_CASE("run_process collects large outputs on both streams and the exit status", "[cluster]") {
  // More than a pipe buffer on each stream: reading only one would deadlock.
  ProcessOptions limits;
  limits.max_err_tail_bytes = 1 << 20;
  ProcessResult r =
      run_process({"bash", "-c", "head -c 300000 /dev/zero; head -c 200000 /dev/zero >&2; exit 3"}, limits);
  REQUIRE(r.started);
  CHECK(r.out.size() == 300000);
  CHECK(r.err.size() == 200000);
  CHECK(r.exit_status == 3);
}
