// The table form of the project summary index (layout in IndexTable.h).
#include "lib/IndexTable.h"

#include "lib/SafeRead.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <deque>
#include <tuple>

namespace failguard {

namespace {

constexpr size_t MagicSize = 24;
constexpr size_t DigestSize = 32;
constexpr size_t HeaderSize = MagicSize + DigestSize + 18 * 8;
// Bytes per entry of each section (IndexTable::Section order).
constexpr uint64_t EntrySize[] = {48, 48, 4, 24, 8, 4, 24, 8};
// The flag of a call, in a section of every call, made inside `catch (...)`.
constexpr uint32_t InCatchAll = uint32_t(1) << 31;

llvm::Error damaged(const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Why);
}

uint64_t u64(const char *P) { return llvm::support::endian::read64le(P); }
uint32_t u32(const char *P) { return llvm::support::endian::read32le(P); }

// The text area as it is written.
class TextArea {
public:
  uint64_t add(llvm::StringRef S) {
    uint64_t Offset = Text.size();
    Text += S;
    return Offset;
  }
  std::string Text;
};

void put64(std::string &Out, uint64_t V) {
  char B[8];
  llvm::support::endian::write64le(B, V);
  Out.append(B, 8);
}
void put32(std::string &Out, uint32_t V) {
  char B[4];
  llvm::support::endian::write32le(B, V);
  Out.append(B, 4);
}

std::string jsonText(const llvm::json::Value &V) {
  std::string Text;
  llvm::raw_string_ostream(Text) << V;
  return Text;
}

} // namespace

namespace {

// What a table is assembled from: its units in name order, their records in
// that order, and the calls of the winning records, grouped by callee in
// USR order (in the index's order within a callee).
struct UnitIn {
  llvm::StringRef Name, Header;
  uint64_t Functions;
};
struct RecordIn {
  llvm::StringRef Usr, Summary, File;
  uint32_t Unit;
  bool Wins;
};
struct CallIn {
  llvm::StringRef Callee;
  uint32_t Record, Call; // Call: with InCatchAll in the section of every call
  bool operator<(const CallIn &Other) const {
    return std::tie(Callee, Record, Call) < std::tie(Other.Callee, Other.Record, Other.Call);
  }
};

// Writes \p Calls, grouped by callee in USR order, as a callee section and
// its calls section.
void putCalls(TextArea &Text, std::string &CalleeSection, std::string &CallSection,
              llvm::ArrayRef<CallIn> Calls, uint64_t &Callees) {
  for (size_t I = 0; I < Calls.size();) {
    size_t End = I;
    while (End < Calls.size() && Calls[End].Callee == Calls[I].Callee)
      ++End;
    put64(CalleeSection, Text.add(Calls[I].Callee));
    put32(CalleeSection, uint32_t(Calls[I].Callee.size()));
    put32(CalleeSection, 0);
    put32(CalleeSection, uint32_t(I));
    put32(CalleeSection, uint32_t(End - I));
    for (; I < End; ++I) {
      put32(CallSection, Calls[I].Record);
      put32(CallSection, Calls[I].Call);
    }
    ++Callees;
  }
}

// \p Calls are the calls of the winning records (in the index's order
// within a callee), \p AllCalls those of every record, sorted.
std::string assemble(llvm::ArrayRef<UnitIn> Units, llvm::ArrayRef<RecordIn> Records,
                     llvm::ArrayRef<CallIn> Calls, llvm::ArrayRef<CallIn> AllCalls) {
  TextArea Text;
  std::string Sections[8];
  uint64_t First = 0;
  for (const UnitIn &Unit : Units) {
    put64(Sections[0], Text.add(Unit.Header));
    put64(Sections[0], Unit.Header.size());
    put64(Sections[0], First);
    put64(Sections[0], Unit.Functions);
    put64(Sections[0], Text.add(Unit.Name));
    put64(Sections[0], Unit.Name.size());
    for (uint64_t R = First; R < First + Unit.Functions; ++R) {
      const RecordIn &Record = Records[R];
      put64(Sections[1], Text.add(Record.Usr));
      put32(Sections[1], uint32_t(Record.Usr.size()));
      put32(Sections[1], Record.Unit);
      put64(Sections[1], Text.add(Record.Summary));
      put64(Sections[1], Record.Summary.size());
      put64(Sections[1], Text.add(Record.File));
      put64(Sections[1], Record.File.size());
    }
    First += Unit.Functions;
  }
  // The winning definitions, by USR.
  std::vector<std::pair<llvm::StringRef, uint32_t>> Lookups;
  for (uint32_t R = 0; R < Records.size(); ++R)
    if (Records[R].Wins)
      Lookups.emplace_back(Records[R].Usr, R);
  llvm::sort(Lookups);
  for (const auto &[Usr, Record] : Lookups)
    put32(Sections[2], Record);
  uint64_t Called = 0, AllCalled = 0;
  putCalls(Text, Sections[3], Sections[4], Calls, Called);
  // Every definition, by USR.
  std::vector<std::pair<llvm::StringRef, uint32_t>> Definitions;
  for (uint32_t R = 0; R < Records.size(); ++R)
    Definitions.emplace_back(Records[R].Usr, R);
  llvm::sort(Definitions);
  for (const auto &[Usr, Record] : Definitions)
    put32(Sections[5], Record);
  putCalls(Text, Sections[6], Sections[7], AllCalls, AllCalled);
  uint64_t Counts[8] = {Units.size(), Records.size(), Lookups.size(), Called, Calls.size(),
                        Definitions.size(), AllCalled, AllCalls.size()};
  std::string Body;
  uint64_t Offset = HeaderSize;
  std::string Fields;
  for (uint64_t Count : Counts)
    put64(Fields, Count);
  for (const std::string &Section : Sections) {
    put64(Fields, Offset);
    Offset += Section.size();
  }
  put64(Fields, Offset);
  put64(Fields, Text.Text.size());
  for (const std::string &Section : Sections)
    Body += Section;
  Body += Text.Text;
  std::string Digest = tableDigest({Fields, Body});
  std::string Out = (IndexTableFormat + "\n").str();
  Out += Digest;
  Out += Fields;
  Out += Body;
  return Out;
}

// Call \p K of a function as the section of every call holds it.
uint32_t callField(const IndexCall &Call, size_t K) {
  return uint32_t(K) | (llvm::is_contained(Call.Handlers, "...") ? InCatchAll : 0);
}

// A unit's header as a table holds it: the unit without its functions.
std::string headerText(const UnitSummary &Unit) {
  llvm::json::Object Files;
  for (const auto &[Path, Blob] : Unit.Files)
    Files[Path] = Blob;
  return jsonText(llvm::json::Object{{"unit", Unit.Unit}, {"files", std::move(Files)}});
}

} // namespace

