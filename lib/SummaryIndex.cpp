// Summaries of functions that cross translation units, and the project index
// that holds them.
#include "lib/SummaryIndex.h"

#include "lib/IndexTable.h"
#include "lib/KnownExceptions.h"
#include "lib/SafeRead.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <tuple>

namespace failguard {

namespace {

llvm::Error invalid(const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Why);
}

llvm::json::Array locationJSON(const IndexLocation &At) {
  return llvm::json::Array{At.File, At.Line, At.Column};
}

bool readLocation(const llvm::json::Value *Value, IndexLocation &At) {
  const llvm::json::Array *A = Value ? Value->getAsArray() : nullptr;
  if (!A || A->size() != 3)
    return false;
  auto File = (*A)[0].getAsString();
  auto Line = (*A)[1].getAsInteger();
  auto Column = (*A)[2].getAsInteger();
  if (!File || !Line || !Column || *Line < 0 || *Column < 0 || *Line > UINT32_MAX ||
      *Column > UINT32_MAX)
    return false;
  At = {File->str(), unsigned(*Line), unsigned(*Column)};
  return true;
}

bool readString(const llvm::json::Object &O, llvm::StringRef Key, std::string &Out) {
  auto S = O.getString(Key);
  if (!S)
    return false;
  Out = S->str();
  return true;
}

} // namespace

llvm::json::Value functionToJSON(const IndexFunction &F) {
  llvm::json::Array Throws;
  for (const IndexThrow &T : F.Throws)
    Throws.push_back(llvm::json::Array{T.Type, T.Api, locationJSON(T.At)});
  llvm::json::Array Calls;
  for (const IndexCall &C : F.Calls) {
    llvm::json::Object Call{{"usr", C.Usr}, {"name", C.Name}, {"at", locationJSON(C.At)}};
    if (!C.Handlers.empty()) {
      Call["handlers"] = llvm::json::Array(C.Handlers);
      llvm::json::Object Outcomes;
      for (const auto &[Type, O] : C.Outcomes)
        Outcomes[Type] = llvm::json::Array{int(O.What), O.Type, O.HandlerLine};
      Call["outcomes"] = std::move(Outcomes);
    }
    Calls.push_back(std::move(Call));
  }
  return llvm::json::Object{{"usr", F.Usr},
                            {"name", F.Name},
                            {"at", locationJSON(F.At)},
                            {"throws", std::move(Throws)},
                            {"calls", std::move(Calls)}};
}

llvm::json::Value toJSON(const UnitSummary &Unit) {
  llvm::json::Object Files;
  for (const auto &[Path, Blob] : Unit.Files)
    Files[Path] = Blob;
  llvm::json::Array Functions;
  for (const IndexFunction &F : Unit.Functions)
    Functions.push_back(functionToJSON(F));
  return llvm::json::Object{
      {"unit", Unit.Unit}, {"files", std::move(Files)}, {"functions", std::move(Functions)}};
}

llvm::Expected<UnitSummary> unitFromJSON(const llvm::json::Value &Value) {
  const llvm::json::Object *O = Value.getAsObject();
  UnitSummary Unit;
  if (!O || !readString(*O, "unit", Unit.Unit))
    return invalid("a unit without a name");
  const llvm::json::Object *Files = O->getObject("files");
  const llvm::json::Array *Functions = O->getArray("functions");
  if (!Files || !Functions)
    return invalid("unit '" + Unit.Unit + "' lacks its files or functions");
  for (const auto &[Path, Blob] : *Files) {
    auto Id = Blob.getAsString();
    if (!Id)
      return invalid("unit '" + Unit.Unit + "': a file without a blob id");
    Unit.Files[Path.str()] = Id->str();
  }
  for (const llvm::json::Value &FV : *Functions) {
    auto F = functionFromJSON(FV, Unit.Unit);
    if (!F)
      return F.takeError();
    Unit.Functions.push_back(std::move(*F));
  }
  return Unit;
}

