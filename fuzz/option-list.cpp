// Fuzzes the list-option parser and the ApiFunctions option built on it.
#include "lib/ApiModel.h"
#include "lib/OptionList.h"

#include "llvm/ADT/StringRef.h"
#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  // What splitList promises: trimmed, non-empty items free of the separators.
  for (const std::string &Item : failguard::splitList(Text)) {
    llvm::StringRef I(Item);
    if (I.empty() || I != I.trim() || I.find_first_of(";,") != llvm::StringRef::npos)
      abort();
  }
  failguard::ApiModel Model;
  if (llvm::Error E = Model.addFromOption(Text)) {
    // A rejected option adds nothing: the error names the first bad entry.
    llvm::consumeError(std::move(E));
    if (Model.size() != 0)
      abort();
    return 0;
  }
  (void)Model.fingerprint();
  return 0;
}