std::string tableDigest(llvm::ArrayRef<llvm::StringRef> Parts) {
  // OpenSSL's SHA-256 uses the CPU's SHA instructions where there are some:
  // on a 27 MB table, 0.016 s against LLVM's 0.066 s (docs/index.md).
  std::array<uint8_t, 32> Sum;
  unsigned Length = 0;
  EVP_MD_CTX *Context = EVP_MD_CTX_new();
  bool Done = Context && EVP_DigestInit_ex(Context, EVP_sha256(), nullptr) == 1;
  for (llvm::StringRef Part : Parts)
    Done = Done && EVP_DigestUpdate(Context, Part.data(), Part.size()) == 1;
  Done = Done && EVP_DigestFinal_ex(Context, Sum.data(), &Length) == 1 && Length == Sum.size();
  EVP_MD_CTX_free(Context);
  if (!Done) {
    llvm::SHA256 Hash;
    for (llvm::StringRef Part : Parts)
      Hash.update(Part);
    return llvm::toHex(Hash.final(), /*LowerCase=*/true).substr(0, DigestSize);
  }
  return llvm::toHex(Sum, /*LowerCase=*/true).substr(0, DigestSize);
}

std::string writeIndexTable(const SummaryIndex &Index) {
  // By name, whatever the index's order (its units refreshed in process
  // first): which definition wins was decided by that order, below.
  std::vector<const UnitSummary *> All;
  for (const UnitSummary &Unit : Index.units())
    All.push_back(&Unit);
  llvm::sort(All, [](const UnitSummary *A, const UnitSummary *B) { return A->Unit < B->Unit; });
  std::vector<std::string> Texts;
  Texts.reserve(All.size());
  std::vector<UnitIn> Units;
  std::vector<RecordIn> Records;
  llvm::DenseMap<const IndexFunction *, uint32_t> RecordOf;
  std::vector<llvm::StringRef> Called;
  std::vector<CallIn> AllCalls;
  for (size_t U = 0; U < All.size(); ++U) {
    const UnitSummary &Unit = *All[U];
    Texts.push_back(headerText(Unit));
    Units.push_back({Unit.Unit, Texts.back(), Unit.Functions.size()});
  }
  std::vector<std::string> Summaries;
  for (const UnitSummary *Unit : All)
    for (const IndexFunction &F : Unit->Functions)
      Summaries.push_back(jsonText(functionToJSON(F)));
  size_t Next = 0;
  for (size_t U = 0; U < All.size(); ++U)
    for (const IndexFunction &F : All[U]->Functions) {
      bool Wins = Index.function(F.Usr).first == &F;
      RecordOf[&F] = uint32_t(Records.size());
      for (size_t K = 0; K < F.Calls.size(); ++K)
        AllCalls.push_back({F.Calls[K].Usr, uint32_t(Records.size()), callField(F.Calls[K], K)});
      Records.push_back({F.Usr, Summaries[Next++], F.At.File, uint32_t(U), Wins});
      if (Wins)
        for (const IndexCall &C : F.Calls)
          Called.push_back(C.Usr);
    }
  llvm::sort(AllCalls);
  // The callers of each callee in the index's order.
  llvm::sort(Called);
  Called.erase(std::unique(Called.begin(), Called.end()), Called.end());
  std::vector<CallIn> Calls;
  for (llvm::StringRef Usr : Called)
    for (const SummaryIndex::Caller &C : Index.callersOf(Usr))
      Calls.push_back({Usr, RecordOf[C.Function], uint32_t(C.Call - C.Function->Calls.data())});
  return assemble(Units, Records, Calls, AllCalls);
}

