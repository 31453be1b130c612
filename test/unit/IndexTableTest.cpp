// Unit tests of the table form of the summary index: it answers as the JSON
// form does, and a lookup reads what it finds, not the project.
#include "lib/IndexTable.h"

#include "gtest/gtest.h"
#include "llvm/ADT/STLExtras.h"

#include <random>
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace failguard;

namespace {

IndexLocation at(const std::string &File, unsigned Line) { return {File, Line, 1}; }

// Units u0.cc .. u<N-1>.cc; unit I defines f<I>, which calls f<I+1>, and the
// last one throws. Every unit also defines the inline `shared`, calling f0.
std::vector<UnitSummary> project(unsigned N) {
  std::vector<UnitSummary> Units;
  for (unsigned I = 0; I < N; ++I) {
    std::string File = "u" + std::to_string(I) + ".cc";
    IndexFunction F{"f" + std::to_string(I), "'f" + std::to_string(I) + "'", at(File, 1), {}, {}};
    if (I + 1 < N) {
      IndexCall C{"f" + std::to_string(I + 1), "'f'", at(File, 2), {}, {}};
      if (I % 3 == 1) {
        C.Handlers = {"std::exception"};
        C.Outcomes["jwt::error::token_verification_exception"] = {CallOutcome::Stopped, "", 7};
      }
      F.Calls.push_back(std::move(C));
    } else {
      F.Throws.push_back({"jwt::error::token_verification_exception", "jwt::decode", at(File, 3)});
    }
    IndexFunction Shared{"shared", "'shared'", at("h.h", I + 1), {}, {}};
    Shared.Calls.push_back({"f0", "'f0'", at("h.h", I + 1), {}, {}});
    Units.push_back({File, {{File, std::to_string(I)}, {"h.h", "9"}}, {F, Shared}});
  }
  return Units;
}

std::shared_ptr<const SummaryIndex> tableOf(const SummaryIndex &Index) {
  auto Read = SummaryIndex::read(llvm::MemoryBuffer::getMemBufferCopy(Index.table()));
  EXPECT_TRUE(bool(Read)) << (Read ? "" : llvm::toString(Read.takeError()));
  return Read ? *Read : nullptr;
}

std::string jsonOf(const IndexFunction *F) {
  if (!F)
    return "null";
  std::string Text;
  llvm::raw_string_ostream(Text) << functionToJSON(*F);
  return Text;
}

} // namespace

TEST(IndexTableTest, AnswersAsTheIndexItWasWrittenFrom) {
  SummaryIndex Memory(project(20));
  auto Table = tableOf(Memory);
  ASSERT_TRUE(Table && Table->isTable());
  for (std::string Usr : {"f0", "f7", "f19", "shared", "absent", ""}) {
    auto [F, Unit] = Table->function(Usr);
    auto [G, Expected] = Memory.function(Usr);
    EXPECT_EQ(jsonOf(F), jsonOf(G)) << Usr;
    if (G) {
      ASSERT_TRUE(Unit);
      EXPECT_EQ(Unit->Unit, Expected->Unit);
      EXPECT_EQ(Unit->Files, Expected->Files);
    }
    llvm::ArrayRef<SummaryIndex::Caller> Callers = Table->callersOf(Usr);
    llvm::ArrayRef<SummaryIndex::Caller> Want = Memory.callersOf(Usr);
    ASSERT_EQ(Callers.size(), Want.size()) << Usr;
    for (size_t I = 0; I < Want.size(); ++I) {
      EXPECT_EQ(Callers[I].Unit->Unit, Want[I].Unit->Unit);
      EXPECT_EQ(Callers[I].Function->Usr, Want[I].Function->Usr);
      EXPECT_EQ(Callers[I].Call->At.Line, Want[I].Call->At.Line);
    }
  }
  // The inline function of every unit is taken from the first unit, and
  // calls f0 once, not once per unit.
  EXPECT_EQ(Table->function("shared").second->Unit, "u0.cc");
  EXPECT_EQ(Table->callersOf("f0").size(), 1u);
  // Whole, it is the same index: every unit with every definition.
  EXPECT_EQ(Table->serialise(), Memory.serialise());
  EXPECT_FALSE(bool(Table->check()));
  // And the same escapes through a view.
  IndexView FromTable(Table, nullptr), FromMemory(std::make_shared<SummaryIndex>(project(20)),
                                                  nullptr);
  for (std::string Usr : {"f0", "f2", "f17", "shared"})
    EXPECT_EQ(FromTable.escapesOf(Usr).size(), FromMemory.escapesOf(Usr).size()) << Usr;
  EXPECT_EQ(FromTable.escapesOf("f17").size(), 1u);
  EXPECT_TRUE(FromTable.escapesOf("f0").empty()); // f1 handles it
}