llvm::Expected<IndexFunction> functionFromJSON(const llvm::json::Value &FV,
                                               llvm::StringRef UnitName) {
  auto Bad = [&](llvm::StringRef What) {
    return invalid("unit '" + UnitName + "': a malformed " + What);
  };
  const llvm::json::Object *FO = FV.getAsObject();
  IndexFunction F;
  if (!FO || !readString(*FO, "usr", F.Usr) || !readString(*FO, "name", F.Name) ||
      !readLocation(FO->get("at"), F.At))
    return Bad("function");
  const llvm::json::Array *Throws = FO->getArray("throws");
  const llvm::json::Array *Calls = FO->getArray("calls");
  if (!Throws || !Calls)
    return Bad("function");
  for (const llvm::json::Value &TV : *Throws) {
    const llvm::json::Array *TA = TV.getAsArray();
    IndexThrow T;
    if (!TA || TA->size() != 3 || !(*TA)[0].getAsString() || !(*TA)[1].getAsString() ||
        !readLocation(&(*TA)[2], T.At))
      return Bad("modelled call");
    T.Type = (*TA)[0].getAsString()->str();
    T.Api = (*TA)[1].getAsString()->str();
    F.Throws.push_back(std::move(T));
  }
  for (const llvm::json::Value &CV : *Calls) {
    const llvm::json::Object *CO = CV.getAsObject();
    IndexCall C;
    if (!CO || !readString(*CO, "usr", C.Usr) || !readString(*CO, "name", C.Name) ||
        !readLocation(CO->get("at"), C.At))
      return Bad("call");
    if (const llvm::json::Array *Handlers = CO->getArray("handlers"))
      for (const llvm::json::Value &H : *Handlers) {
        auto Name = H.getAsString();
        if (!Name)
          return Bad("handler");
        C.Handlers.push_back(Name->str());
      }
    if (const llvm::json::Object *Outcomes = CO->getObject("outcomes"))
      for (const auto &[Type, OV] : *Outcomes) {
        const llvm::json::Array *OA = OV.getAsArray();
        if (!OA || OA->size() != 3)
          return Bad("outcome");
        auto Kind = (*OA)[0].getAsInteger();
        auto Becomes = (*OA)[1].getAsString();
        auto Line = (*OA)[2].getAsInteger();
        if (!Kind || *Kind < CallOutcome::Escapes || *Kind > CallOutcome::Becomes ||
            !Becomes || !Line || *Line < 0 || *Line > UINT32_MAX)
          return Bad("outcome");
        C.Outcomes[Type.str()] = {CallOutcome::Kind(*Kind), Becomes->str(), unsigned(*Line)};
      }
    F.Calls.push_back(std::move(C));
  }
  return F;
}

SummaryIndex::SummaryIndex(std::vector<UnitSummary> TheUnits, std::vector<UnitSummary> Preferred)
    : Units(std::move(Preferred)) {
  auto ByName = [](const UnitSummary &A, const UnitSummary &B) { return A.Unit < B.Unit; };
  llvm::sort(Units, ByName);
  size_t First = Units.size();
  for (UnitSummary &Unit : TheUnits)
    Units.push_back(std::move(Unit));
  std::sort(Units.begin() + First, Units.end(), ByName);
  indexUnits();
}

SummaryIndex::SummaryIndex(std::unique_ptr<const IndexTable> TheTable)
    : Digest(TheTable->digest().str()), Table(std::move(TheTable)) {}

SummaryIndex::~SummaryIndex() = default;

void SummaryIndex::indexUnits() {
  for (const UnitSummary &Unit : Units)
    for (const IndexFunction &F : Unit.Functions)
      ByUsr.try_emplace(F.Usr, &F, &Unit);
  // A caller seen through several units (an inline function of a header) counts once.
  for (const UnitSummary &Unit : Units)
    for (const IndexFunction &F : Unit.Functions) {
      if (ByUsr.lookup(F.Usr).first != &F)
        continue;
      for (const IndexCall &C : F.Calls)
        Callers[C.Usr].push_back({&F, &Unit, &C});
    }
}

const std::vector<UnitSummary> &SummaryIndex::units() const {
  if (Table)
    std::call_once(AllUnits, [this] {
      for (size_t I = 0; I < Table->unitCount(); ++I) {
        auto Unit = Table->unit(I);
        // Units come by name, each once: one out of order is damaged.
        if (Unit && !Units.empty() && !(Units.back().Unit < Unit->Unit))
          Unit = invalid("unit '" + Unit->Unit + "' out of order");
        if (Unit)
          Units.push_back(std::move(*Unit));
        else
          llvm::errs() << "failguard: warning: the summary index has a damaged unit ("
                       << llvm::toString(Unit.takeError()) << "); its functions are unknown\n";
      }
    });
  return Units;
}

llvm::Expected<std::optional<UnitSummary>> SummaryIndex::unitNamed(llvm::StringRef Name) const {
  if (!Table) {
    for (const UnitSummary &Unit : Units)
      if (Unit.Unit == Name)
        return Unit;
    return std::nullopt;
  }
  std::optional<size_t> I = Table->unitNamed(Name);
  if (!I)
    return std::nullopt;
  auto Unit = Table->unit(*I);
  if (!Unit)
    return Unit.takeError();
  return std::optional<UnitSummary>(std::move(*Unit));
}

llvm::Error SummaryIndex::verify() const {
  return Table ? Table->verify() : llvm::Error::success();
}