llvm::Expected<std::string> IndexTable::amended(const std::set<std::string> &Dropped,
                                                const std::vector<UnitSummary> &Added,
                                                bool &Conflict, size_t *UnitsWritten) const {
  Conflict = false;
  if (llvm::Error E = consecutive(Units, Records))
    return std::move(E);
  // The units kept, by their number here, and the units added, by name.
  std::vector<std::pair<llvm::StringRef, int64_t>> Merged; // >= 0: kept; < 0: ~added
  std::set<std::string> Found;
  auto Text = [&](const char *At) { return text(u64(At), u64(At + 8)); };
  std::map<std::string, size_t> AddedByName;
  for (size_t I = 0; I < Added.size(); ++I)
    if (!AddedByName.try_emplace(Added[I].Unit, I).second)
      return damaged("two added units named '" + Added[I].Unit + "'");
  for (uint64_t U = 0; U < Counts[Units]; ++U) {
    std::optional<llvm::StringRef> Name = Text(at(Units, U) + 32);
    if (!Name)
      return damaged("a unit outside the table");
    if (Dropped.count(Name->str())) {
      Found.insert(Name->str());
      continue;
    }
    auto Same = AddedByName.find(Name->str());
    if (Same != AddedByName.end()) {
      // Kept and added: one unit when its summaries are the same.
      auto Kept = unit(U);
      if (!Kept)
        return Kept.takeError();
      if (jsonText(toJSON(*Kept)) != jsonText(toJSON(Added[Same->second]))) {
        Conflict = true;
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       "unit '" + Same->first +
                                           "' differs between the base and an added index: "
                                           "they were built from different content");
      }
      AddedByName.erase(Same);
    }
    Merged.emplace_back(*Name, int64_t(U));
  }
  for (const std::string &Name : Dropped)
    if (!Found.count(Name))
      return damaged("no unit '" + Name + "' to drop");
  for (const auto &[Name, I] : AddedByName)
    Merged.emplace_back(Added[I].Unit, ~int64_t(I));
  // Names are unique here: a kept unit that was also added is kept once.
  llvm::sort(Merged, [](const auto &A, const auto &B) { return A.first < B.first; });

  std::vector<UnitIn> NewUnits;
  std::vector<RecordIn> NewRecords;
  std::deque<std::string> Texts;
  // Per record: the record it was here (or -1), and the function it is
  // when it was added (else null).
  std::vector<int64_t> WasRecord;
  std::vector<const IndexFunction *> AddedFunction;
  for (const auto &[Name, Source] : Merged) {
    uint32_t U = uint32_t(NewUnits.size());
    if (Source < 0) {
      const UnitSummary &Unit = Added[size_t(~Source)];
      Texts.push_back(headerText(Unit));
      NewUnits.push_back({Unit.Unit, Texts.back(), Unit.Functions.size()});
      for (const IndexFunction &F : Unit.Functions) {
        Texts.push_back(jsonText(functionToJSON(F)));
        NewRecords.push_back({F.Usr, Texts.back(), F.At.File, U, false});
        WasRecord.push_back(-1);
        AddedFunction.push_back(&F);
      }
      continue;
    }
    const char *At = at(Units, uint64_t(Source));
    std::optional<llvm::StringRef> Header = Text(At);
    uint64_t First = u64(At + 16), Count = u64(At + 24);
    if (!Header || First > Counts[Records] || Count > Counts[Records] - First)
      return damaged("unit '" + Name + "': outside the table");
    NewUnits.push_back({Name, *Header, Count});
    for (uint64_t R = First; R < First + Count; ++R) {
      const char *Rec = at(Records, R);
      std::optional<llvm::StringRef> Usr = recordUsr(R);
      std::optional<llvm::StringRef> Summary = text(u64(Rec + 16), u64(Rec + 24));
      std::optional<llvm::StringRef> File = text(u64(Rec + 32), u64(Rec + 40));
      if (!Usr || !Summary || !File)
        return damaged("unit '" + Name + "': a function outside the table");
      NewRecords.push_back({*Usr, *Summary, *File, U, false});
      WasRecord.push_back(int64_t(R));
      AddedFunction.push_back(nullptr);
    }
  }
  if (NewRecords.size() > UINT32_MAX)
    return damaged("a table too large");
  // The first definition of each USR wins, as in an index made in memory.
  llvm::StringMap<uint32_t> Winner;
  for (uint32_t R = 0; R < NewRecords.size(); ++R)
    NewRecords[R].Wins = Winner.try_emplace(NewRecords[R].Usr, R).second;
  std::vector<bool> WonHere(Counts[Records], false);
  for (uint64_t I = 0; I < Counts[Lookups]; ++I) {
    uint64_t R = u32(at(Lookups, I));
    if (R >= Counts[Records])
      return damaged("a lookup outside the table");
    WonHere[R] = true;
  }
  std::vector<int64_t> NowRecord(Counts[Records], -1);
  for (uint32_t R = 0; R < NewRecords.size(); ++R)
    if (WasRecord[R] >= 0)
      NowRecord[uint64_t(WasRecord[R])] = R;
  // The calls of a record that won here and still wins are in this table's
  // callers; the others' are read from their summaries.
  std::vector<CallIn> Calls;
  if (llvm::Error E = eachCall(Callees, Callers, [&](llvm::StringRef Usr, uint64_t Was,
                                                     uint32_t Call) {
        int64_t Now = NowRecord[Was];
        if (Now >= 0 && NewRecords[size_t(Now)].Wins)
          Calls.push_back({Usr, uint32_t(Now), Call});
      }))
    return std::move(E);
  // Every call: those of the records kept are in this table's section of
  // every call; those of the records added, in their summaries.
  std::vector<CallIn> EveryCall;
  if (llvm::Error E = eachCall(AllCallees, AllCalls, [&](llvm::StringRef Usr, uint64_t Was,
                                                         uint32_t Call) {
        if (NowRecord[Was] >= 0)
          EveryCall.push_back({Usr, uint32_t(NowRecord[Was]), Call});
      }))
    return std::move(E);
  for (uint32_t R = 0; R < NewRecords.size(); ++R)
    if (const IndexFunction *F = AddedFunction[R])
      for (size_t K = 0; K < F->Calls.size(); ++K)
        EveryCall.push_back({F->Calls[K].Usr, R, callField(F->Calls[K], K)});
  llvm::sort(EveryCall);
  std::deque<IndexFunction> Read;
  for (uint32_t R = 0; R < NewRecords.size(); ++R) {
    if (!NewRecords[R].Wins || (WasRecord[R] >= 0 && WonHere[uint64_t(WasRecord[R])]))
      continue;
    const IndexFunction *F = AddedFunction[R];
    if (!F) {
      auto Value = parseJSONBounded(NewRecords[R].Summary);
      if (!Value)
        return Value.takeError();
      auto Parsed = functionFromJSON(*Value, NewUnits[NewRecords[R].Unit].Name);
      if (!Parsed)
        return Parsed.takeError();
      Read.push_back(std::move(*Parsed));
      F = &Read.back();
    }
    for (size_t K = 0; K < F->Calls.size(); ++K)
      Calls.push_back({F->Calls[K].Usr, R, uint32_t(K)});
  }
  // Within a callee, in the index's order: by calling record, then call.
  llvm::sort(Calls);
  if (UnitsWritten)
    *UnitsWritten = NewUnits.size();
  return assemble(NewUnits, NewRecords, Calls, EveryCall);
}

