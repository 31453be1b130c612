// The table form of the project summary index: what git-failguard assembles
// for the checks to read. Mapped, not parsed: looking a function or its
// callers up costs a binary search and the parse of what is found, so an
// analysis pays for the functions it asks about, not for the project.
//
// Layout (integers little-endian; offsets into the text area unless said):
//   header    the format line "failguard-index-table-2\n" (24 bytes), the
//             digest (32 hex digits of SHA-256 of everything after the
//             digest), then eighteen u64: the counts of the eight sections
//             below, their file offsets, the file offset of the text area
//             and its size
//   units     per unit, sorted by name: its name and files (JSON text:
//             offset, length), its first record and its number of records,
//             its name (offset, length) (6 x u64)
//   records   every function of every unit, in unit order: its USR (offset
//             u64, length u32), its unit (u32), its summary (JSON text as
//             in the JSON form: offset, length, u64), the file it is
//             defined in (offset, length, u64)
//   lookups   per USR, the record of the definition that wins (the first
//             unit in index order), sorted by USR (u32)
//   callees   per called USR, sorted: the USR (offset u64, length u32, u32
//             zero), its first caller and number of callers (u32, u32)
//   callers   (record of the calling function, index of the call in it),
//             each a u32; only winning definitions call
//   definitions  every record, sorted by USR, then record (u32)
//   all callees  as callees, for every record's calls
//   all calls    as callers, for every record's calls; the index of the
//             call has its top bit set when the call is inside `catch (...)`
//   text      the strings
#ifndef FAILGUARD_LIB_INDEXTABLE_H
#define FAILGUARD_LIB_INDEXTABLE_H

#include "lib/SummaryIndex.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"

#include <map>
#include <memory>
#include <mutex>
#include <set>

namespace failguard {

inline constexpr llvm::StringLiteral IndexTableFormat = "failguard-index-table-2";

/// The digest a table's header holds (32 hex digits of the SHA-256 of the
/// parts, one after the other).
std::string tableDigest(llvm::ArrayRef<llvm::StringRef> Parts);

/// The table of the units of an index, in its order (SummaryIndex::units()
/// of an index made in memory).
std::string writeIndexTable(const SummaryIndex &Index);

class IndexTable {
public:
  /// Whether \p Bytes begin as a table does (any version of the format).
  static bool looksLike(llvm::StringRef Bytes);
  /// The table held by \p Buffer. Only the header and the tables' bounds are
  /// checked here; a record found damaged later is as if it were absent.
  static llvm::Expected<std::unique_ptr<IndexTable>> open(std::unique_ptr<llvm::MemoryBuffer> Buffer);

  llvm::StringRef digest() const { return Digest; }
  size_t unitCount() const { return Counts[Units]; }
  /// The unit \p I whole: its name, files and every function.
  llvm::Expected<UnitSummary> unit(size_t I) const;
  /// The position of the unit named \p Name (units are sorted by name).
  std::optional<size_t> unitNamed(llvm::StringRef Name) const;
  /// The winning definition of \p Usr and its unit (name and files only).
  std::pair<const IndexFunction *, const UnitSummary *> function(llvm::StringRef Usr) const;
  /// The calls of \p Usr in winning definitions, in index order.
  llvm::ArrayRef<SummaryIndex::Caller> callersOf(llvm::StringRef Usr) const;

  /// What the question of which units reach a changed function reads
  /// (unitsReaching): records by number, without parsing them but for
  /// functionAt.
  uint64_t recordCount() const { return Counts[Records]; }
  std::optional<llvm::StringRef> usrAt(uint64_t Record) const { return recordUsr(Record); }
  /// The file the record's function is defined in.
  std::optional<llvm::StringRef> fileAt(uint64_t Record) const;
  /// The record's function, parsed (null: damaged).
  const IndexFunction *functionAt(uint64_t Record) const;
  /// The name of the unit the record belongs to.
  std::optional<llvm::StringRef> unitNameAt(uint64_t Record) const;
  /// The record of the definition of \p Usr that wins.
  std::optional<uint64_t> winnerOf(llvm::StringRef Usr) const;
  /// Every definition of \p Usr, in index order.
  std::vector<uint64_t> definitionsOf(llvm::StringRef Usr) const;
  /// Every call of \p Usr in every record: the calling record, and whether
  /// the call is inside `catch (...)`.
  std::vector<std::pair<uint64_t, bool>> callsOf(llvm::StringRef Usr) const;

  /// Whether the table is whole: its digest is its content's, the units
  /// and functions the lookups search are in order, and each list takes
  /// its items in turn. Reads it all (no parse).
  llvm::Error verify() const;

  /// The table of this one's units but those named \p Dropped, and of the
  /// units \p Added (a unit both kept and added must be the same), as
  /// writeIndexTable writes it, byte for byte. Only the records whose
  /// winning changes are parsed: the cost follows the change, not the
  /// project. The table is trusted (verify() it first). \p Conflict says
  /// whether the error is an added unit that differs from a kept one;
  /// \p UnitsWritten, how many units the new table has.
  llvm::Expected<std::string> amended(const std::set<std::string> &Dropped,
                                      const std::vector<UnitSummary> &Added, bool &Conflict,
                                      size_t *UnitsWritten = nullptr) const;

  /// How many records the lookups above have parsed (for tests).
  size_t recordsRead() const;

private:
  enum Section {
    Units,
    Records,
    Lookups,
    Callees,
    Callers,
    Definitions,
    AllCallees,
    AllCalls,
    NumSections
  };
  explicit IndexTable(std::unique_ptr<llvm::MemoryBuffer> Buffer);

  const char *at(Section S, uint64_t Index) const;
  // Whether the lists of \p Lists (units, callees) take the items of
  // \p Items (records, calls) in turn, each once: what bounds the work of
  // a walk over them by the table's size.
  llvm::Error consecutive(Section Lists, Section Items) const;
  // Each call of a callee section and its calls section: (callee, calling
  // record, the call's field); an error when one lies outside the table.
  llvm::Error eachCall(Section CalleeSection, Section CallSection,
                       llvm::function_ref<void(llvm::StringRef, uint64_t, uint32_t)> Each) const;
  // The entries of a section sorted by the string \p KeyOf gives each
  // (none: damaged): the range whose key is \p Key.
  std::pair<uint64_t, uint64_t>
  range(Section S, llvm::StringRef Key,
        llvm::function_ref<std::optional<llvm::StringRef>(uint64_t)> KeyOf) const;
  std::optional<llvm::StringRef> text(uint64_t Offset, uint64_t Length) const;
  std::optional<llvm::StringRef> recordUsr(uint64_t Record) const;
  // Parsed under Mutex.
  const IndexFunction *record(uint64_t Record) const;
  const UnitSummary *unitHeader(uint64_t Unit) const;
  llvm::Expected<UnitSummary> parseUnitHeader(uint64_t Unit) const;

  std::unique_ptr<llvm::MemoryBuffer> Buffer;
  std::string Digest;
  uint64_t Counts[NumSections] = {};
  uint64_t Offsets[NumSections] = {};
  uint64_t TextOffset = 0, TextSize = 0;

  mutable std::mutex Mutex;
  // Null: damaged.
  // Keyed by numbers checked against the counts (below the map's reserved
  // keys).
  mutable std::map<uint64_t, std::unique_ptr<IndexFunction>> Parsed;
  mutable std::map<uint64_t, std::unique_ptr<UnitSummary>> Headers;
  mutable llvm::StringMap<std::vector<SummaryIndex::Caller>> CallerLists;
  mutable bool WarnedDamaged = false;
};

} // namespace failguard

#endif
