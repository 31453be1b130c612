// failguard-index REQUEST: questions about the summary index, answered by the
// code that writes and reads it (git-failguard only moves index files). The
// request and the answer are described in docs/architecture.md.
#include "IndexQuery.h"

#include "failguard/BuildId.h"

#include "lib/IndexTable.h"
#include "lib/SafeRead.h"
#include "lib/SummaryIndex.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

namespace failguard {

namespace {

constexpr llvm::StringLiteral QueryFormat = "failguard-index-query-1";
// An index holds every unit of a project: far more than any one unit reads.
constexpr uint64_t MaxIndexBytes = uint64_t(1) << 30;

// Why a question has no answer: its kind ("input", "conflict", "output"),
// and the message for people. An output that cannot be written also gives
// the reason alone.
struct Refusal {
  std::string Kind;
  std::string Message;
  std::string Reason;
};

// The index \p Path, checked whole unless \p Whole is false (a question that
// looks a few units up in a table: what it finds is checked as it is read).
llvm::Expected<std::shared_ptr<const SummaryIndex>> readIndex(llvm::StringRef Path,
                                                               bool Whole = true) {
  auto Buffer = readRegularFile(Path, ReadLimits{MaxIndexBytes, false, false});
  if (!Buffer)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot read '" + Path +
                                       "': " + llvm::toString(Buffer.takeError()));
  auto Index = SummaryIndex::read(std::move(*Buffer));
  llvm::Error Damaged =
      Index ? (Whole ? (*Index)->check() : (*Index)->verify()) : Index.takeError();
  if (Damaged)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "'" + Path + "' is not a failguard index: " + llvm::toString(std::move(Damaged)));
  return *Index;
}

// Replaces \p Path whole with \p Text, readable by its owner only; the reason
// it could not.
std::optional<std::string> writePrivately(llvm::StringRef Path, llvm::StringRef Text) {
  llvm::SmallString<256> Temporary;
  int FD = -1;
  std::error_code EC =
      llvm::sys::fs::createUniqueFile(Path + ".tmp-%%%%%%%%", FD, Temporary, llvm::sys::fs::OF_None,
                                      llvm::sys::fs::owner_read | llvm::sys::fs::owner_write);
  if (!EC) {
    llvm::raw_fd_ostream Out(FD, /*shouldClose=*/true);
    Out << Text;
    Out.close();
    if (Out.has_error()) {
      EC = Out.error();
      Out.clear_error();
    } else {
      EC = llvm::sys::fs::rename(Temporary, Path);
    }
    if (EC)
      llvm::sys::fs::remove(Temporary);
  }
  if (EC)
    return EC.message();
  return std::nullopt;
}

// Writes the index of \p Units to \p Path as JSON (IndexFormat), or as a
// table (IndexTableFormat) for the checks to read.
std::optional<Refusal> writeIndex(llvm::StringRef Path, std::vector<UnitSummary> Units,
                                  bool Table = false) {
  SummaryIndex Index(std::move(Units));
  if (auto Why = writePrivately(Path, Table ? Index.table() : Index.serialise() + "\n"))
    return Refusal{"output", "cannot write '" + Path.str() + "': " + *Why, *Why};
  return std::nullopt;
}

// The request's members; the first that is not what the query needs.
struct Request {
  const llvm::json::Object &Object;
  std::string Wrong;

  void wrong(llvm::StringRef Key, llvm::StringRef What) {
    if (Wrong.empty())
      Wrong = "'" + Key.str() + "' is not " + What.str();
  }
  std::vector<std::string> strings(llvm::StringRef Key) {
    std::vector<std::string> Result;
    const llvm::json::Array *Array = Object.getArray(Key);
    for (size_t I = 0; Array && I < Array->size(); ++I) {
      auto Text = (*Array)[I].getAsString();
      if (!Text)
        Array = nullptr;
      else
        Result.push_back(Text->str());
    }
    if (!Array)
      wrong(Key, "a list of strings");
    return Result;
  }
  std::string string(llvm::StringRef Key, bool Optional = false) {
    if (auto Text = Object.getString(Key))
      return Text->str();
    if (!Optional || Object.get(Key))
      wrong(Key, "a string");
    return "";
  }
};

// A query's answer, or why it has none.
using Answer = std::variant<llvm::json::Object, Refusal>;