bool IndexTable::looksLike(llvm::StringRef Bytes) {
  return Bytes.starts_with("failguard-index-table-");
}

IndexTable::IndexTable(std::unique_ptr<llvm::MemoryBuffer> TheBuffer)
    : Buffer(std::move(TheBuffer)) {}

llvm::Expected<std::unique_ptr<IndexTable>>
IndexTable::open(std::unique_ptr<llvm::MemoryBuffer> Buffer) {
  llvm::StringRef Bytes = Buffer->getBuffer();
  if (!Bytes.starts_with((IndexTableFormat + "\n").str())) {
    llvm::StringRef Format = Bytes.take_until([](char C) { return C == '\n'; }).take_front(40);
    return damaged("format '" + Format + "', this failguard reads '" + IndexTableFormat + "'");
  }
  if (Bytes.size() < HeaderSize)
    return damaged("a table cut short");
  std::unique_ptr<IndexTable> Table(new IndexTable(std::move(Buffer)));
  const char *P = Bytes.data() + MagicSize;
  Table->Digest = std::string(P, DigestSize);
  P += DigestSize;
  for (uint64_t &Count : Table->Counts) {
    Count = u64(P);
    P += 8;
  }
  for (uint64_t &Offset : Table->Offsets) {
    Offset = u64(P);
    P += 8;
  }
  Table->TextOffset = u64(P);
  Table->TextSize = u64(P + 8);
  uint64_t Size = Bytes.size();
  for (int S = 0; S < NumSections; ++S) {
    uint64_t Offset = Table->Offsets[S], Count = Table->Counts[S];
    if (Offset < HeaderSize || Offset > Size || Count > (Size - Offset) / EntrySize[S])
      return damaged("a table whose sections lie outside it");
  }
  if (Table->TextOffset < HeaderSize || Table->TextOffset > Size ||
      Table->TextSize > Size - Table->TextOffset)
    return damaged("a table whose text lies outside it");
  if (Table->Counts[Records] > UINT32_MAX || Table->Counts[Units] > UINT32_MAX)
    return damaged("a table too large");
  return std::move(Table);
}

