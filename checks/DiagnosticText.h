// How failguard's diagnostics quote names and list them.
#ifndef FAILGUARD_CHECKS_DIAGNOSTICTEXT_H
#define FAILGUARD_CHECKS_DIAGNOSTICTEXT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <cstddef>
#include <limits>
#include <string>

namespace failguard {

/// 'name'
inline std::string quoted(llvm::StringRef Name) { return ("'" + Name + "'").str(); }

/// "a", "a and b", "a, b and c"; with more items than \p Shown, the first
/// Shown - 1 and "and N more".
inline std::string describeList(llvm::ArrayRef<std::string> Items,
                                size_t Shown = std::numeric_limits<size_t>::max()) {
  std::string Out;
  size_t Listed = Items.size() <= Shown ? Items.size() : Shown - 1;
  for (size_t I = 0; I < Listed; ++I) {
    if (I > 0)
      Out += I + 1 == Listed && Listed == Items.size() ? " and " : ", ";
    Out += Items[I];
  }
  if (Listed < Items.size())
    Out += " and " + std::to_string(Items.size() - Listed) + " more";
  return Out;
}

} // namespace failguard

#endif