Refusal refusalOf(llvm::Error E, llvm::StringRef Kind) {
  return Refusal{Kind.str(), llvm::toString(std::move(E)), ""};
}

Answer check(Request &R) {
  llvm::json::Array Checked;
  for (const std::string &Input : R.strings("inputs")) {
    auto Buffer = readRegularFile(Input, ReadLimits{MaxIndexBytes, false, false});
    if (!Buffer) {
      Checked.push_back(llvm::json::Object{{"error", llvm::toString(Buffer.takeError())}});
      continue;
    }
    auto Index = SummaryIndex::read(std::move(*Buffer));
    llvm::Error Damaged = Index ? (*Index)->check() : Index.takeError();
    if (Damaged) {
      Checked.push_back(llvm::json::Object{{"error", llvm::toString(std::move(Damaged))}});
      continue;
    }
    Checked.push_back(llvm::json::Object{{"units", int64_t((*Index)->units().size())}});
  }
  return llvm::json::Object{{"checked", std::move(Checked)}};
}

// The table \p Base (checked whole, not parsed) but its units \p Drop, and
// the units \p Added, written to \p Output: what a merge of the entries
// each came from would write, at the cost of the change.
Answer amend(const std::string &Base, const std::vector<std::string> &Drop,
             std::vector<UnitSummary> Added, const std::string &Output) {
  auto Index = readIndex(Base, /*Whole=*/false);
  if (!Index)
    return refusalOf(Index.takeError(), "input");
  const IndexTable *Table = (*Index)->tableForm();
  if (!Table)
    return Refusal{"input", "'" + Base + "' is a failguard index, not a table", ""};
  bool Conflict = false;
  size_t Written = 0;
  auto Text = Table->amended(std::set<std::string>(Drop.begin(), Drop.end()), Added, Conflict,
                                &Written);
  if (!Text)
    return Refusal{Conflict ? "conflict" : "input",
                   "'" + Base + "': " + llvm::toString(Text.takeError()), ""};
  if (auto Why = writePrivately(Output, *Text))
    return Refusal{"output", "cannot write '" + Output + "': " + *Why, *Why};
  return llvm::json::Object{{"units", int64_t(Written)}};
}

Answer merge(Request &R) {
  std::vector<std::string> Inputs = R.strings("inputs");
  std::string Output = R.string("output");
  std::string Split = R.string("split", /*Optional=*/true);
  std::string Form = R.string("form", /*Optional=*/true);
  std::string Base = R.string("base", /*Optional=*/true);
  std::vector<std::string> Drop;
  if (R.Object.get("drop"))
    Drop = R.strings("drop");
  if (!Form.empty() && Form != "json" && Form != "table")
    R.wrong("form", "'json' or 'table'");
  if (!Base.empty() && (Form != "table" || !Split.empty()))
    R.wrong("base", "given with the table form alone (no split)");
  if (Base.empty() && !Drop.empty())
    R.wrong("drop", "given without a base");
  if (!R.Wrong.empty())
    return llvm::json::Object{};
  std::vector<std::pair<std::string, std::vector<UnitSummary>>> Read;
  for (const std::string &Input : Inputs) {
    auto Index = readIndex(Input);
    if (!Index)
      return refusalOf(Index.takeError(), "input");
    Read.emplace_back(Input, (*Index)->units());
  }
  auto Merged = mergeUnits(std::move(Read));
  if (!Merged)
    return refusalOf(Merged.takeError(), "conflict");
  if (!Base.empty())
    return amend(Base, Drop, std::move(*Merged), Output);
  SummaryIndex Index(std::move(*Merged));
  llvm::json::Array Names;
  for (size_t I = 0; I < Index.units().size(); ++I) {
    Names.push_back(Index.units()[I].Unit);
    if (Split.empty())
      continue;
    llvm::SmallString<256> Path(Split);
    llvm::sys::path::append(Path, std::to_string(I) + ".json");
    if (auto Refused = writeIndex(Path, {Index.units()[I]}))
      return *Refused;
  }
  if (auto Refused = writeIndex(Output, Index.units(), Form == "table"))
    return *Refused;
  return llvm::json::Object{{"units", std::move(Names)}};
}