llvm::Error SummaryIndex::check() const {
  if (!Table)
    return llvm::Error::success();
  if (llvm::Error Damaged = Table->verify())
    return Damaged;
  for (size_t I = 0; I < Table->unitCount(); ++I)
    if (auto Unit = Table->unit(I); !Unit)
      return Unit.takeError();
  return llvm::Error::success();
}

std::pair<const IndexFunction *, const UnitSummary *>
SummaryIndex::function(llvm::StringRef Usr) const {
  if (Table)
    return Table->function(Usr);
  return ByUsr.lookup(Usr);
}

llvm::ArrayRef<SummaryIndex::Caller> SummaryIndex::callersOf(llvm::StringRef Usr) const {
  if (Table)
    return Table->callersOf(Usr);
  auto Found = Callers.find(Usr);
  if (Found == Callers.end())
    return {};
  return Found->second;
}

std::string SummaryIndex::serialise() const {
  llvm::json::Array All;
  for (const UnitSummary &Unit : units())
    All.push_back(toJSON(Unit));
  std::string Text;
  llvm::raw_string_ostream Out(Text);
  Out << llvm::json::Value(llvm::json::Object{{"format", IndexFormat}, {"units", std::move(All)}});
  Out.flush();
  return Text;
}

std::string SummaryIndex::table() const {
  if (Table)
    return SummaryIndex(units()).table();
  return writeIndexTable(*this);
}

llvm::Expected<std::shared_ptr<const SummaryIndex>> SummaryIndex::parse(llvm::StringRef Text) {
  if (IndexTable::looksLike(Text))
    return read(llvm::MemoryBuffer::getMemBufferCopy(Text));
  auto Root = parseJSONBounded(Text);
  if (!Root)
    return invalid("not JSON: " + llvm::toString(Root.takeError()));
  const llvm::json::Object *O = Root->getAsObject();
  if (!O)
    return invalid("not a failguard index");
  auto Format = O->getString("format");
  if (!Format)
    return invalid("not a failguard index");
  if (*Format != IndexFormat)
    return invalid("format '" + *Format + "', this failguard reads '" + IndexFormat + "'");
  const llvm::json::Array *Units = O->getArray("units");
  if (!Units)
    return invalid("no units");
  std::vector<UnitSummary> Parsed;
  std::set<std::string> Seen;
  for (const llvm::json::Value &U : *Units) {
    auto Unit = unitFromJSON(U);
    if (!Unit)
      return Unit.takeError();
    if (!Seen.insert(Unit->Unit).second)
      return invalid("unit '" + Unit->Unit + "' appears twice");
    Parsed.push_back(std::move(*Unit));
  }
  auto Index = std::make_shared<SummaryIndex>(std::move(Parsed));
  llvm::SHA256 Hash;
  Hash.update(Text);
  Index->Digest = llvm::toHex(Hash.final(), /*LowerCase=*/true).substr(0, 32);
  return Index;
}

namespace {
std::atomic<bool> TablesMapped{false};
} // namespace

void setIndexTablesMapped(bool Mapped) { TablesMapped = Mapped; }

llvm::Expected<std::shared_ptr<const SummaryIndex>>
SummaryIndex::read(std::unique_ptr<llvm::MemoryBuffer> Buffer) {
  if (!IndexTable::looksLike(Buffer->getBuffer()))
    return parse(Buffer->getBuffer());
  // Read lazily for as long as the process lives (an editor's): unless
  // tables may be mapped, a copy, not a mapping a file replaced in place
  // would change or cut under it.
  if (Buffer->getBufferKind() == llvm::MemoryBuffer::MemoryBuffer_MMap && !TablesMapped)
    Buffer = llvm::MemoryBuffer::getMemBufferCopy(Buffer->getBuffer(),
                                                  Buffer->getBufferIdentifier());
  auto Table = IndexTable::open(std::move(Buffer));
  if (!Table)
    return Table.takeError();
  return std::make_shared<const SummaryIndex>(std::unique_ptr<const IndexTable>(std::move(*Table)));
}