TEST(IndexTableTest, ALookupReadsWhatItFinds) {
  SummaryIndex Memory(project(3000));
  std::string Bytes = Memory.table();
  auto Buffer = llvm::MemoryBuffer::getMemBufferCopy(Bytes);
  auto Opened = IndexTable::open(std::move(Buffer));
  ASSERT_TRUE(bool(Opened));
  const IndexTable &Table = **Opened;
  EXPECT_EQ(Table.recordsRead(), 0u);
  EXPECT_TRUE(Table.function("f1234").first);
  EXPECT_EQ(Table.recordsRead(), 1u);
  EXPECT_FALSE(Table.function("f99999").first);
  EXPECT_EQ(Table.recordsRead(), 1u);
  // The callers of f1235: f1234 alone (already read).
  EXPECT_EQ(Table.callersOf("f1235").size(), 1u);
  EXPECT_EQ(Table.recordsRead(), 1u);
  EXPECT_EQ(Table.callersOf("f0").size(), 1u); // `shared`, from u0.cc
  EXPECT_EQ(Table.recordsRead(), 2u);
}

TEST(IndexTableTest, DamageIsRefusedOrUnknownNeverMisread) {
  SummaryIndex Memory(project(5));
  std::string Bytes = Memory.table();
  // Cut short, or sections beyond the end: refused when opened.
  for (size_t Size : {size_t(10), size_t(100), Bytes.size() - 1}) {
    auto Opened = IndexTable::open(llvm::MemoryBuffer::getMemBufferCopy(Bytes.substr(0, Size)));
    EXPECT_FALSE(bool(Opened)) << Size;
    if (!Opened)
      llvm::consumeError(Opened.takeError());
  }
  auto Other = SummaryIndex::parse("failguard-index-table-9\nwhatever");
  ASSERT_FALSE(bool(Other));
  EXPECT_NE(llvm::toString(Other.takeError()).find("format 'failguard-index-table-9'"),
            std::string::npos);
  // A summary's text damaged: that function is unknown, the others read, and
  // the whole index does not check.
  std::string Damaged = Bytes;
  size_t F3 = Damaged.rfind("{\"at\":[\"u3.cc\"");
  ASSERT_NE(F3, std::string::npos);
  Damaged[F3] = '[';
  auto Table = SummaryIndex::read(llvm::MemoryBuffer::getMemBufferCopy(Damaged));
  ASSERT_TRUE(bool(Table));
  EXPECT_FALSE((*Table)->function("f3").first);
  EXPECT_TRUE((*Table)->function("f2").first);
  llvm::Error Check = (*Table)->check();
  EXPECT_TRUE(bool(Check));
  llvm::consumeError(std::move(Check));
}

TEST(IndexTableTest, JsonStaysReadable) {
  SummaryIndex Memory(project(4));
  auto Json = SummaryIndex::parse(Memory.serialise());
  ASSERT_TRUE(bool(Json));
  EXPECT_FALSE((*Json)->isTable());
  EXPECT_EQ((*Json)->serialise(), Memory.serialise());
  EXPECT_EQ((*Json)->table(), Memory.table());
}

