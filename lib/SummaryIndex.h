// Summaries of functions that cross translation units, and the project index
// that holds them.
#ifndef FAILGUARD_LIB_SUMMARYINDEX_H
#define FAILGUARD_LIB_SUMMARYINDEX_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace failguard {

/// The version every serialised summary and index carries; anything else is
/// refused, never read.
inline constexpr llvm::StringLiteral IndexFormat = "failguard-index-1";

/// A place in a repository file (path relative to the working tree root).
struct IndexLocation {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
};

/// What the calling function's handlers do with an exception of one class
/// at one call.
struct CallOutcome {
  enum Kind { Escapes, Stopped, Becomes } What = Escapes;
  /// Becomes: the class it leaves as (a handler rethrowing its parameter by
  /// value slices it to the caught class).
  std::string Type;
  /// Stopped: the line of the handler that stops it.
  unsigned HandlerLine = 0;
};

/// A call of another function written in a summarised function.
struct IndexCall {
  std::string Usr;  // the callee's
  std::string Name; // the callee, as diagnostics name it ("'ns::f'", "lambda in 'g'")
  IndexLocation At;
  /// The caught classes of the handlers around the call, innermost first
  /// ("..." for `catch (...)`); empty outside any try block, where every
  /// exception of the callee escapes.
  std::vector<std::string> Handlers;
  /// What the handlers do with each exception class the writer knew of (the
  /// models' classes and what the handlers turn them into), decided with the
  /// writer's class hierarchy. A class not listed is matched against
  /// Handlers by name.
  std::map<std::string, CallOutcome> Outcomes;
};

/// A call of a modelled function whose exception leaves the function.
struct IndexThrow {
  std::string Type;
  std::string Api;
  IndexLocation At;
};

/// One function, independent of any AST: what escapes it by itself and
/// whom it calls.
struct IndexFunction {
  std::string Usr;
  std::string Name; // as diagnostics name it ("'ns::f'", "lambda in 'g'")
  IndexLocation At;
  std::vector<IndexThrow> Throws;
  std::vector<IndexCall> Calls;
};

/// The summaries of one translation unit.
struct UnitSummary {
  /// The main file, relative to the working tree root.
  std::string Unit;
  /// Every repository file the unit read, with its git blob id.
  std::map<std::string, std::string> Files;
  std::vector<IndexFunction> Functions;
};

llvm::json::Value toJSON(const UnitSummary &Unit);
llvm::Expected<UnitSummary> unitFromJSON(const llvm::json::Value &Value);
/// One function of a unit's summaries, as toJSON writes it; \p UnitName is
/// for the error.
llvm::json::Value functionToJSON(const IndexFunction &F);
llvm::Expected<IndexFunction> functionFromJSON(const llvm::json::Value &Value,
                                               llvm::StringRef UnitName);

class IndexTable;

/// Whether a table file may be mapped rather than read into memory. A file
/// rewritten in place (truncated) under a mapping takes the process down,
/// and a long-lived process (an editor's) cannot rule that out; failguard
/// writes tables whole and renames them into place. failguard-tidy and
/// failguard-index, which live for one analysis or one query of tables the
/// driver wrote, map them: an analysis then pays for the pages it reads,
/// not for a copy of the index. Off by default.
void setIndexTablesMapped(bool Mapped);

/// The summaries of a project's translation units. A function defined in
/// several units (an inline function of a header) is taken from the first
/// unit in path order.
///
/// Two forms: the JSON text (IndexFormat: what failguard-tidy writes for a
/// unit, and what travels between machines), read whole; and the table
/// (IndexTableFormat, lib/IndexTable.h: what git-failguard assembles for the
/// checks), mapped, whose functions and callers are read when asked for, so
/// that an analysis pays for what it looks up, not for the project.
class SummaryIndex {
public:
  /// Parses an index file of either form (the table is copied). The error
  /// says what is wrong in a few words.
  static llvm::Expected<std::shared_ptr<const SummaryIndex>> parse(llvm::StringRef Text);
  /// An index of either form held by \p Buffer. A table is read from it in
  /// place, as asked; from a mapped file, only when tables may be mapped
  /// (setIndexTablesMapped), else from a copy.
  static llvm::Expected<std::shared_ptr<const SummaryIndex>>
  read(std::unique_ptr<llvm::MemoryBuffer> Buffer);
  /// Reads \p Path, a regular file private enough to trust, once per
  /// process while its size and time stay the same. Safe from any thread.
  static llvm::Expected<std::shared_ptr<const SummaryIndex>> load(llvm::StringRef Path);

