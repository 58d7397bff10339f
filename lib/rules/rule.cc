#include "rules/rule.h"

namespace im {

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Converted: return "converted";
    case Verdict::Partial: return "partial";
    case Verdict::None: return "none";
  }
  return "none";
}

}  // namespace im