llvm::Expected<std::shared_ptr<const SummaryIndex>> SummaryIndex::load(llvm::StringRef Path) {
  struct Loaded {
    uint64_t Size;
    llvm::sys::TimePoint<> Modified;
    std::shared_ptr<const SummaryIndex> Index;
    std::string Error;
  };
  static std::mutex Mutex;
  static llvm::StringMap<Loaded> Cache;
  llvm::sys::fs::file_status Status;
  if (std::error_code EC = llvm::sys::fs::status(Path, Status))
    return invalid(EC.message());
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    auto Found = Cache.find(Path);
    if (Found != Cache.end() && Found->second.Size == Status.getSize() &&
        Found->second.Modified == Status.getLastModificationTime()) {
      if (Found->second.Index)
        return Found->second.Index;
      return invalid(Found->second.Error);
    }
  }
  Loaded Entry{Status.getSize(), Status.getLastModificationTime(), nullptr, ""};
  auto Buffer =
      readRegularFile(Path, ReadLimits{uint64_t(1) << 30, false, true, /*Copy=*/!TablesMapped});
  if (!Buffer) {
    Entry.Error = llvm::toString(Buffer.takeError());
  } else if (auto Index = read(std::move(*Buffer))) {
    Entry.Index = *Index;
  } else {
    Entry.Error = llvm::toString(Index.takeError());
  }
  std::lock_guard<std::mutex> Lock(Mutex);
  Cache[Path] = Entry;
  if (Entry.Index)
    return Entry.Index;
  return invalid(Entry.Error);
}

bool handlerCatchesByName(llvm::StringRef Handler, llvm::StringRef Thrown) {
  if (Handler == "...")
    return true;
  Handler.consume_front("::");
  Thrown.consume_front("::");
  if (Handler == Thrown)
    return true;
  llvm::ArrayRef<llvm::StringRef> Known = knownBasesOf(Thrown);
  if (!Known.empty())
    return llvm::is_contained(Known, Handler);
  // A class failguard knows nothing of: std::exception is the base of
  // nearly every exception class, and a library's exception base lives in a
  // namespace enclosing the class (Poco::Exception for Poco::Net::NetException).
  // Either handler is taken to catch it rather than raise a false alarm.
  if (Handler == "std::exception")
    return true;
  llvm::StringRef Namespace = Handler.rsplit("::").first;
  return Namespace != Handler && Thrown.starts_with((Namespace + "::").str());
}

std::optional<std::string> throughCall(const IndexCall &Call, llvm::StringRef Type) {
  if (Call.Handlers.empty())
    return Type.str();
  auto Known = Call.Outcomes.find(Type.str());
  if (Known != Call.Outcomes.end()) {
    switch (Known->second.What) {
    case CallOutcome::Escapes:
      return Type.str();
    case CallOutcome::Stopped:
      return std::nullopt;
    case CallOutcome::Becomes:
      return Known->second.Type;
    }
  }
  for (const std::string &Handler : Call.Handlers)
    if (handlerCatchesByName(Handler, Type))
      return std::nullopt;
  return Type.str();
}

// One function as the view composes it: per (class, modelled function), the
// shortest way out and the step it takes.
struct IndexView::Node {
  const IndexFunction *Function = nullptr; // null: unknown or stale
  const UnitSummary *Unit = nullptr;
  bool Final = false;
  struct Way {
    unsigned Depth;
    int Throw = -1; // index in Throws, or -1
    int Call = -1;  // index in Calls, or -1
    std::string CalleeType;
  };
  std::map<std::pair<std::string, std::string>, Way> Ways;
  std::vector<RemoteEscape> Escapes;
};

IndexView::IndexView(std::shared_ptr<const SummaryIndex> Index, FreshFn Fresh)
    : Index(std::move(Index)), Fresh(std::move(Fresh)) {}
IndexView::~IndexView() = default;

IndexView::Node &IndexView::node(llvm::StringRef Usr) {
  auto [It, Inserted] = Nodes.try_emplace(Usr, nullptr);
  if (!Inserted)
    return *It->second;
  It->second = std::make_unique<Node>();
  Node &N = *It->second;
  auto [F, Unit] = Index->function(Usr);
  if (F) {
    auto [FreshIt, New] = FreshFiles.try_emplace(Unit->Unit + "\n" + F->At.File, false);
    if (New)
      FreshIt->second = !Fresh || Fresh(*Unit, F->At.File);
    if (FreshIt->second) {
      N.Function = F;
      N.Unit = Unit;
    }
  }
  if (!N.Function) {
    N.Final = true;
    if (Record)
      Record->Functions.insert(Usr);
  }
  return N;
}

bool IndexView::knows(llvm::StringRef Usr) { return node(Usr).Function != nullptr; }