  /// The functions of \p Preferred units (refreshed in this process) come
  /// before those of \p Units.
  explicit SummaryIndex(std::vector<UnitSummary> Units, std::vector<UnitSummary> Preferred = {});
  explicit SummaryIndex(std::unique_ptr<const IndexTable> Table);
  ~SummaryIndex();

  /// Every unit with all its functions (a table is read whole, once; a
  /// damaged unit is left out, with a warning).
  const std::vector<UnitSummary> &units() const;
  /// The unit named \p Name whole, if the index has it (a table reads that
  /// unit only).
  llvm::Expected<std::optional<UnitSummary>> unitNamed(llvm::StringRef Name) const;
  /// For a table: whether it is whole (its digest, the order its lookups
  /// rest on), without parsing it.
  llvm::Error verify() const;
  /// For a table: whether it is whole and every unit of it reads (what units() would leave
  /// out). An index parsed from JSON was checked whole already.
  llvm::Error check() const;
  /// The function with \p Usr, and the unit it comes from (for a table, the
  /// unit holds its name and files only).
  std::pair<const IndexFunction *, const UnitSummary *> function(llvm::StringRef Usr) const;
  /// The calls of \p Usr in every summarised function: (caller, unit, call).
  struct Caller {
    const IndexFunction *Function;
    const UnitSummary *Unit;
    const IndexCall *Call;
  };
  llvm::ArrayRef<Caller> callersOf(llvm::StringRef Usr) const;
  /// A digest of the text it was parsed from, for cache keys; empty for an
  /// index made in memory (a refresh laid over a loaded one).
  llvm::StringRef digest() const { return Digest; }

  /// The index as text (IndexFormat).
  std::string serialise() const;
  /// The index as a table (IndexTableFormat).
  std::string table() const;
  /// Whether it was read from a table.
  bool isTable() const { return Table != nullptr; }
  /// The table it was read from (null: JSON, or made in memory).
  const IndexTable *tableForm() const { return Table.get(); }

private:
  void indexUnits();

  // In memory (parsed from JSON or made); for a table, filled by units().
  mutable std::vector<UnitSummary> Units;
  llvm::StringMap<std::pair<const IndexFunction *, const UnitSummary *>> ByUsr;
  llvm::StringMap<std::vector<Caller>> Callers;
  std::string Digest;
  // Read from a table.
  std::unique_ptr<const IndexTable> Table;
  mutable std::once_flag AllUnits;
};

/// One step of a path through other translation units.
struct RemoteHop {
  std::string Function; // where the call is written
  std::string Callee;   // the function called; the modelled one at the last hop
  IndexLocation At;
};

/// A modelled exception that escapes a function known from the index.
struct RemoteEscape {
  std::string Type;
  std::string Api;
  /// Calls between the function's entry and the modelled call (0: the
  /// function calls the modelled function itself).
  unsigned Depth = 0;
  /// From the function down to the modelled call; Hops.size() == Depth + 1.
  std::vector<RemoteHop> Hops;
};

/// Whether a handler of class \p Handler ("..." for `catch (...)`) catches
/// an exception of class \p Thrown, both known by qualified name only.
bool handlerCatchesByName(llvm::StringRef Handler, llvm::StringRef Thrown);

/// The index as one translation unit sees it: whole-program escapes of the
/// functions it calls but does not define, composed over the index to a
/// fixpoint (recursive cycles across units end). A function whose defining
/// file differs from what the index recorded (\p Fresh says no) is not
/// trusted: it is as if it were not in the index.
class IndexView {
public:
  using FreshFn = std::function<bool(const UnitSummary &Unit, llvm::StringRef File)>;
  IndexView(std::shared_ptr<const SummaryIndex> Index, FreshFn Fresh);
  ~IndexView();

  /// What escapes the function \p Usr; empty when it is unknown or stale.
  const std::vector<RemoteEscape> &escapesOf(llvm::StringRef Usr);

  /// Whether the function \p Usr is in the index and fresh.
  bool knows(llvm::StringRef Usr);

  /// The callers of \p Usr outside \p ExceptUnit that the index knows, and
  /// whether each stops an exception of class \p Type at the call (true) or
  /// lets it through (false).
  std::vector<std::pair<const SummaryIndex::Caller *, bool>>
  callersHandling(llvm::StringRef Usr, llvm::StringRef Type, llvm::StringRef ExceptUnit);