TEST(IndexTableTest, UnitsAreFoundByNameAndTheIndexOrderDecidesTheWinner) {
  std::vector<UnitSummary> Units = project(50);
  // A refreshed u9.cc (preferred) defines `shared` too, at another line:
  // its definition wins over u0.cc's although u0.cc comes first by name.
  UnitSummary Refreshed = Units[9];
  Refreshed.Functions[1].At.Line = 99;
  Units.erase(Units.begin() + 9);
  SummaryIndex Memory(Units, {Refreshed});
  auto Table = tableOf(Memory);
  ASSERT_TRUE(Table);
  EXPECT_EQ(Table->function("shared").first->At.Line, 99u);
  EXPECT_EQ(Table->function("shared").second->Unit, "u9.cc");
  auto Found = Table->unitNamed("u9.cc");
  ASSERT_TRUE(Found && *Found);
  EXPECT_EQ((*Found)->Functions.size(), 2u);
  EXPECT_EQ((*Found)->Functions[1].At.Line, 99u);
  for (const char *Name : {"u0.cc", "u49.cc", "u10.cc"}) {
    auto Unit = Table->unitNamed(Name);
    ASSERT_TRUE(Unit && *Unit) << Name;
    EXPECT_EQ((*Unit)->Unit, Name);
  }
  for (const char *Name : {"u50.cc", "", "a.cc", "zz.cc"}) {
    auto Unit = Table->unitNamed(Name);
    ASSERT_TRUE(bool(Unit));
    EXPECT_FALSE(*Unit) << Name;
  }
  // Read whole, the units come by name.
  const std::vector<UnitSummary> &All = Table->units();
  ASSERT_EQ(All.size(), 50u);
  EXPECT_TRUE(std::is_sorted(All.begin(), All.end(), [](const UnitSummary &A,
                                                        const UnitSummary &B) {
    return A.Unit < B.Unit;
  }));
}

TEST(IndexTableTest, ChangedUnitsInLevelsCalleesFirst) {
  // u0 -> u1 -> u2 -> u3 -> u4 (f<I> calls f<I+1>), without `shared` (which
  // every unit defines and which calls f0: every unit would call u0).
  std::vector<UnitSummary> Units = project(5);
  for (UnitSummary &Unit : Units)
    Unit.Functions.pop_back();
  // u4 calls f2 too: u2, u3 and u4 call each other (one level).
  Units[4].Functions[0].Calls.push_back({"f2", "'f2'", at("u4.cc", 5), {}, {}});
  auto Table = tableOf(SummaryIndex(Units));
  ASSERT_TRUE(Table);
  auto Levels = unitLevels(*Table, {"u1.cc", "u0.cc", "u3.cc", "u2.cc", "u4.cc", "new.cc"});
  ASSERT_TRUE(bool(Levels));
  using L = std::vector<std::vector<std::string>>;
  EXPECT_EQ(*Levels, (L{{"new.cc", "u2.cc", "u3.cc", "u4.cc"}, {"u1.cc"}, {"u0.cc"}}));
  // Only units whose summaries are pending order the others: with u1's
  // already in the index, u0 waits for u2 (through u1), not for u1.
  auto Partly = unitLevels(*Table, {"u0.cc", "u1.cc", "u2.cc"}, {"u2.cc"});
  ASSERT_TRUE(bool(Partly));
  EXPECT_EQ(*Partly, (L{{"u2.cc"}, {"u0.cc", "u1.cc"}}));
  // Through a unit that is not among them: u0 calls u2 through u1.
  auto Through = unitLevels(*Table, {"u0.cc", "u2.cc"}, {"u2.cc"});
  ASSERT_TRUE(bool(Through));
  EXPECT_EQ(*Through, (L{{"u2.cc"}, {"u0.cc"}}));
  // Units that do not call each other: one level.
  auto Apart = unitLevels(*Table, {"u0.cc", "u1.cc"}, {"u0.cc"});
  ASSERT_TRUE(bool(Apart));
  EXPECT_EQ(*Apart, (L{{"u0.cc", "u1.cc"}}));
  // With `shared` calling f0 from every unit, every unit calls u0, and u1
  // reaches u4 through u2 and u3: they all call each other (one level).
  auto Cycle = unitLevels(*tableOf(SummaryIndex(project(5))), {"u4.cc", "u0.cc", "u1.cc"});
  ASSERT_TRUE(bool(Cycle));
  EXPECT_EQ(*Cycle, (L{{"u0.cc", "u1.cc", "u4.cc"}}));
}