void IndexView::solve(llvm::StringRef Root) {
  // The functions reachable from Root that are not final yet, callees first.
  std::vector<Node *> Order;
  {
    llvm::StringMap<bool> Seen;
    std::vector<std::pair<std::string, size_t>> Stack{{Root.str(), 0}};
    Seen[Root] = true;
    while (!Stack.empty()) {
      auto &[Usr, Next] = Stack.back();
      Node &N = node(Usr);
      if (N.Final) {
        Stack.pop_back();
        continue;
      }
      if (Next < N.Function->Calls.size()) {
        const std::string &Callee = N.Function->Calls[Next++].Usr;
        if (Seen.try_emplace(Callee, true).second)
          Stack.push_back({Callee, 0});
        continue;
      }
      Order.push_back(&N);
      Stack.pop_back();
    }
  }
  // Ways only appear or get shorter, over a finite set of classes: it ends.
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (Node *N : Order) {
      auto Offer = [&](std::string Type, const std::string &Api, Node::Way Way) {
        auto [It, Inserted] = N->Ways.try_emplace({std::move(Type), Api}, Way);
        if (Inserted) {
          Changed = true;
        } else if (Way.Depth < It->second.Depth) {
          It->second = std::move(Way);
          Changed = true;
        }
      };
      const IndexFunction &F = *N->Function;
      for (size_t I = 0; I < F.Throws.size(); ++I)
        Offer(F.Throws[I].Type, F.Throws[I].Api, {0, int(I), -1, ""});
      for (size_t I = 0; I < F.Calls.size(); ++I) {
        Node &Callee = node(F.Calls[I].Usr);
        // Copy: Offer may add to Callee's ways when it is N itself.
        auto CalleeWays = Callee.Ways;
        for (const auto &[Key, Way] : CalleeWays)
          if (auto Out = throughCall(F.Calls[I], Key.first))
            Offer(*Out, Key.second, {Way.Depth + 1, -1, int(I), Key.first});
      }
    }
  }
  for (Node *N : Order) {
    N->Final = true;
    for (const auto &[Key, Way] : N->Ways) {
      RemoteEscape E{Key.first, Key.second, Way.Depth, {}};
      const Node *At = N;
      std::pair<std::string, std::string> Step = Key;
      // Each step is one call nearer to the modelled call.
      while (At && E.Hops.size() <= Way.Depth) {
        auto Found = At->Ways.find(Step);
        if (Found == At->Ways.end())
          break;
        const Node::Way &W = Found->second;
        const IndexFunction &F = *At->Function;
        if (W.Throw >= 0) {
          E.Hops.push_back({F.Name, F.Throws[W.Throw].Api, F.Throws[W.Throw].At});
          break;
        }
        const IndexCall &C = F.Calls[W.Call];
        E.Hops.push_back({F.Name, C.Name, C.At});
        auto Next = Nodes.find(C.Usr);
        At = Next == Nodes.end() ? nullptr : Next->second.get();
        Step = {W.CalleeType, Key.second};
      }
      N->Escapes.push_back(std::move(E));
    }
  }
}

const std::vector<RemoteEscape> &IndexView::escapesOf(llvm::StringRef Usr) {
  Node &N = node(Usr);
  if (!N.Final)
    solve(Usr);
  return N.Escapes;
}

std::vector<std::pair<const SummaryIndex::Caller *, bool>>
IndexView::callersHandling(llvm::StringRef Usr, llvm::StringRef Type,
                           llvm::StringRef ExceptUnit) {
  std::vector<std::pair<const SummaryIndex::Caller *, bool>> Result;
  if (Record)
    Record->Callers.insert(Usr);
  for (const SummaryIndex::Caller &C : Index->callersOf(Usr)) {
    if (C.Unit->Unit == ExceptUnit || !knows(C.Function->Usr))
      continue;
    Result.push_back({&C, !throughCall(*C.Call, Type)});
  }
  return Result;
}

std::optional<IndexView::Gaps> parseIndexGaps(llvm::StringRef Text) {
  llvm::SmallVector<llvm::StringRef> Lines;
  Text.split(Lines, '\n');
  if (Lines.size() < 2 || Lines.front() != IndexGapsFormat || !Lines.back().empty())
    return std::nullopt;
  IndexView::Gaps Gaps;
  for (llvm::StringRef Line : llvm::ArrayRef(Lines).drop_front().drop_back()) {
    auto [Kind, Usr] = Line.split(' ');
    if (Usr.empty())
      return std::nullopt;
    if (Kind == "function")
      Gaps.Functions.insert(Usr);
    else if (Kind == "callers")
      Gaps.Callers.insert(Usr);
    else
      return std::nullopt;
  }
  return Gaps;
}

