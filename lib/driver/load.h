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

/// What a DocumentObserver needs of the reader. Stream: every document
/// whole, one at a time, in stream order (verify's Gateway reader). Whole:
/// every document whole, but from several threads at once in no particular
/// order, so a large input is parsed in parallel (lint's and convert's
/// object index, which sorts what it collects). Count: only that a document
/// was read (the progress line): any order, and a document of a kind the
/// inventory only counts may come with just its apiVersion and kind.
enum class ObserverNeeds { Stream, Whole, Count };


/// Expands `paths` (files, directories, "-"), parses every document and
/// reads the objects. Sorted so that the order of the inputs never matters.
/// `exclude` leaves files out (gitignore-style globs, see parse/path_filter.h);
/// files in directories that hold no Kubernetes object are skipped with an
/// info (driver/repository_files.h).
LoadResult load_inputs(const std::vector<std::string>& paths, std::istream& stdin_stream,
                       const ParseLimits& limits, Findings& findings,
                       const DocumentObserver& observe = nullptr,
                       const std::vector<std::string>& exclude = {},
                       ObserverNeeds needs = ObserverNeeds::Stream);

/// The last step of every loader: sorts the inventory, sets input_failed
/// from the loader's own findings `local`, and appends them to `findings`.
void finish_load(LoadResult& result, const Findings& local, Findings& findings);


/// Whether a finding means an input could not be read or parsed.
bool is_input_failure(const Finding& f);

}  // namespace im