TEST(IndexTableTest, AUnitNumberFromTheFileIsCheckedBeforeUse) {
  SummaryIndex Memory(project(3));
  std::string Bytes = Memory.table();
  // Record 2's unit: the map's reserved keys and beyond the units.
  // The header: format, digest, eight counts, then the sections' offsets.
  uint64_t Records = llvm::support::endian::read64le(Bytes.data() + 24 + 32 + 8 * 8 + 8);
  for (uint32_t Unit : {0xFFFFFFFFu, 0xFFFFFFFEu, 3u}) {
    std::string Damaged = Bytes;
    llvm::support::endian::write32le(&Damaged[Records + 2 * 48 + 12], Unit);
    auto Table = SummaryIndex::read(llvm::MemoryBuffer::getMemBufferCopy(Damaged));
    ASSERT_TRUE(bool(Table));
    // A good lookup first (the caches have slots), then the damaged record.
    std::vector<std::string> Found;
    for (const char *Usr : {"f0", "f1", "f2", "shared"}) {
      auto [F, U] = (*Table)->function(Usr);
      if (F && U)
        Found.push_back(Usr);
    }
    EXPECT_EQ(Found, (std::vector<std::string>{"f0", "f2", "shared"})) << Unit;
    EXPECT_TRUE((*Table)->callersOf("f2").empty()) << Unit; // f1, damaged, called it
    // Whole, it is not what its digest says.
    llvm::Error Verified = (*Table)->verify();
    EXPECT_TRUE(bool(Verified)) << Unit;
    llvm::consumeError(std::move(Verified));
  }
  // The intact table verifies.
  auto Intact = SummaryIndex::read(llvm::MemoryBuffer::getMemBufferCopy(Bytes));
  ASSERT_TRUE(bool(Intact));
  EXPECT_FALSE(bool((*Intact)->verify()));
}

namespace {

// The table of \p Base amended (drop \p Dropped, add \p Added), or why not.
llvm::Expected<std::string> amend(const std::vector<UnitSummary> &Base,
                                  const std::set<std::string> &Dropped,
                                  const std::vector<UnitSummary> &Added, bool &Conflict) {
  auto Opened = IndexTable::open(llvm::MemoryBuffer::getMemBufferCopy(SummaryIndex(Base).table()));
  if (!Opened)
    return Opened.takeError();
  return (*Opened)->amended(Dropped, Added, Conflict);
}

// The table of \p Base less \p Dropped, with \p Added (a unit of both is
// taken once, as a merge does), written whole.
std::string whole(std::vector<UnitSummary> Base, const std::set<std::string> &Dropped,
                  const std::vector<UnitSummary> &Added) {
  llvm::erase_if(Base, [&](const UnitSummary &U) {
    return Dropped.count(U.Unit) != 0 || llvm::any_of(Added, [&](const UnitSummary &A) {
             return A.Unit == U.Unit;
           });
  });
  Base.insert(Base.end(), Added.begin(), Added.end());
  return SummaryIndex(std::move(Base)).table();
}

} // namespace

TEST(IndexTableTest, AnAmendedTableIsTheTableWrittenWhole) {
  std::vector<UnitSummary> Base = project(40);
  // A unit that defines a function twice (the first wins), and one with no
  // functions.
  Base[5].Functions.push_back(Base[5].Functions[0]);
  Base[5].Functions.back().At.Line = 77;
  Base[6].Functions.clear();
  auto Check = [&](const std::set<std::string> &Dropped, const std::vector<UnitSummary> &Added,
                   const char *Case) {
    bool Conflict = true;
    auto Amended = amend(Base, Dropped, Added, Conflict);
    ASSERT_TRUE(bool(Amended)) << Case << ": " << llvm::toString(Amended.takeError());
    EXPECT_FALSE(Conflict) << Case;
    std::string Whole = whole(Base, Dropped, Added);
    EXPECT_TRUE(*Amended == Whole) << Case; // byte for byte, digest included
    // And it reads as the whole index does.
    auto Read = SummaryIndex::read(llvm::MemoryBuffer::getMemBufferCopy(*Amended));
    ASSERT_TRUE(bool(Read)) << Case;
    EXPECT_FALSE(bool((*Read)->check())) << Case;
  };
  Check({}, {}, "nothing changed");
  // u0.cc's `shared` won; dropped, the next unit's definition wins, and its
  // call of f0 is read from its summary.
  Check({"u0.cc"}, {}, "winner dropped");
  // A new u0.cc whose `shared` calls f3 instead: the winner's calls change.
  UnitSummary NewU0 = Base[0];
  NewU0.Functions[1].Calls[0].Usr = "f3";
  NewU0.Functions[0].Throws.push_back({"std::runtime_error", "jwt::decode", at("u0.cc", 9)});
  Check({"u0.cc"}, {NewU0}, "winner replaced");
  // A unit named before every other takes `shared` over; a new function.
  UnitSummary First{"a.cc", {{"a.cc", "1"}}, {Base[3].Functions[1]}};
  First.Functions.push_back({"fresh", "'fresh'", at("a.cc", 2), {}, {}});
  First.Functions.back().Calls.push_back({"f5", "'f5'", at("a.cc", 3), {}, {}});
  Check({}, {First}, "new first unit");
  // The unit with a duplicate definition replaced, several at once, the last
  // unit dropped.
  UnitSummary NewU5 = Base[5];
  NewU5.Functions.erase(NewU5.Functions.begin());
  Check({"u5.cc", "u39.cc", "u6.cc"}, {NewU5, First}, "several");
  // Added unchanged: kept once.
  Check({}, {Base[7]}, "added the same");
}