namespace {

// What of a summarised function its callers' escapes depend on: its modelled
// calls, and its calls with their handlers and what they do, without
// locations.
struct Behaviour {
  std::vector<std::pair<std::string, std::string>> Throws;
  std::vector<std::tuple<std::string, std::vector<std::string>,
                         std::vector<std::tuple<std::string, int, std::string, unsigned>>>>
      Calls;
  bool operator==(const Behaviour &Other) const {
    return Throws == Other.Throws && Calls == Other.Calls;
  }
};

Behaviour behaviourOf(const IndexFunction &F) {
  Behaviour B;
  for (const IndexThrow &T : F.Throws)
    B.Throws.emplace_back(T.Type, T.Api);
  llvm::sort(B.Throws);
  for (const IndexCall &C : F.Calls) {
    std::vector<std::tuple<std::string, int, std::string, unsigned>> Outcomes;
    for (const auto &[Type, O] : C.Outcomes)
      Outcomes.emplace_back(Type, int(O.What), O.Type, O.HandlerLine);
    B.Calls.emplace_back(C.Usr, C.Handlers, std::move(Outcomes));
  }
  return B;
}

std::vector<const UnitSummary *> byName(llvm::ArrayRef<UnitSummary> Units) {
  std::vector<const UnitSummary *> Sorted;
  for (const UnitSummary &Unit : Units)
    Sorted.push_back(&Unit);
  // Unit names are unique in an index.
  llvm::sort(Sorted, [](const UnitSummary *A, const UnitSummary *B) { return A->Unit < B->Unit; });
  return Sorted;
}

// Adds to \p Reached every caller of its members, transitively.
void closeOverCallers(std::set<std::string> &Reached,
                      const std::map<std::string, std::set<std::string>> &Callers) {
  std::vector<std::string> Work(Reached.begin(), Reached.end());
  while (!Work.empty()) {
    std::string Usr = std::move(Work.back());
    Work.pop_back();
    auto Found = Callers.find(Usr);
    if (Found == Callers.end())
      continue;
    for (const std::string &Caller : Found->second)
      if (Reached.insert(Caller).second)
        Work.push_back(Caller);
  }
}

} // namespace

std::vector<std::string> unitsReaching(llvm::ArrayRef<UnitSummary> Now,
                                       const std::vector<UnitSummary> *Before,
                                       const std::set<std::string> &ChangedFiles) {
  // Every definition counts (an inline function of a header is in several
  // units), and a call inside `catch (...)` lets nothing out. Other handlers
  // are not judged here: their calls are kept, to over-approximate.
  std::map<std::string, std::set<std::string>> Callers;
  std::set<std::string> Escaping;
  for (const UnitSummary &Unit : Now)
    for (const IndexFunction &F : Unit.Functions) {
      if (!F.Throws.empty())
        Escaping.insert(F.Usr);
      for (const IndexCall &C : F.Calls)
        if (!llvm::is_contained(C.Handlers, "..."))
          Callers[C.Usr].insert(F.Usr);
    }
  closeOverCallers(Escaping, Callers);
  std::map<std::string, std::string> UnitOf;
  for (const UnitSummary *Unit : byName(Now))
    for (const IndexFunction &F : Unit->Functions)
      UnitOf.try_emplace(F.Usr, Unit->Unit);
  std::map<std::string, Behaviour> Was;
  if (Before)
    for (const UnitSummary *Unit : byName(*Before))
      for (const IndexFunction &F : Unit->Functions)
        Was.try_emplace(F.Usr, behaviourOf(F));
  std::set<std::string> Reached;
  for (const UnitSummary &Unit : Now)
    for (const IndexFunction &F : Unit.Functions) {
      if (!ChangedFiles.count(F.At.File) || !Escaping.count(F.Usr))
        continue;
      if (Before) {
        auto Old = Was.find(F.Usr);
        if (Old != Was.end() && Old->second == behaviourOf(F))
          continue;
      }
      Reached.insert(F.Usr);
    }
  closeOverCallers(Reached, Callers);
  std::set<std::string> Names;
  for (const std::string &Usr : Reached) {
    auto Found = UnitOf.find(Usr);
    if (Found != UnitOf.end())
      Names.insert(Found->second);
  }
  return {Names.begin(), Names.end()};
}

