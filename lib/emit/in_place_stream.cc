#include "emit/in_place_stream.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "emit/object_writer.h"
#include "emit/objects.h"
#include "parse/document_splitter.h"

namespace im {

namespace {

std::string ref_of(const ObjectSpan& o) { return o.ns.empty() ? o.name : o.ns + "/" + o.name; }

struct Rendered {
  std::map<std::string, std::string> by_ingress;  ///< Ingress ref -> its objects as YAML
  std::string shared;                             ///< Gateways and ReferenceGrants
};

Rendered render_by_source(const ConversionOutput& output) {
  std::map<std::string, std::ostringstream> streams;
  std::ostringstream shared;
  std::map<std::string, std::unique_ptr<ObjectWriter>> writers;
  auto shared_writer = make_object_writer(OutputFormat::Yaml, shared);
  for_each_object_with_source(output, [&](const nlohmann::ordered_json& obj, const std::string& ingress,
                                          const Location&) {
    if (ingress.empty()) {
      shared_writer->write(obj);
      return;
    }
    auto& w = writers[ingress];
    if (!w) w = make_object_writer(OutputFormat::Yaml, streams[ingress]);
    w->write(obj);
  });
  Rendered r;
  shared_writer->finish();
  r.shared = shared.str();
  for (auto& [ingress, w] : writers) {
    w->finish();
    r.by_ingress[ingress] = streams[ingress].str();
  }
  return r;
}

}  // namespace

std::string rewrite_streams(const std::vector<StreamText>& streams, const std::vector<ObjectSpan>& objects,
                            const ConversionOutput& output, Findings& findings) {
  Rendered rendered = render_by_source(output);
  bool shared_written = false;
  std::string out;
  for (const StreamText& s : streams) {
    // Keep document boundaries between inputs: a stream that does not end
    // a line, or a next one that does not open with "---", would merge.
    if (!out.empty()) {
      if (out.back() != '\n') out += '\n';
      if (s.text.rfind("---", 0) != 0) out += "---\n";
    }
    DocumentSplitter splitter(s.text);
    Chunk chunk;
    while (splitter.next(chunk)) {
      uint32_t first = chunk.first_line + 1;
      uint32_t last = first + static_cast<uint32_t>(std::count(chunk.text.begin(), chunk.text.end(), '\n'));
      std::vector<const ObjectSpan*> inside;
      Location chunk_start{s.origin, first, 0};
      auto it = std::lower_bound(objects.begin(), objects.end(), chunk_start,
                                 [](const ObjectSpan& o, const Location& l) { return o.location < l; });
      for (; it != objects.end() && it->location.origin && *it->location.origin == *s.origin &&
             it->location.line <= last;
           ++it) {
        inside.push_back(&*it);
      }
      bool all_ingresses = !inside.empty() && std::all_of(inside.begin(), inside.end(), [](const ObjectSpan* o) {
        return o->kind == "Ingress";
      });
      // A canary whose weight went into its primary's route is converted
      // too, as long as that route is written: it takes no place of its own.
      auto merged = [&](const ObjectSpan& o) {
        auto it = output.merged_canaries.find(ref_of(o));
        return it != output.merged_canaries.end() && rendered.by_ingress.count(it->second) > 0;
      };
      bool all_converted = all_ingresses && std::all_of(inside.begin(), inside.end(), [&](const ObjectSpan* o) {
        return rendered.by_ingress.count(ref_of(*o)) > 0 || merged(*o);
      });
      if (!all_converted) {
        for (const ObjectSpan* o : inside) {
          if (o->kind != "Ingress") continue;
          if (merged(*o)) {
            findings.warning(o->location,
                             fmt::format("{} is a canary whose split is in the route of Ingress {}, but it "
                                         "shares its document with objects that are not Ingresses; kept "
                                         "unchanged in the output stream (split the List into documents)",
                                         o->label(), output.merged_canaries.at(ref_of(*o))),
                             "in-place-kept");
            continue;
          }
          findings.warning(o->location,
                           fmt::format("{} {}", o->label(),
                                       rendered.by_ingress.count(ref_of(*o))
                                           ? "shares its document with objects that are not "
                                             "Ingresses; kept unchanged in the output stream, without "
                                             "its Gateway API objects (split the List into documents)"
                                           : "was not converted; kept unchanged in the output stream"),
                           "in-place-kept");
        }
        out += chunk.text;
        continue;
      }
      if (!shared_written) {
        out += rendered.shared;
        shared_written = true;
      }
      for (const ObjectSpan* o : inside) {
        auto r = rendered.by_ingress.find(ref_of(*o));
        if (r != rendered.by_ingress.end()) out += r->second;
      }
    }
  }
  return out;
}

}  // namespace im