TEST(IndexTableTest, AnAmendmentThatCannotBeIsRefused) {
  std::vector<UnitSummary> Base = project(5);
  bool Conflict = false;
  // Added under a kept unit's name, with other summaries: a conflict.
  UnitSummary Other = Base[2];
  Other.Functions[0].At.Line = 50;
  auto Amended = amend(Base, {}, {Other}, Conflict);
  ASSERT_FALSE(bool(Amended));
  EXPECT_TRUE(Conflict);
  EXPECT_NE(llvm::toString(Amended.takeError()).find("unit 'u2.cc' differs"), std::string::npos);
  // Dropping a unit the table has not: refused, not a conflict.
  Amended = amend(Base, {"u9.cc"}, {}, Conflict);
  ASSERT_FALSE(bool(Amended));
  EXPECT_FALSE(Conflict);
  EXPECT_NE(llvm::toString(Amended.takeError()).find("no unit 'u9.cc' to drop"),
            std::string::npos);
}

namespace {

// A random project: units that define functions of a small pool (the same
// function in several units, not always alike), in a few files, calling
// each other, unknown functions, inside `catch (...)` or other handlers or
// none; some throw.
std::vector<UnitSummary> randomProject(std::mt19937 &Random, unsigned Units) {
  auto Pick = [&](unsigned N) { return unsigned(Random() % N); };
  const char *Files[] = {"a.h", "b.h", "c.cc", "d.cc", "e.h"};
  std::vector<UnitSummary> Project;
  for (unsigned U = 0; U < Units; ++U) {
    UnitSummary Unit{"u" + std::to_string(U) + ".cc", {{"a.h", "1"}}, {}};
    unsigned Functions = Pick(5);
    for (unsigned I = 0; I < Functions; ++I) {
      std::string Usr = "g" + std::to_string(Pick(12));
      IndexFunction F{Usr, "'" + Usr + "'", at(Files[Pick(5)], 1 + Pick(3)), {}, {}};
      if (Pick(6) == 0)
        F.Throws.push_back({"jwt::error::token_verification_exception", "jwt::decode", F.At});
      unsigned Calls = Pick(4);
      for (unsigned K = 0; K < Calls; ++K) {
        std::string Callee = Pick(8) == 0 ? "unknown" : "g" + std::to_string(Pick(12));
        IndexCall C{Callee, "'" + Callee + "'", at(F.At.File, 10 + K), {}, {}};
        unsigned Handler = Pick(4);
        if (Handler == 1)
          C.Handlers = {"..."};
        else if (Handler == 2)
          C.Handlers = {"std::exception"};
        F.Calls.push_back(std::move(C));
      }
      Unit.Functions.push_back(std::move(F));
    }
    Project.push_back(std::move(Unit));
  }
  return Project;
}

std::shared_ptr<const SummaryIndex> tableOf(std::vector<UnitSummary> Units) {
  return tableOf(SummaryIndex(std::move(Units)));
}

} // namespace

TEST(IndexTableTest, ReachingFromATableIsReachingFromEveryUnit) {
  std::mt19937 Random(20261207);
  unsigned Answers = 0, NonEmpty = 0;
  for (unsigned Round = 0; Round < 400; ++Round) {
    std::vector<UnitSummary> Now = randomProject(Random, 1 + Random() % 9);
    // The baseline: another project, or this one with a unit changed.
    std::vector<UnitSummary> Before = Random() % 2 ? randomProject(Random, 1 + Random() % 9) : Now;
    if (!Before.empty() && Random() % 2)
      Before[Random() % Before.size()] = randomProject(Random, 1)[0];
    std::set<std::string> Changed;
    for (const char *File : {"a.h", "b.h", "c.cc", "d.cc", "e.h", "f.cc"})
      if (Random() % 3 == 0)
        Changed.insert(File);
    auto Table = tableOf(Now);
    ASSERT_TRUE(Table && Table->tableForm());
    auto BeforeTable = tableOf(Before);
    SummaryIndex BeforeMemory(Before);
    for (const SummaryIndex *Baseline :
         std::vector<const SummaryIndex *>{nullptr, &BeforeMemory, BeforeTable.get()}) {
      std::vector<std::string> Want =
          unitsReaching(Now, Baseline ? &Before : nullptr, Changed);
      auto Got = unitsReaching(*Table->tableForm(), Baseline, Changed);
      ASSERT_TRUE(bool(Got)) << llvm::toString(Got.takeError());
      EXPECT_EQ(*Got, Want) << "round " << Round;
      ++Answers;
      NonEmpty += !Want.empty();
    }
  }
  // The rounds were not all trivial.
  EXPECT_GT(NonEmpty, Answers / 4);
  EXPECT_LT(NonEmpty, Answers);
}

