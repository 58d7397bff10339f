#pragma once
// Reading parsed documents into the model: the objects the converter needs,
// and a count of everything else.

#include <map>
#include <string>
#include <vector>

#include "diag/finding.h"
#include "model/ingress.h"
#include "parse/document.h"

namespace im {

struct Inventory {
  std::vector<Ingress> ingresses;
  std::vector<IngressClass> classes;
  std::vector<Service> services;
  std::vector<ConfigMap> config_maps;
  /// Objects of other kinds, counted by "apiVersion/Kind".
  std::map<std::string, size_t> skipped;
  size_t documents = 0;

  size_t skipped_total() const;
  void merge(Inventory&& other);
  /// Sorts objects by namespace/name (then location) so that the result
  /// never depends on the order of the input files.
  void sort();
};

/// Reads one document (expanding `kind: List`) into `inventory`. Problems
/// with the objects become findings; a broken object is skipped, never the
/// whole document.
void read_objects(const Document& doc, Inventory& inventory, Findings& findings);

}  // namespace im
