#pragma once
// Writes objects to a stream one at a time, so output never has to be held
// in memory: YAML documents, or a kubectl-style JSON List byte-identical to
// to_json_list().

#include <iosfwd>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "emit/output_files.h"

namespace im {

class ObjectWriter {
 public:
  virtual ~ObjectWriter() = default;
  void write(const nlohmann::ordered_json& obj) { append(render(obj)); }
  /// One object's text; depends on nothing else, so it may run on any thread.
  virtual std::string render(const nlohmann::ordered_json& obj) const = 0;
  /// Adds a rendered object to the stream, after the ones before it.
  virtual void append(const std::string& rendered) = 0;
  /// Completes the stream (the JSON List's closing brackets).
  virtual void finish() = 0;
};

std::unique_ptr<ObjectWriter> make_object_writer(OutputFormat format, std::ostream& out);

}  // namespace im