  const SummaryIndex &index() const { return *Index; }

  /// What the view could not answer, gathered for git-failguard, which
  /// analyses a unit again when the index later gains one of them: the
  /// functions asked for that it does not know (or knows only stale), and
  /// the functions whose callers were asked for.
  struct Gaps {
    llvm::StringSet<> Functions;
    llvm::StringSet<> Callers;
  };
  /// Adds this view's gaps to \p Into (which outlives the view), from now on.
  void recordGaps(Gaps *Into) { Record = Into; }

private:
  struct Node;
  Node &node(llvm::StringRef Usr);
  void solve(llvm::StringRef Usr);

  std::shared_ptr<const SummaryIndex> Index;
  FreshFn Fresh;
  llvm::StringMap<bool> FreshFiles;
  llvm::StringMap<std::unique_ptr<Node>> Nodes;
  Gaps *Record = nullptr;
};

/// What an exception of class \p Type becomes at \p Call: nothing when a
/// handler stops it, else the class it leaves as.
std::optional<std::string> throughCall(const IndexCall &Call, llvm::StringRef Type);

/// The format of what a unit asked the index in vain (IndexView::Gaps), as
/// written for git-failguard: a first line IndexGapsFormat, then "function
/// USR" and "callers USR" lines.
inline constexpr llvm::StringLiteral IndexGapsFormat = "failguard-index-gaps-1";

/// The gaps of \p Text, or nothing when it is not that format, whole.
std::optional<IndexView::Gaps> parseIndexGaps(llvm::StringRef Text);

/// The names of the units of \p Now whose functions call, directly or
/// through other functions, a function defined in one of \p ChangedFiles
/// (repository paths) through which a modelled exception may leave (a call
/// inside `catch (...)` stops it), when that function is new or behaves
/// otherwise (its modelled calls, its calls with their handlers) than at the
/// baseline \p Before. Without a baseline every such function counts. The
/// units are the ones whose escapes may have changed although their own
/// files did not.
std::vector<std::string> unitsReaching(llvm::ArrayRef<UnitSummary> Now,
                                       const std::vector<UnitSummary> *Before,
                                       const std::set<std::string> &ChangedFiles);

/// The same answer from a table \p Now, at the cost of the change: it reads
/// the functions defined in the changed files, the functions their calls
/// reach until one lets a modelled exception out, and the callers of what
/// is reached, not the project. \p Before (either form) is looked up.
llvm::Expected<std::vector<std::string>> unitsReaching(const IndexTable &Now,
                                                       const SummaryIndex *Before,
                                                       const std::set<std::string> &ChangedFiles);

/// What a unit asked the index in vain (nothing: unknown), and the units
/// whose new summaries the index it read had already.
struct AskedOfIndex {
  std::string Unit;
  std::optional<IndexView::Gaps> Gaps;
  std::set<std::string> Seen = {};
};

/// The units of \p Asked whose gaps the units \p Added now answer: a
/// function one of the others defines, or the callers of a function one of
/// the others calls (a unit's own functions never come from the index),
/// other than those it had seen. A unit whose gaps are unknown is in the
/// answer.
std::vector<std::string> unitsAnswered(llvm::ArrayRef<UnitSummary> Added,
                                       llvm::ArrayRef<AskedOfIndex> Asked);

/// The units \p Names of \p Index in levels, callees first: a unit comes
/// after every unit of \p Pending (all of them when empty) whose functions
/// its functions call, directly or through functions of other units, unless
/// they call each other (a cycle is one level).
/// A unit the index lacks calls nothing it knows. Each level sorted; every
/// name once.
llvm::Expected<std::vector<std::vector<std::string>>>
unitLevels(const SummaryIndex &Index, const std::vector<std::string> &Names,
           const std::set<std::string> &Pending = {});

/// One index of the units of \p Inputs ((name, units) each, the name for
/// the error): a unit in several inputs is taken once when its summaries are
/// the same; when they differ, the error names the unit and both inputs.
llvm::Expected<std::vector<UnitSummary>>
mergeUnits(std::vector<std::pair<std::string, std::vector<UnitSummary>>> Inputs);

/// Where the index of the repository at \p Root lives by default under the
/// cache directory \p CacheDirectory: `<cache>/index/<first 16 hex digits
/// of SHA-256 of the root's real path>.fgindex` (a table).
std::string defaultIndexPath(llvm::StringRef CacheDirectory, llvm::StringRef Root);

} // namespace failguard

#endif
