// Fuzzes the project summary index reader and the composition over it: an
// index file is read from a cache or a CI artifact, so nothing in it may
// crash the checks or send them into a loop.
#include "lib/SummaryIndex.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  auto Index =
      failguard::SummaryIndex::parse(llvm::StringRef(reinterpret_cast<const char *>(Data), Size));
  if (!Index) {
    llvm::consumeError(Index.takeError());
    return 0;
  }
  // Whatever was accepted is written back and read again unchanged.
  std::string Written = (*Index)->serialise();
  auto Again = failguard::SummaryIndex::parse(Written);
  if (!Again || (*Again)->serialise() != Written) {
    llvm::errs() << "summary index did not survive a round trip\n";
    std::abort();
  }
  // Every function's escapes compose to an end, every path leads down to a
  // modelled call one hop per call.
  failguard::IndexView View(*Index, nullptr);
  for (const failguard::UnitSummary &Unit : (*Index)->units())
    for (const failguard::IndexFunction &F : Unit.Functions) {
      for (const failguard::RemoteEscape &E : View.escapesOf(F.Usr))
        if (E.Hops.size() != E.Depth + 1) {
          llvm::errs() << "escape of " << F.Usr << " with " << E.Hops.size()
                       << " hops at depth " << E.Depth << "\n";
          std::abort();
        }
      for (const failguard::IndexCall &C : F.Calls)
        (void)View.callersHandling(C.Usr, "std::exception", Unit.Unit);
    }
  return 0;
}
