// How failguard's diagnostics quote names and list them.
#ifndef FAILGUARD_CHECKS_DIAGNOSTICTEXT_H
#define FAILGUARD_CHECKS_DIAGNOSTICTEXT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include <cstddef>
#include <limits>
#include <string>

namespace failguard {

/// 'name'
inline std::string quoted(llvm::StringRef Name) { return ("'" + Name + "'").str(); }

/// "a", "a and b", "a, b and c"; with more items than \p Shown, the first
/// Shown - 1 and "and N more" ("N more" when Shown is 0 or 1).
inline std::string describeList(llvm::ArrayRef<std::string> Items,
                                size_t Shown = std::numeric_limits<size_t>::max()) {
  std::string Out;
  size_t Listed = Items.size() <= Shown ? Items.size() : Shown > 1 ? Shown - 1 : 0;
  for (size_t I = 0; I < Listed; ++I) {
    if (I > 0)
      Out += I + 1 == Listed && Listed == Items.size() ? " and " : ", ";
    Out += Items[I];
  }
  if (Listed < Items.size())
    Out += (Listed > 0 ? " and " : "") + std::to_string(Items.size() - Listed) + " more";
  return Out;
}

} // namespace failguard

#endif