const char *IndexTable::at(Section S, uint64_t Index) const {
  return Buffer->getBufferStart() + Offsets[S] + Index * EntrySize[S];
}

std::optional<llvm::StringRef> IndexTable::text(uint64_t Offset, uint64_t Length) const {
  if (Offset > TextSize || Length > TextSize - Offset)
    return std::nullopt;
  return llvm::StringRef(Buffer->getBufferStart() + TextOffset + Offset, Length);
}

std::optional<llvm::StringRef> IndexTable::recordUsr(uint64_t Record) const {
  if (Record >= Counts[Records])
    return std::nullopt;
  const char *R = at(Records, Record);
  return text(u64(R), u32(R + 8));
}

llvm::Expected<UnitSummary> IndexTable::parseUnitHeader(uint64_t Unit) const {
  if (Unit >= Counts[Units])
    return damaged("no unit " + llvm::Twine(Unit));
  const char *U = at(Units, Unit);
  std::optional<llvm::StringRef> Header = text(u64(U), u64(U + 8));
  if (!Header)
    return damaged("a unit outside the table");
  auto Value = parseJSONBounded(*Header);
  if (!Value)
    return Value.takeError();
  const llvm::json::Object *O = Value->getAsObject();
  // The header is a unit without functions.
  if (!O)
    return damaged("a malformed unit");
  llvm::json::Object Whole = *O;
  Whole["functions"] = llvm::json::Array();
  return unitFromJSON(llvm::json::Value(std::move(Whole)));
}