// The units asked for in levels, callees first (unitLevels): the order in
// which the driver analyses changed units, so that a unit reads the new
// summaries of the changed units it calls.
Answer order(Request &R) {
  std::string Path = R.string("index");
  std::vector<std::string> Units = R.strings("units");
  std::vector<std::string> Pending;
  if (R.Object.get("pending"))
    Pending = R.strings("pending");
  if (!R.Wrong.empty())
    return llvm::json::Object{};
  auto Index = readIndex(Path, /*Whole=*/false);
  if (!Index)
    return refusalOf(Index.takeError(), "input");
  auto Levels = unitLevels(**Index, Units, std::set<std::string>(Pending.begin(), Pending.end()));
  if (!Levels)
    return refusalOf(Levels.takeError(), "input");
  llvm::json::Array Out;
  for (const std::vector<std::string> &Level : *Levels)
    Out.push_back(llvm::json::Array(Level));
  return llvm::json::Object{{"levels", std::move(Out)}};
}

// An index of either form written as JSON (IndexFormat): what tools read.
Answer dump(Request &R) {
  std::string Input = R.string("index");
  std::string Output = R.string("output");
  if (!R.Wrong.empty())
    return llvm::json::Object{};
  auto Index = readIndex(Input);
  if (!Index)
    return refusalOf(Index.takeError(), "input");
  if (auto Refused = writeIndex(Output, (*Index)->units()))
    return *Refused;
  return llvm::json::Object{{"units", int64_t((*Index)->units().size())}};
}

Answer reaching(Request &R) {
  std::string Now = R.string("index");
  std::string Before = R.string("baseline_index", /*Optional=*/true);
  std::vector<std::string> Changed = R.strings("changed_files");
  if (!R.Wrong.empty())
    return llvm::json::Object{};
  // Tables are read by what the question looks up; JSON whole.
  auto Index = readIndex(Now, /*Whole=*/false);
  if (!Index)
    return refusalOf(Index.takeError(), "input");
  std::shared_ptr<const SummaryIndex> Baseline;
  if (!Before.empty()) {
    auto Read = readIndex(Before, /*Whole=*/!(*Index)->isTable());
    if (!Read)
      return refusalOf(Read.takeError(), "input");
    Baseline = *Read;
  }
  std::set<std::string> Files(Changed.begin(), Changed.end());
  if (const IndexTable *Table = (*Index)->tableForm()) {
    auto Units = unitsReaching(*Table, Baseline.get(), Files);
    if (!Units)
      return refusalOf(Units.takeError(), "input");
    return llvm::json::Object{{"units", llvm::json::Array(*Units)}};
  }
  std::vector<std::string> Units =
      unitsReaching((*Index)->units(), Baseline ? &Baseline->units() : nullptr, Files);
  return llvm::json::Object{{"units", llvm::json::Array(Units)}};
}

Answer answered(Request &R) {
  std::string Now = R.string("index");
  std::vector<std::string> Added = R.strings("units");
  std::vector<AskedOfIndex> Asked;
  const llvm::json::Array *AskedList = R.Object.getArray("asked");
  for (size_t I = 0; AskedList && I < AskedList->size(); ++I) {
    const llvm::json::Object *O = (*AskedList)[I].getAsObject();
    auto Unit = O ? O->getString("unit") : std::nullopt;
    auto Gaps = O ? O->getString("gaps") : std::nullopt;
    const llvm::json::Array *SeenList = O ? O->getArray("seen") : nullptr;
    std::set<std::string> Seen;
    for (size_t J = 0; SeenList && J < SeenList->size(); ++J) {
      auto Name = (*SeenList)[J].getAsString();
      if (!Name) {
        SeenList = nullptr;
        break;
      }
      Seen.insert(Name->str());
    }
    if (!Unit || !Gaps || (O->get("seen") && !SeenList)) {
      AskedList = nullptr;
      break;
    }
    // Gaps that cannot be read are unknown: the unit is analysed again.
    std::optional<IndexView::Gaps> Read;
    if (auto Buffer = readRegularFile(*Gaps))
      Read = parseIndexGaps((*Buffer)->getBuffer());
    else
      llvm::consumeError(Buffer.takeError());
    Asked.push_back({Unit->str(), std::move(Read), std::move(Seen)});
  }
  if (!AskedList)
    R.wrong("asked", "a list of {\"unit\", \"gaps\", \"seen\" (optional)} objects");
  if (!R.Wrong.empty())
    return llvm::json::Object{};
  auto Index = readIndex(Now, /*Whole=*/false);
  if (!Index)
    return refusalOf(Index.takeError(), "input");
  // The added units only: a table is read for them, not whole.
  std::vector<UnitSummary> AddedUnits;
  for (const std::string &Name : std::set<std::string>(Added.begin(), Added.end())) {
    auto Unit = (*Index)->unitNamed(Name);
    if (!Unit)
      return refusalOf(Unit.takeError(), "input");
    // The units added are in the index the driver wrote with them.
    if (!*Unit)
      return Refusal{"input", "'" + Now + "' lacks the unit '" + Name + "' it was written with",
                     ""};
    AddedUnits.push_back(std::move(**Unit));
  }
  return llvm::json::Object{{"units", llvm::json::Array(unitsAnswered(AddedUnits, Asked))}};
}

