// libFuzzer target over the whole convert path: bytes -> documents -> model
// -> annotation rules -> Gateway API IR -> objects -> CRD/CEL validation ->
// YAML and JSON text. Any crash, sanitizer report, leak or emitted object
// that fails validation is a bug: bad input must only ever produce findings. It also checks that the parallel,
// header-skipping read agrees with the plain one.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "convert/converter.h"
#include "driver/convert_job.h"
#include "emit/object_writer.h"
#include "emit/objects.h"
#include "model/inventory.h"
#include "parse/document.h"
#include "validate/validator.h"

namespace {

// Small limits make the fuzzer reach every limit error with short inputs
// instead of spending its time on huge ones.
im::ParseLimits fuzz_limits() {
  im::ParseLimits limits;
  limits.max_depth = 64;
  limits.max_document_bytes = 64 << 10;
  limits.max_file_bytes = 256 << 10;
  limits.max_documents = 64;
  limits.max_alias_nodes = 4096;
  limits.max_scalar_bytes = 16 << 10;
  limits.max_nodes = 20000;
  return limits;
}

std::string formatted(const im::Findings& findings) {
  std::string out;
  for (const auto& f : findings.items()) out += im::format_finding(f) + "\n";
  return out;
}

// The fast read (two threads, header-only documents of kinds not converted)
// must give what the plain serial read gives; a difference is a bug.
void check_fast_read_agrees(const std::string& text, const std::shared_ptr<const std::string>& origin,
                            const im::Inventory& serial, const im::Findings& serial_findings) {
  im::ReadOptions options;
  options.threads = 2;
  options.needs_body = im::needs_body;
  im::Findings findings;
  std::vector<im::Inventory> runs(options.threads);
  im::read_documents(text, origin, fuzz_limits(), findings, options,
                     [&](size_t run, im::Document&& doc, im::Findings& run_findings) {
                       im::read_objects(doc, runs[run], run_findings);
                     });
  im::Inventory fast;
  for (auto& run : runs) fast.merge(std::move(run));
  if (formatted(findings) != formatted(serial_findings) || fast.skipped != serial.skipped ||
      fast.documents != serial.documents || fast.ingresses.size() != serial.ingresses.size() ||
      fast.services.size() != serial.services.size() ||
      fast.classes.size() != serial.classes.size() ||
      fast.config_maps.size() != serial.config_maps.size()) {
    std::abort();
  }
}

// A sink that takes `room` bytes and then fails, like a disk filling up.
class FullAfter : public std::streambuf {
 public:
  explicit FullAfter(size_t room) : room_(room) {}

 protected:
  int_type overflow(int_type c) override {
    if (room_ == 0) return traits_type::eof();
    --room_;
    return traits_type::not_eof(c);
  }

 private:
  size_t room_;
};

// Every write checked: the same output into a sink that fills up halfway
// must leave the stream failed, so the CLI's one check after the last write
// sees it (it then exits 2 and claims nothing).
void check_write_failure_is_seen(const im::ConversionOutput& output, bool json, size_t full_size) {
  if (full_size == 0) return;
  FullAfter sink(full_size / 2);
  std::ostream out(&sink);
  auto writer = im::make_object_writer(json ? im::OutputFormat::Json : im::OutputFormat::Yaml, out);
  im::for_each_object(output, [&](const nlohmann::ordered_json& obj) { writer->write(obj); });
  writer->finish();
  if (out.flush()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The first byte picks the options, so one corpus covers YAML and JSON
  // origins, the output formats, the experimental channel and the targets.
  const uint8_t flags = size > 0 ? data[0] : 0;
  const std::string text(reinterpret_cast<const char*>(data) + (size > 0 ? 1 : 0),
                         size > 0 ? size - 1 : 0);
  auto origin = std::make_shared<const std::string>((flags & 1) ? "in.json" : "in.yaml");

  im::Findings findings;
  im::Inventory inventory;
  im::read_documents(text, origin, fuzz_limits(), findings, [&](im::Document&& doc) {
    im::read_objects(doc, inventory, findings);
    return true;
  });
  check_fast_read_agrees(text, origin, inventory, findings);
  inventory.sort();

  im::ConvertOptions options;
  options.experimental = (flags & 2) != 0;
  if (flags & 4) options.shared_gateway = im::GatewayRef{"infra", "shared"};
  if (flags & 8) options.default_class = "nginx";
  // Bit 128: ListenerSets attached to a shared Gateway (--gateway --listener-set).
  if (flags & 128) {
    options.shared_gateway = im::GatewayRef{"infra", "shared"};
    options.listener_sets = true;
  }
  // Bits 32 and 64 pick an output profile (both: kgateway, or Istio with
  // JSON output; 64 alone: NGINX Gateway Fabric, or Traefik with JSON
  // output; 32 alone: Envoy Gateway, or the AWS Load Balancer Controller
  // with JSON output; neither: the standard objects alone, or GKE Gateway
  // with JSON output), so the implementation objects (and the regex
  // rewrites a profile lets the conversion keep) are checked against their
  // vendored CRDs like the standard ones.
  const bool json = (flags & 16) != 0;
  const char* target = (flags & 32) && (flags & 64) ? (json ? "istio" : "kgateway")
                       : (flags & 32)               ? (json ? "aws-load-balancer-controller" : "envoy-gateway")
                       : (flags & 64)               ? (json ? "traefik" : "nginx-gateway-fabric")
                                                    : (json ? "gke" : "");
  im::TargetOptions target_options;
  target_options.allow_snippets = true;
  const im::ConversionResult result =
      im::convert_for_target(inventory, options, im::Catalog::builtin(), target, target_options, findings);

  std::ostringstream out;
  auto writer = im::make_object_writer(
      json ? im::OutputFormat::Json : im::OutputFormat::Yaml, out);
  const auto channel = options.experimental ? im::Channel::Experimental : im::Channel::Standard;
  im::for_each_object(result.output, [&](const nlohmann::ordered_json& obj) {
    // No input may make the converter emit an invalid object (the CLI's exit
    // 3, "internal error"): a bad input value must be an error finding at
    // its source and left out. So an invalid object is a crash here.
    if (!im::validate_object(obj, channel).empty()) std::abort();
    writer->write(obj);
  });
  writer->finish();
  check_write_failure_is_seen(result.output, json, out.str().size());

  findings.sort_and_dedupe();
  // One finding, one line: no input can start a line of its own in a log.
  for (const auto& f : findings.items()) {
    if (im::format_finding(f).find_first_of("\r\n") != std::string::npos) std::abort();
  }
  return 0;
}