llvm::Expected<UnitSummary> IndexTable::unit(size_t I) const {
  auto Unit = parseUnitHeader(I);
  if (!Unit)
    return Unit.takeError();
  const char *U = at(Units, I);
  if (text(u64(U + 32), u64(U + 40)) != std::optional<llvm::StringRef>(Unit->Unit))
    return damaged("unit '" + Unit->Unit + "' listed under another name");
  uint64_t First = u64(U + 16), Count = u64(U + 24);
  if (First > Counts[Records] || Count > Counts[Records] - First)
    return damaged("unit '" + Unit->Unit + "': functions outside the table");
  for (uint64_t R = First; R < First + Count; ++R) {
    const char *Rec = at(Records, R);
    std::optional<llvm::StringRef> Summary = text(u64(Rec + 16), u64(Rec + 24));
    if (!Summary)
      return damaged("unit '" + Unit->Unit + "': a function outside the table");
    auto Value = parseJSONBounded(*Summary);
    if (!Value)
      return Value.takeError();
    auto F = functionFromJSON(*Value, Unit->Unit);
    if (!F)
      return F.takeError();
    Unit->Functions.push_back(std::move(*F));
  }
  return Unit;
}

const UnitSummary *IndexTable::unitHeader(uint64_t Unit) const {
  // A unit number read from the file is checked before it becomes a key.
  if (Unit >= Counts[Units])
    return nullptr;
  auto [It, New] = Headers.try_emplace(Unit, nullptr);
  if (New) {
    if (auto Header = parseUnitHeader(Unit))
      It->second = std::make_unique<UnitSummary>(std::move(*Header));
    else
      llvm::consumeError(Header.takeError());
  }
  return It->second.get();
}

const IndexFunction *IndexTable::record(uint64_t Record) const {
  if (Record >= Counts[Records])
    return nullptr;
  auto [It, New] = Parsed.try_emplace(Record, nullptr);
  if (!New)
    return It->second.get();
  const char *R = at(Records, Record);
  const UnitSummary *Unit = unitHeader(u32(R + 12));
  std::optional<llvm::StringRef> Summary = text(u64(R + 16), u64(R + 24));
  std::optional<llvm::StringRef> Usr = recordUsr(Record);
  if (Unit && Summary && Usr) {
    if (auto Value = parseJSONBounded(*Summary)) {
      if (auto F = functionFromJSON(*Value, Unit->Unit)) {
        if (F->Usr == *Usr)
          It->second = std::make_unique<IndexFunction>(std::move(*F));
      } else {
        llvm::consumeError(F.takeError());
      }
    } else {
      llvm::consumeError(Value.takeError());
    }
  }
  if (!It->second && !WarnedDamaged) {
    WarnedDamaged = true;
    llvm::errs() << "failguard: warning: the summary index has a damaged entry; the functions "
                    "it holds are unknown (opaque)\n";
  }
  return It->second.get();
}

std::pair<const IndexFunction *, const UnitSummary *>
IndexTable::function(llvm::StringRef Usr) const {
  // The lookups are sorted by the USR of the record each names.
  uint64_t Low = 0, High = Counts[Lookups];
  while (Low < High) {
    uint64_t Mid = Low + (High - Low) / 2;
    std::optional<llvm::StringRef> Key = recordUsr(u32(at(Lookups, Mid)));
    if (!Key)
      return {nullptr, nullptr};
    if (*Key < Usr)
      Low = Mid + 1;
    else
      High = Mid;
  }
  if (Low == Counts[Lookups])
    return {nullptr, nullptr};
  uint64_t Record = u32(at(Lookups, Low));
  if (recordUsr(Record) != std::optional<llvm::StringRef>(Usr))
    return {nullptr, nullptr};
  std::lock_guard<std::mutex> Lock(Mutex);
  const IndexFunction *F = record(Record);
  if (!F)
    return {nullptr, nullptr};
  return {F, unitHeader(u32(at(Records, Record) + 12))};
}

