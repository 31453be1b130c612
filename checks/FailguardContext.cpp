// The state one translation unit's failguard checks share.
#include "checks/FailguardContext.h"

#include "checks/RunState.h"
#include "lib/ProjectIndex.h"
#include "lib/ProjectIndex.h"

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/raw_ostream.h"
#include <memory>
#include <mutex>

namespace failguard {

namespace {
HostSuppression InstalledHostSuppression = nullptr;

// clangd parses files on several threads; the map only finds a translation
// unit's context, each context is used by the one thread parsing that unit.
std::mutex ContextsMutex;
llvm::DenseMap<const clang::ASTContext *, std::unique_ptr<FailguardContext>> &contexts() {
  static llvm::DenseMap<const clang::ASTContext *, std::unique_ptr<FailguardContext>> Contexts;
  return Contexts;
}

// Runs in ~ASTContext: a later ASTContext at the same address gets a new context.
void forget(void *Ctx) {
  std::unique_ptr<FailguardContext> Gone;
  std::lock_guard<std::mutex> Lock(ContextsMutex);
  auto It = contexts().find(static_cast<const clang::ASTContext *>(Ctx));
  if (It == contexts().end())
    return;
  Gone = std::move(It->second);
  contexts().erase(It);
}
} // namespace

void setHostSuppression(HostSuppression Suppresses) { InstalledHostSuppression = Suppresses; }

bool hostSuppresses(llvm::StringRef Check) {
  return InstalledHostSuppression && InstalledHostSuppression(Check);
}

FailguardContext &FailguardContext::of(const clang::ASTContext &Ctx) {
  std::lock_guard<std::mutex> Lock(ContextsMutex);
  auto [It, Inserted] = contexts().try_emplace(&Ctx);
  if (Inserted) {
    It->second = std::make_unique<FailguardContext>();
    Ctx.AddDeallocation(forget, const_cast<clang::ASTContext *>(&Ctx));
  }
  return *It->second;
}

TranslationUnitAnalysis &
FailguardContext::analysis(clang::ASTContext &Ctx, clang::Preprocessor *PP,
                           std::shared_ptr<const AnalysisSettings> Settings) {
  std::unique_ptr<TranslationUnitAnalysis> &Slot = Analyses[Settings->key()];
  if (!Slot) {
    Slot = std::make_unique<TranslationUnitAnalysis>(Ctx, PP, std::move(Settings));
    if (!First)
      First = Slot.get();
  }
  return *Slot;
}

TranslationUnitAnalysis *FailguardContext::anyAnalysis() { return First; }

void FailguardContext::addRemovedHandlerView(const clang::Expr *Site,
                                             std::vector<DiagnosticText> View) {
  RemovedHandlerViews[Site].push_back(std::move(View));
}

llvm::ArrayRef<std::vector<DiagnosticText>>
FailguardContext::removedHandlerViews(const clang::Expr *Site) const {
  auto It = RemovedHandlerViews.find(Site);
  if (It == RemovedHandlerViews.end())
    return {};
  return It->second;
}

void FailguardContext::endOfUnit(clang::ASTContext &Ctx) {
  if (Ended)
    return;
  Ended = true;
  RunState *Run = activeRun();
  bool ForRun = Run && !Run->File.Summaries.empty();
  if (!ForRun && !refreshIndexInProcess())
    return;
  TranslationUnitAnalysis *Summarised = nullptr;
  for (auto &Entry : Analyses)
    if (Entry.second->settings().RecordUserCalls)
      Summarised = Entry.second.get();
  if (!Summarised)
    return;
  // A unit with compile errors has a partial AST: its summaries would say
  // less than its code does. Nothing is written (the index keeps, or lacks,
  // the unit's previous summaries).
  if (Ctx.getDiagnostics().hasUncompilableErrorOccurred()) {
    if (ForRun)
      llvm::errs() << "failguard: error: no summaries: the translation unit has compile errors\n";
    return;
  }
  const std::optional<std::string> &Root = Summarised->repositoryRoot();
  if (!Root) {
    if (ForRun)
      llvm::errs() << "failguard: error: no summaries: the translation unit is not in a git "
                      "working tree\n";
    return;
  }
  UnitSummary Unit = Summarised->summaries();
  if (ForRun) {
    Run->unit(mainFileOf(Ctx.getSourceManager())).Summary = std::move(Unit);
    return;
  }
  const AnalysisSettings &Settings = Summarised->settings();
  std::string Path = projectIndexPath(Settings.IndexFile, Settings.CacheDirectory, *Root);
  if (!Path.empty())
    refreshInProcess(Path, std::move(Unit));
}

} // namespace failguard