llvm::Expected<std::vector<std::string>> unitsReaching(const IndexTable &Now,
                                                       const SummaryIndex *Before,
                                                       const std::set<std::string> &ChangedFiles) {
  auto Damaged = [](uint64_t Record) {
    return invalid("record " + llvm::Twine(Record) + " of the index does not read");
  };
  // Whether a modelled exception may leave \p Start: a path of calls (not
  // inside `catch (...)`) through any definition to a function that throws.
  // A search that finds none clears every function it met.
  std::map<std::string, bool> Escapes;
  auto MayEscape = [&](llvm::StringRef Start) -> llvm::Expected<bool> {
    auto Known = Escapes.find(Start.str());
    if (Known != Escapes.end())
      return Known->second;
    // Each function met, and the one whose call met it first.
    std::map<std::string, std::string> Met{{Start.str(), ""}};
    std::vector<std::string> Work{Start.str()};
    std::optional<std::string> Found;
    while (!Work.empty() && !Found) {
      std::string Usr = std::move(Work.back());
      Work.pop_back();
      auto Known = Escapes.find(Usr);
      if (Known != Escapes.end()) {
        if (Known->second)
          Found = Usr;
        continue;
      }
      for (uint64_t Record : Now.definitionsOf(Usr)) {
        const IndexFunction *F = Now.functionAt(Record);
        if (!F)
          return Damaged(Record);
        if (!F->Throws.empty())
          Found = Usr;
        for (const IndexCall &C : F->Calls)
          if (!llvm::is_contained(C.Handlers, "...") && Met.try_emplace(C.Usr, Usr).second)
            Work.push_back(C.Usr);
      }
    }
    if (Found) {
      // Every function on the way from the start lets it out too.
      for (std::string Usr = *Found; !Usr.empty(); Usr = Met[Usr])
        Escapes[Usr] = true;
      return true;
    }
    for (const auto &[Usr, From] : Met)
      Escapes[Usr] = false;
    return false;
  };
  llvm::StringSet<> Changed;
  for (const std::string &File : ChangedFiles)
    Changed.insert(File);
  std::set<std::string> Reached;
  for (uint64_t Record = 0; Record < Now.recordCount(); ++Record) {
    std::optional<llvm::StringRef> File = Now.fileAt(Record), Usr = Now.usrAt(Record);
    if (!File || !Usr)
      return Damaged(Record);
    if (!Changed.contains(*File) || Reached.count(Usr->str()))
      continue;
    auto Escaping = MayEscape(*Usr);
    if (!Escaping)
      return Escaping.takeError();
    if (!*Escaping)
      continue;
    if (Before) {
      const IndexFunction *F = Now.functionAt(Record);
      if (!F)
        return Damaged(Record);
      const IndexFunction *Old = Before->function(*Usr).first;
      if (Old && behaviourOf(*Old) == behaviourOf(*F))
        continue;
    }
    Reached.insert(Usr->str());
  }
  // Every caller, through any definition, of what is reached.
  std::vector<std::string> Work(Reached.begin(), Reached.end());
  while (!Work.empty()) {
    std::string Usr = std::move(Work.back());
    Work.pop_back();
    for (const auto &[Record, InCatchAll] : Now.callsOf(Usr)) {
      if (InCatchAll)
        continue;
      std::optional<llvm::StringRef> Caller = Now.usrAt(Record);
      if (!Caller)
        return Damaged(Record);
      if (Reached.insert(Caller->str()).second)
        Work.push_back(Caller->str());
    }
  }
  std::set<std::string> Names;
  for (const std::string &Usr : Reached) {
    std::optional<uint64_t> Winner = Now.winnerOf(Usr);
    std::optional<llvm::StringRef> Name = Winner ? Now.unitNameAt(*Winner) : std::nullopt;
    if (!Name)
      return invalid("the index has no unit defining '" + Usr + "'");
    Names.insert(Name->str());
  }
  return std::vector<std::string>(Names.begin(), Names.end());
}

std::vector<std::string> unitsAnswered(llvm::ArrayRef<UnitSummary> Added,
                                       llvm::ArrayRef<AskedOfIndex> Asked) {
  std::map<std::string, std::set<std::string>> Defined, Called;
  for (const UnitSummary &Unit : Added)
    for (const IndexFunction &F : Unit.Functions) {
      Defined[F.Usr].insert(Unit.Unit);
      for (const IndexCall &C : F.Calls)
        Called[C.Usr].insert(Unit.Unit);
    }
  // Whether a unit other than \p A's own, and not one it had seen, is among
  // those \p Usr maps to.
  auto ByAnother = [](const std::map<std::string, std::set<std::string>> &Map,
                      llvm::StringRef Usr, const AskedOfIndex &A) {
    auto Found = Map.find(Usr.str());
    return Found != Map.end() && llvm::any_of(Found->second, [&](const std::string &U) {
             return U != A.Unit && !A.Seen.count(U);
           });
  };
  std::set<std::string> Answered;
  for (const AskedOfIndex &A : Asked) {
    bool Again = !A.Gaps;
    if (A.Gaps) {
      for (const auto &Usr : A.Gaps->Functions)
        Again = Again || ByAnother(Defined, Usr.getKey(), A);
      for (const auto &Usr : A.Gaps->Callers)
        Again = Again || ByAnother(Called, Usr.getKey(), A);
    }
    if (Again)
      Answered.insert(A.Unit);
  }
  return {Answered.begin(), Answered.end()};
}