llvm::ArrayRef<SummaryIndex::Caller> IndexTable::callersOf(llvm::StringRef Usr) const {
  uint64_t Low = 0, High = Counts[Callees];
  auto CalleeUsr = [&](uint64_t I) {
    const char *C = at(Callees, I);
    return text(u64(C), u32(C + 8));
  };
  while (Low < High) {
    uint64_t Mid = Low + (High - Low) / 2;
    std::optional<llvm::StringRef> Key = CalleeUsr(Mid);
    if (!Key)
      return {};
    if (*Key < Usr)
      Low = Mid + 1;
    else
      High = Mid;
  }
  if (Low == Counts[Callees] || CalleeUsr(Low) != std::optional<llvm::StringRef>(Usr))
    return {};
  std::lock_guard<std::mutex> Lock(Mutex);
  auto [It, New] = CallerLists.try_emplace(Usr);
  if (!New)
    return It->second;
  const char *C = at(Callees, Low);
  uint64_t First = u32(C + 16), Count = u32(C + 20);
  if (First > Counts[Callers] || Count > Counts[Callers] - First)
    return {};
  for (uint64_t I = First; I < First + Count; ++I) {
    const char *Entry = at(Callers, I);
    uint64_t Record = u32(Entry), Call = u32(Entry + 4);
    if (Record >= Counts[Records])
      continue;
    const IndexFunction *F = record(Record);
    const UnitSummary *Unit = unitHeader(u32(at(Records, Record) + 12));
    if (!F || !Unit || Call >= F->Calls.size() || F->Calls[Call].Usr != Usr)
      continue;
    It->second.push_back({F, Unit, &F->Calls[Call]});
  }
  return It->second;
}

llvm::Error IndexTable::verify() const {
  llvm::StringRef Bytes = Buffer->getBuffer();
  if (tableDigest({Bytes.drop_front(MagicSize + DigestSize)}) != Digest)
    return damaged("a table whose content is not what its digest says");
  // What the lookups rest on: every unit's name, and the sections sorted.
  std::optional<llvm::StringRef> Previous;
  for (uint64_t I = 0; I < Counts[Units]; ++I) {
    const char *U = at(Units, I);
    std::optional<llvm::StringRef> Name = text(u64(U + 32), u64(U + 40));
    if (!Name || (Previous && !(*Previous < *Name)))
      return damaged("a table whose units are damaged or out of order");
    Previous = Name;
  }
  Previous.reset();
  for (uint64_t I = 0; I < Counts[Lookups]; ++I) {
    std::optional<llvm::StringRef> Usr = recordUsr(u32(at(Lookups, I)));
    if (!Usr || (Previous && !(*Previous < *Usr)))
      return damaged("a table whose functions are damaged or out of order");
    Previous = Usr;
  }
  for (auto [Lists, Items] : {std::pair(Units, Records), std::pair(Callees, Callers),
                              std::pair(AllCallees, AllCalls)})
    if (llvm::Error E = consecutive(Lists, Items))
      return E;
  Previous.reset();
  for (uint64_t I = 0; I < Counts[Definitions]; ++I) {
    std::optional<llvm::StringRef> Usr = recordUsr(u32(at(Definitions, I)));
    if (!Usr || (Previous && *Usr < *Previous))
      return damaged("a table whose definitions are damaged or out of order");
    Previous = Usr;
  }
  Previous.reset();
  for (uint64_t I = 0; I < Counts[AllCallees]; ++I) {
    const char *C = at(AllCallees, I);
    std::optional<llvm::StringRef> Usr = text(u64(C), u32(C + 8));
    if (!Usr || (Previous && !(*Previous < *Usr)))
      return damaged("a table whose calls are damaged or out of order");
    Previous = Usr;
  }
  return llvm::Error::success();
}

std::optional<size_t> IndexTable::unitNamed(llvm::StringRef Name) const {
  auto [First, End] = range(Units, Name, [&](uint64_t I) {
    const char *U = at(Units, I);
    return text(u64(U + 32), u64(U + 40));
  });
  if (First == End)
    return std::nullopt;
  return First;
}

llvm::Error IndexTable::consecutive(Section Lists, Section Items) const {
  // Units list records (u64 fields at 16 and 24), callees calls (u32 at 16
  // and 20).
  bool Wide = Lists == Units;
  uint64_t Next = 0;
  for (uint64_t I = 0; I < Counts[Lists]; ++I) {
    const char *L = at(Lists, I);
    uint64_t First = Wide ? u64(L + 16) : u32(L + 16), Count = Wide ? u64(L + 24) : u32(L + 20);
    if (First != Next || Count > Counts[Items] - First)
      return damaged("a table whose lists overlap or leave gaps");
    Next = First + Count;
  }
  if (Next != Counts[Items])
    return damaged("a table whose lists overlap or leave gaps");
  return llvm::Error::success();
}