TEST(IndexTableTest, ReachingReadsWhatTheChangeReaches) {
  // f<I> calls f<I+1>; the last throws; every unit's `shared` calls f0. A
  // change in u2990.cc reaches f2990's callers down to f0 (f1, f4, ... handle
  // std::exception, not `...`: they count) and every unit through `shared`.
  std::vector<UnitSummary> Units = project(3000);
  auto Table = tableOf(Units);
  ASSERT_TRUE(Table);
  const IndexTable &T = *Table->tableForm();
  auto Got = unitsReaching(T, nullptr, {"u2990.cc"});
  ASSERT_TRUE(bool(Got));
  EXPECT_EQ(*Got, unitsReaching(Units, nullptr, {"u2990.cc"}));
  // A change whose function lets nothing out (a unit whose chain ends in a
  // handler of `...`) reads a few records, not the project.
  Units = project(3000);
  Units[2995].Functions[0].Calls[0].Handlers = {"..."};
  auto Caught = tableOf(Units);
  ASSERT_TRUE(Caught);
  const IndexTable &C = *Caught->tableForm();
  auto None = unitsReaching(C, nullptr, {"u2990.cc"});
  ASSERT_TRUE(bool(None));
  EXPECT_TRUE(None->empty());
  EXPECT_EQ(unitsReaching(Units, nullptr, {"u2990.cc"}), std::vector<std::string>{});
  EXPECT_LE(C.recordsRead(), 10u);
}

TEST(IndexTableTest, ListsThatOverlapAreRefusedBeforeAnyWalk) {
  // Every callee of the section of every call made to take the whole calls
  // section (the digest made right again): a walk over them would be the
  // number of callees times the number of calls. verify() and an amendment
  // refuse it; the table as written passes.
  std::string Bytes = SummaryIndex(project(50)).table();
  auto Field = [&](size_t I) {
    return llvm::support::endian::read64le(Bytes.data() + 24 + 32 + 8 * I);
  };
  // Counts: units, records, lookups, callees, callers, definitions, all
  // callees, all calls; then the offsets in the same order.
  uint64_t AllCallees = Field(6), AllCalls = Field(7), AllCalleesAt = Field(8 + 6);
  ASSERT_GT(AllCallees, 1u);
  std::string Damaged = Bytes;
  for (uint64_t C = 0; C < AllCallees; ++C) {
    llvm::support::endian::write32le(&Damaged[AllCalleesAt + C * 24 + 16], 0);
    llvm::support::endian::write32le(&Damaged[AllCalleesAt + C * 24 + 20], uint32_t(AllCalls));
  }
  llvm::SHA256 Hash;
  Hash.update(llvm::StringRef(Damaged).drop_front(24 + 32));
  std::string Digest = llvm::toHex(Hash.final(), /*LowerCase=*/true).substr(0, 32);
  Damaged.replace(24, 32, Digest);
  for (const std::string *Table : {&Bytes, &Damaged}) {
    auto Opened = IndexTable::open(llvm::MemoryBuffer::getMemBufferCopy(*Table));
    ASSERT_TRUE(bool(Opened));
    llvm::Error Verified = (*Opened)->verify();
    bool Conflict = false;
    auto Amended = (*Opened)->amended({"u3.cc"}, {}, Conflict);
    if (Table == &Bytes) {
      EXPECT_FALSE(bool(Verified));
      EXPECT_TRUE(bool(Amended));
    } else {
      EXPECT_NE(llvm::toString(std::move(Verified)).find("lists overlap"), std::string::npos);
      ASSERT_FALSE(bool(Amended));
      EXPECT_NE(llvm::toString(Amended.takeError()).find("lists overlap"), std::string::npos);
    }
    llvm::consumeError(std::move(Verified));
    if (!Amended)
      llvm::consumeError(Amended.takeError());
  }
}

