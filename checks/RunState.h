// What one failguard-tidy run was told (the run file) and what it gathers for its outputs.
#ifndef FAILGUARD_CHECKS_RUNSTATE_H
#define FAILGUARD_CHECKS_RUNSTATE_H

#include "lib/RunFile.h"
#include "lib/SummaryIndex.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class SourceLocation;
class SourceManager;
} // namespace clang

namespace failguard {

/// What kept a check from judging a unit (docs/architecture.md, the results file).
struct UnitProblem {
  std::string Kind; // "no-baseline", "configuration", "compile-errors"
  std::string Check;
  std::string Message;
};

/// A place in the baseline commit (a file relative to the repository); an
/// empty File: none.
struct BaselinePlace {
  std::string Commit;
  std::string File;
  unsigned Line = 0;
};

/// What programs need of a finding besides its text: keyed by where clang-tidy
/// puts it (check, file as the source manager names it, offset).
struct FindingDetails {
  std::string Check;
  std::string File;
  unsigned Offset = 0;
  /// The USR (or lambda identity) of the function the finding is in.
  std::string Function;
  /// Where the baseline had what is missing now; empty File: nothing to say.
  std::string BaselineCommit;
  std::string BaselineFile;
  unsigned BaselineLine = 0;
  /// The diagnostic is a problem, not a finding (a "no baseline" warning).
  bool IsProblem = false;
  /// What identifies the finding in the code, whatever lines move: the
  /// statement that holds the call (comments and white space left out) and the
  /// exception classes, sorted. Empty for a finding about a function.
  std::string Statement;
  std::vector<std::string> Exceptions;
  /// For each note, in the order the notes are emitted, the baseline place it
  /// names (a handler that is gone, a declaration as it was), if any.
  std::vector<BaselinePlace> NoteBaselines;
};

/// One translation unit the run analysed.
struct UnitRecord {
  std::string File; // the main file, absolute
  std::vector<std::string> Checks;
  std::vector<UnitProblem> Problems;
  std::vector<FindingDetails> Details;
  std::optional<UnitSummary> Summary;
  /// The unit's request boundaries for the edge-case plan (lib/Plan).
  std::optional<llvm::json::Array> Plan;
};

/// The run of one failguard-tidy process. Only failguard-tidy installs one
/// (setActiveRun); the clang-tidy plugin and failguard-clangd never do, so
/// what they report depends on their configuration alone.
class RunState {
public:
  explicit RunState(RunFile File) : File(std::move(File)) {}

  const RunFile File;
  /// What the summary index could not answer, across the run's units.
  IndexView::Gaps Gaps;

  /// The record of the unit whose main file is \p MainFile (made on first
  /// use; the reference stays valid).
  UnitRecord &unit(llvm::StringRef MainFile);
  std::vector<UnitRecord> units() const;

private:
  mutable std::mutex Mutex;
  std::deque<UnitRecord> Units;
};

void setActiveRun(RunState *Run);
RunState *activeRun();

/// failguard-tidy's run: \p Check is enabled for the unit of \p SM (nothing
/// when no run is active).
void recordEnabledCheck(const clang::SourceManager &SM, llvm::StringRef Check);

/// The main file of \p SM's translation unit, absolute; empty without one.
std::string mainFileOf(const clang::SourceManager &SM);

/// Where clang-tidy's exported diagnostics say \p Loc is: the file name and
/// offset of its file location.
std::pair<std::string, unsigned> exportedPosition(const clang::SourceManager &SM,
                                                  clang::SourceLocation Loc);

} // namespace failguard

#endif