// The functions an index's summaries define in one file, by the names
// diagnostics give them (qualified): how a file rewritten under another name
// is recognised as the file it replaces (the driver pairs a deleted and an
// added file that define the same functions).
Answer defined(Request &R) {
  std::string Path = R.string("index");
  std::string File = R.string("file");
  if (!R.Wrong.empty())
    return llvm::json::Object{};
  auto Index = readIndex(Path);
  if (!Index)
    return refusalOf(Index.takeError(), "input");
  std::set<std::string> Names;
  for (const UnitSummary &Unit : (*Index)->units())
    for (const IndexFunction &F : Unit.Functions)
      if (F.At.File == File)
        Names.insert(F.Name);
  return llvm::json::Object{
      {"names", llvm::json::Array(std::vector<std::string>(Names.begin(), Names.end()))}};
}

int wrongRequest(llvm::StringRef Path, const llvm::Twine &Why) {
  llvm::errs() << "failguard-index: error: '" << Path << "': " << Why << "\n";
  return 2;
}

} // namespace

int indexQueryMain(llvm::ArrayRef<const char *> Args) {
  // The build id of the sources it reads summaries with (as failguard-tidy's
  // --version): what the driver's memo of checked entries is kept for.
  if (Args.size() == 1 && llvm::StringRef(Args[0]) == "--version") {
    llvm::outs() << "failguard-index (LLVM " << FAILGUARD_BUILD_LLVM << ")\n"
                 << "failguard build id " << FAILGUARD_BUILD_ID << "\n";
    return 0;
  }
  if (Args.size() != 1 || llvm::StringRef(Args[0]).starts_with("-")) {
    llvm::errs() << "usage: failguard-index REQUEST (a JSON request, docs/architecture.md)\n";
    return 2;
  }
  llvm::StringRef Path = Args[0];
  auto Buffer = readRegularFile(Path);
  if (!Buffer)
    return wrongRequest(Path, llvm::toString(Buffer.takeError()));
  auto Parsed = parseJSONBounded((*Buffer)->getBuffer());
  if (!Parsed)
    return wrongRequest(Path, "not JSON: " + llvm::toString(Parsed.takeError()));
  const llvm::json::Object *Object = Parsed->getAsObject();
  if (!Object || Object->getString("format") != std::optional<llvm::StringRef>(QueryFormat))
    return wrongRequest(Path, "not a request of format '" + QueryFormat + "'");
  Request R{*Object, ""};
  std::string Query = R.string("query");
  Answer (*Handler)(Request &) = Query == "check"      ? check
                                 : Query == "merge"    ? merge
                                 : Query == "reaching" ? reaching
                                 : Query == "answered" ? answered
                                 : Query == "defined"  ? defined
                                 : Query == "dump"     ? dump
                                 : Query == "order"    ? order
                                                       : nullptr;
  if (!Handler)
    return wrongRequest(Path, "no query '" + Query +
                                  "' (check, merge, reaching, answered, defined, dump, order)");
  Answer Result = Handler(R);
  if (!R.Wrong.empty())
    return wrongRequest(Path, R.Wrong);
  if (auto *Refused = std::get_if<Refusal>(&Result)) {
    llvm::json::Object Out{{"error", Refused->Message}, {"kind", Refused->Kind}};
    if (!Refused->Reason.empty())
      Out["reason"] = Refused->Reason;
    llvm::outs() << llvm::json::Value(std::move(Out)) << "\n";
    llvm::outs().flush();
    return 1;
  }
  llvm::outs() << llvm::json::Value(std::move(std::get<llvm::json::Object>(Result))) << "\n";
  llvm::outs().flush();
  return 0;
}

} // namespace failguard
