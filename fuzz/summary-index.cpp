// Fuzzes the project summary index reader and the composition over it: an
// index file is read from a cache or a CI artifact, so nothing in it may
// crash the checks or send them into a loop.
#include "lib/IndexTable.h"
#include "lib/SummaryIndex.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>

namespace {

[[noreturn]] void broken(const llvm::Twine &What) {
  llvm::errs() << What << "\n";
  std::abort();
}

// A table read as it comes (its digest not checked: the checks read a
// table by lookup without checking it whole): amending it and asking which
// units reach a file end, with an answer or an error.
void readRawTable(llvm::StringRef Bytes) {
  auto Table = failguard::IndexTable::open(llvm::MemoryBuffer::getMemBufferCopy(Bytes));
  if (!Table) {
    llvm::consumeError(Table.takeError());
    return;
  }
  bool Conflict = false;
  if (auto Amended = (*Table)->amended({}, {}, Conflict); !Amended)
    llvm::consumeError(Amended.takeError());
  if (auto Units = failguard::unitsReaching(**Table, nullptr, {"a.cc", "h.h"}); !Units)
    llvm::consumeError(Units.takeError());
}

// The table written from a good index answers as the index does: without
// its first unit, amended, it is the table written without it (and with it
// added again, the table itself); which units reach the first unit's files,
// without a baseline and against the index less that unit, is the answer of
// every unit.
void checkTable(const failguard::SummaryIndex &Index) {
  const std::vector<failguard::UnitSummary> &Units = Index.units();
  auto Table = failguard::IndexTable::open(llvm::MemoryBuffer::getMemBufferCopy(Index.table()));
  if (!Table)
    broken("a table written from an index does not open: " + llvm::toString(Table.takeError()));
  if (llvm::Error E = (*Table)->verify())
    broken("a table written from an index does not verify: " + llvm::toString(std::move(E)));
  if (Units.empty())
    return;
  std::set<std::string> Files;
  for (const auto &[File, Blob] : Units[0].Files)
    Files.insert(File);
  for (const failguard::IndexFunction &F : Units[0].Functions)
    Files.insert(F.At.File);
  // Without a baseline, and against the index less its first unit.
  std::vector<failguard::UnitSummary> Rest(Units.begin() + 1, Units.end());
  failguard::SummaryIndex Before(Rest);
  for (bool Baseline : {false, true}) {
    auto Reached = failguard::unitsReaching(**Table, Baseline ? &Before : nullptr, Files);
    if (!Reached)
      broken("no answer from a good table: " + llvm::toString(Reached.takeError()));
    if (*Reached != failguard::unitsReaching(Units, Baseline ? &Rest : nullptr, Files))
      broken("the table's answer to reaching differs from every unit's");
  }
  bool Conflict = false;
  auto Amended = (*Table)->amended({Units[0].Unit}, {}, Conflict);
  if (!Amended)
    broken("a good table does not amend: " + llvm::toString(Amended.takeError()));
  if (*Amended != Before.table())
    broken("an amended table differs from the table written whole");
  // The unit dropped and added again: the table it was.
  auto Again = (*Table)->amended({Units[0].Unit}, {Units[0]}, Conflict);
  if (!Again || *Again != Index.table())
    broken("a unit dropped and added again does not give the table back");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Bytes(reinterpret_cast<const char *>(Data), Size);
  if (failguard::IndexTable::looksLike(Bytes))
    readRawTable(Bytes);
  auto Index = failguard::SummaryIndex::parse(Bytes);
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
  if (!(*Index)->isTable())
    checkTable(**Index);
  return 0;
}