llvm::Error IndexTable::eachCall(
    Section CalleeSection, Section CallSection,
    llvm::function_ref<void(llvm::StringRef, uint64_t, uint32_t)> Each) const {
  if (llvm::Error E = consecutive(CalleeSection, CallSection))
    return E;
  for (uint64_t C = 0; C < Counts[CalleeSection]; ++C) {
    const char *Callee = at(CalleeSection, C);
    std::optional<llvm::StringRef> Usr = text(u64(Callee), u32(Callee + 8));
    uint64_t First = u32(Callee + 16), Count = u32(Callee + 20);
    if (!Usr)
      return damaged("a callee outside the table");
    for (uint64_t I = First; I < First + Count; ++I) {
      const char *Entry = at(CallSection, I);
      uint64_t Record = u32(Entry);
      if (Record >= Counts[Records])
        return damaged("a caller outside the table");
      Each(*Usr, Record, u32(Entry + 4));
    }
  }
  return llvm::Error::success();
}

std::pair<uint64_t, uint64_t>
IndexTable::range(Section S, llvm::StringRef Key,
                  llvm::function_ref<std::optional<llvm::StringRef>(uint64_t)> KeyOf) const {
  auto Bound = [&](bool Upper) -> std::optional<uint64_t> {
    uint64_t Low = 0, High = Counts[S];
    while (Low < High) {
      uint64_t Mid = Low + (High - Low) / 2;
      std::optional<llvm::StringRef> At = KeyOf(Mid);
      if (!At)
        return std::nullopt;
      if (Upper ? !(Key < *At) : *At < Key)
        Low = Mid + 1;
      else
        High = Mid;
    }
    return Low;
  };
  std::optional<uint64_t> First = Bound(false), End = Bound(true);
  if (!First || !End || *End < *First)
    return {0, 0};
  return {*First, *End};
}

std::optional<llvm::StringRef> IndexTable::fileAt(uint64_t Record) const {
  if (Record >= Counts[Records])
    return std::nullopt;
  const char *R = at(Records, Record);
  return text(u64(R + 32), u64(R + 40));
}

const IndexFunction *IndexTable::functionAt(uint64_t Record) const {
  std::lock_guard<std::mutex> Lock(Mutex);
  return record(Record);
}

std::optional<llvm::StringRef> IndexTable::unitNameAt(uint64_t Record) const {
  if (Record >= Counts[Records])
    return std::nullopt;
  uint64_t Unit = u32(at(Records, Record) + 12);
  if (Unit >= Counts[Units])
    return std::nullopt;
  const char *U = at(Units, Unit);
  return text(u64(U + 32), u64(U + 40));
}

std::optional<uint64_t> IndexTable::winnerOf(llvm::StringRef Usr) const {
  auto [First, End] = range(Lookups, Usr, [&](uint64_t I) { return recordUsr(u32(at(Lookups, I))); });
  if (First == End)
    return std::nullopt;
  return u32(at(Lookups, First));
}

std::vector<uint64_t> IndexTable::definitionsOf(llvm::StringRef Usr) const {
  auto [First, End] =
      range(Definitions, Usr, [&](uint64_t I) { return recordUsr(u32(at(Definitions, I))); });
  std::vector<uint64_t> Result;
  for (uint64_t I = First; I < End; ++I)
    Result.push_back(u32(at(Definitions, I)));
  return Result;
}

std::vector<std::pair<uint64_t, bool>> IndexTable::callsOf(llvm::StringRef Usr) const {
  auto [First, End] = range(AllCallees, Usr, [&](uint64_t I) {
    const char *C = at(AllCallees, I);
    return text(u64(C), u32(C + 8));
  });
  std::vector<std::pair<uint64_t, bool>> Result;
  if (First == End)
    return Result;
  const char *C = at(AllCallees, First);
  uint64_t Begin = u32(C + 16), Count = u32(C + 20);
  if (Begin > Counts[AllCalls] || Count > Counts[AllCalls] - Begin)
    return Result;
  for (uint64_t I = Begin; I < Begin + Count; ++I) {
    const char *Entry = at(AllCalls, I);
    Result.emplace_back(u32(Entry), (u32(Entry + 4) & InCatchAll) != 0);
  }
  return Result;
}

size_t IndexTable::recordsRead() const {
  std::lock_guard<std::mutex> Lock(Mutex);
  return Parsed.size();
}

} // namespace failguard
