#pragma once
// Reading every input named on the command line into one inventory.

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "diag/finding.h"
#include "model/inventory.h"
#include "parse/document.h"

namespace im {

struct LoadResult {
  Inventory inventory;
  bool input_failed = false;  ///< some input could not be read or parsed (exit 2)
};

/// Sees every parsed document of every input, in stream order, after its
/// objects were read; it may add findings about the document (verify reads
/// the Gateway API objects the inventory only counts, lint indexes objects).
using DocumentObserver = std::function<void(const Document&, Findings&)>;

/// How a DocumentObserver may be called. Stream: one document at a time,
/// in stream order (verify's Gateway reader). Any: from several threads at
/// once, in no particular order, so that the documents of a large input
/// are parsed in parallel while observed (lint's and convert's object
/// index, which sorts what it collects).
enum class ObserveOrder { Stream, Any };

/// Expands `paths` (files, directories, "-"), parses every document and
/// reads the objects. Sorted so that the order of the inputs never matters.
/// `exclude` leaves files out (gitignore-style globs, see parse/path_filter.h);
/// files in directories that hold no Kubernetes object are skipped with an
/// info (driver/repository_files.h).
LoadResult load_inputs(const std::vector<std::string>& paths, std::istream& stdin_stream,
                       const ParseLimits& limits, Findings& findings,
                       const DocumentObserver& observe = nullptr,
                       const std::vector<std::string>& exclude = {},
                       ObserveOrder order = ObserveOrder::Stream);

/// The last step of every loader: sorts the inventory, sets input_failed
/// from the loader's own findings `local`, and appends them to `findings`.
void finish_load(LoadResult& result, const Findings& local, Findings& findings);


/// Whether a finding means an input could not be read or parsed.
bool is_input_failure(const Finding& f);

}  // namespace im