llvm::Expected<std::vector<std::vector<std::string>>>
unitLevels(const SummaryIndex &Index, const std::vector<std::string> &Names,
           const std::set<std::string> &Pending) {
  std::vector<std::string> Units(Names.begin(), Names.end());
  llvm::sort(Units);
  Units.erase(std::unique(Units.begin(), Units.end()), Units.end());
  std::map<std::string, size_t> Position;
  for (size_t I = 0; I < Units.size(); ++I)
    Position[Units[I]] = I;
  // Who defines each function of these units, then whom each unit calls.
  std::vector<std::optional<UnitSummary>> Read(Units.size());
  std::map<std::string, std::set<size_t>> DefinedBy;
  for (size_t I = 0; I < Units.size(); ++I) {
    auto Unit = Index.unitNamed(Units[I]);
    if (!Unit)
      return Unit.takeError();
    Read[I] = std::move(*Unit);
    if (Read[I] && (Pending.empty() || Pending.count(Units[I])))
      for (const IndexFunction &F : Read[I]->Functions)
        DefinedBy[F.Usr].insert(I);
  }
  // Directly, or through functions of other units (the index's): what an
  // analysis composes through the index.
  std::vector<std::set<size_t>> Calls(Units.size());
  for (size_t I = 0; I < Units.size(); ++I) {
    if (!Read[I])
      continue;
    std::vector<std::string> Work;
    for (const IndexFunction &F : Read[I]->Functions)
      for (const IndexCall &C : F.Calls)
        Work.push_back(C.Usr);
    std::set<std::string> Seen;
    while (!Work.empty()) {
      std::string Usr = std::move(Work.back());
      Work.pop_back();
      if (!Seen.insert(Usr).second)
        continue;
      auto Found = DefinedBy.find(Usr);
      if (Found != DefinedBy.end()) {
        // Not the unit's own (an inline function it has too).
        if (!Found->second.count(I))
          Calls[I].insert(Found->second.begin(), Found->second.end());
        continue;
      }
      if (const IndexFunction *F = Index.function(Usr).first)
        for (const IndexCall &C : F->Calls)
          Work.push_back(C.Usr);
    }
  }
  // Mutual reachability makes a cycle one group; a group's level is one more
  // than the highest level of the groups it calls.
  std::vector<std::vector<bool>> Reaches(Units.size(), std::vector<bool>(Units.size(), false));
  for (size_t I = 0; I < Units.size(); ++I) {
    std::vector<size_t> Work(Calls[I].begin(), Calls[I].end());
    while (!Work.empty()) {
      size_t J = Work.back();
      Work.pop_back();
      if (Reaches[I][J])
        continue;
      Reaches[I][J] = true;
      Work.insert(Work.end(), Calls[J].begin(), Calls[J].end());
    }
  }
  std::vector<int> Level(Units.size(), -1);
  std::function<int(size_t)> LevelOf = [&](size_t I) -> int {
    if (Level[I] >= 0)
      return Level[I];
    int Highest = -1;
    for (size_t J = 0; J < Units.size(); ++J)
      if (Reaches[I][J] && !Reaches[J][I])
        Highest = std::max(Highest, LevelOf(J));
    return Level[I] = Highest + 1;
  };
  std::vector<std::vector<std::string>> Levels;
  for (size_t I = 0; I < Units.size(); ++I) {
    size_t L = size_t(LevelOf(I));
    if (Levels.size() <= L)
      Levels.resize(L + 1);
    Levels[L].push_back(Units[I]);
  }
  return Levels;
}

llvm::Expected<std::vector<UnitSummary>>
mergeUnits(std::vector<std::pair<std::string, std::vector<UnitSummary>>> Inputs) {
  std::vector<UnitSummary> Merged;
  // Each unit's text as serialised, and the input it was taken from.
  std::map<std::string, std::pair<std::string, std::string>> Taken;
  for (auto &[Input, Units] : Inputs)
    for (UnitSummary &Unit : Units) {
      std::string Text;
      llvm::raw_string_ostream(Text) << toJSON(Unit);
      auto [It, New] = Taken.try_emplace(Unit.Unit, Text, Input);
      if (New) {
        Merged.push_back(std::move(Unit));
        continue;
      }
      if (It->second.first != Text)
        return invalid("unit '" + Unit.Unit + "' differs between '" + It->second.second +
                       "' and '" + Input + "': they were built from different content");
    }
  return Merged;
}

std::string defaultIndexPath(llvm::StringRef CacheDirectory, llvm::StringRef Root) {
  llvm::SHA256 Hash;
  Hash.update(Root);
  llvm::SmallString<256> Path(CacheDirectory);
  llvm::sys::path::append(Path, "index",
                          llvm::toHex(Hash.final(), /*LowerCase=*/true).substr(0, 16) + ".fgindex");
  return std::string(Path);
}

} // namespace failguard
