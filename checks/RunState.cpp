// What one failguard-tidy run was told (the run file) and what it gathers for its outputs.
#include "checks/RunState.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"

#include <atomic>

namespace failguard {

namespace {
std::atomic<RunState *> Active{nullptr};
} // namespace

void setActiveRun(RunState *Run) { Active = Run; }
RunState *activeRun() { return Active; }

UnitRecord &RunState::unit(llvm::StringRef MainFile) {
  std::lock_guard<std::mutex> Lock(Mutex);
  for (UnitRecord &Unit : Units)
    if (Unit.File == MainFile)
      return Unit;
  Units.push_back({MainFile.str(), {}, {}, {}, std::nullopt, std::nullopt});
  return Units.back();
}

std::vector<UnitRecord> RunState::units() const {
  std::lock_guard<std::mutex> Lock(Mutex);
  return std::vector<UnitRecord>(Units.begin(), Units.end());
}

void recordEnabledCheck(const clang::SourceManager &SM, llvm::StringRef Check) {
  RunState *Run = activeRun();
  if (!Run)
    return;
  std::vector<std::string> &Checks = Run->unit(mainFileOf(SM)).Checks;
  if (!llvm::is_contained(Checks, Check))
    Checks.push_back(Check.str());
}

std::string mainFileOf(const clang::SourceManager &SM) {
  clang::OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
  if (!Main)
    return "";
  llvm::SmallString<256> Path(Main->getName());
  SM.getFileManager().makeAbsolutePath(Path);
  return std::string(Path);
}

std::pair<std::string, unsigned> exportedPosition(const clang::SourceManager &SM,
                                                  clang::SourceLocation Loc) {
  // As clang::tooling::DiagnosticMessage records a diagnostic's place.
  clang::SourceLocation File = SM.getFileLoc(Loc);
  return {SM.getFilename(File).str(), SM.getFileOffset(File)};
}

} // namespace failguard