// An editor's process reads a table into memory: the file cut short in place
// under it (not what failguard's writers do: they rename) changes nothing it
// answers. A process that may map tables (failguard-tidy, failguard-index)
// reads the file itself: the same cut takes it down, which is why mapping is
// off unless a tool turns it on.
TEST(IndexTableTest, ATableIsCopiedUnlessTablesMayBeMapped) {
  SummaryIndex Whole(project(400));
  std::string Text = Whole.table();
  ASSERT_GT(Text.size(), 64u * 1024); // LLVM maps files of 16 KiB and more
  llvm::SmallString<128> Path;
  int FD;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("failguard-mapped", "fgindex", FD, Path));
  {
    llvm::raw_fd_ostream Out(FD, /*shouldClose=*/true);
    Out << Text;
  }
  auto cutInPlace = [&] { ASSERT_EQ(::truncate(Path.c_str(), 4096), 0); };
  auto restore = [&] {
    std::error_code EC;
    llvm::raw_fd_ostream Out(Path, EC);
    ASSERT_FALSE(EC);
    Out << Text;
  };
  auto lastFunction = [&](const SummaryIndex &Index) {
    return jsonOf(Index.function("f399").first);
  };
  std::string Expected = lastFunction(Whole);
  ASSERT_NE(Expected, "null");

  auto Copied = SummaryIndex::load(Path);
  ASSERT_TRUE(bool(Copied)) << llvm::toString(Copied.takeError());
  cutInPlace();
  EXPECT_EQ(lastFunction(**Copied), Expected);
  restore();

  GTEST_FLAG_SET(death_test_style, "threadsafe");
  // Killed by SIGBUS; under AddressSanitizer, which reports the fault
  // itself (BUS) and exits, any end but exit(0).
  auto diedOfTheCut = [](int Status) {
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
    return !(WIFEXITED(Status) && WEXITSTATUS(Status) == 0);
#endif
#endif
    return WIFSIGNALED(Status) && WTERMSIG(Status) == SIGBUS;
  };
  EXPECT_EXIT(
      {
        setIndexTablesMapped(true);
        // A path the process has not loaded yet: load() reads each once.
        llvm::SmallString<128> Other(Path);
        Other += ".mapped";
        llvm::sys::fs::copy_file(Path, Other);
        auto Mapped = SummaryIndex::load(Other);
        if (!Mapped)
          std::abort();
        if (::truncate(Other.c_str(), 4096) != 0)
          std::abort();
        // The mapping outlives the names. This process dies below, and in
        // the threadsafe style it re-ran the test and made a file of its own.
        llvm::sys::fs::remove(Other);
        llvm::sys::fs::remove(Path);
        llvm::errs() << lastFunction(**Mapped);
        std::exit(0);
      },
      diedOfTheCut, "");
  llvm::sys::fs::remove(Path);
  llvm::sys::fs::remove(Path + ".mapped");
}

// The header's digest is SHA-256 (git-failguard checks a kept table's with
// Python's hashlib): what tableDigest computes, through OpenSSL, is what
// LLVM's SHA-256 computes, whole or split in two.
TEST(IndexTableTest, TheDigestIsTheSha256OfTheBytes) {
  auto Reference = [](llvm::StringRef Bytes) {
    llvm::SHA256 Hash;
    Hash.update(Bytes);
    return llvm::toHex(Hash.final(), /*LowerCase=*/true).substr(0, 32);
  };
  // FIPS 180-2's "abc".
  EXPECT_EQ(tableDigest({"abc"}), "ba7816bf8f01cfea414140de5dae2223");
  EXPECT_EQ(tableDigest({}), Reference(""));
  std::string Bytes = writeIndexTable(SummaryIndex(project(50)));
  ASSERT_GT(Bytes.size(), 1000u);
  llvm::StringRef Body = llvm::StringRef(Bytes).drop_front(24 + 32);
  EXPECT_EQ(tableDigest({Body}), Reference(Body));
  EXPECT_EQ(tableDigest({Body.take_front(7), Body.drop_front(7)}), Reference(Body));
  EXPECT_EQ(llvm::StringRef(Bytes).substr(24, 32), Reference(Body));
  // One byte more is another digest.
  EXPECT_NE(tableDigest({Body, "x"}), Reference(Body));
}
