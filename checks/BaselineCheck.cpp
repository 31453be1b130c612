// Shared base of the checks that judge a translation unit against a git baseline.
#include "checks/BaselineCheck.h"

#include "checks/FailguardContext.h"
#include "checks/RunState.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace failguard {

namespace {

// Parses the baseline as the unit's own parse begins, when the main file
// differs from it: the baseline's AST is gone before the unit's grows, so the
// two are never in memory together. check() then finds it remembered.
class PrefetchBaseline : public PPCallbacks {
public:
  PrefetchBaseline(Preprocessor &PP, const AnalysisOptions &Analysis)
      : PP(PP), Analysis(Analysis) {}
  void FileChanged(SourceLocation Loc, FileChangeReason Reason, SrcMgr::CharacteristicKind,
                   FileID) override {
    if (Done || Reason != EnterFile)
      return;
    const SourceManager &SM = PP.getSourceManager();
    if (SM.getFileID(Loc) != SM.getMainFileID())
      return;
    Done = true;
    prefetchBaseline(Analysis.Baseline, PP, Analysis.Settings->Model, Analysis.Settings->Nullable);
  }

private:
  Preprocessor &PP;
  const AnalysisOptions &Analysis;
  bool Done = false;
};

} // namespace

BaselineCheck::BaselineCheck(StringRef Name, tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), CheckName(Name.str()), Tidy(Context), ConfigErrors(*Context, Name),
      Analysis(Options, *Context, Name, ConfigErrors) {}

void BaselineCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Analysis.store(Options, Opts, /*WithBaseline=*/true);
}

void BaselineCheck::registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                                        Preprocessor *) {
  this->PP = PP;
  ConfigErrors.publish(SM);
  recordEnabledCheck(SM, CheckName);
  // One of the baseline checks parses ahead: the one that reports a missing
  // baseline (a second would only find it remembered).
  if (PP && (!Tidy->isCheckEnabled(RemovedHandlerCheckName) || CheckName == RemovedHandlerCheckName))
    PP->addPPCallbacks(std::make_unique<PrefetchBaseline>(*PP, Analysis));
}

void BaselineCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(translationUnitDecl().bind("unit"), this);
}

void BaselineCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  Current = &Ctx;
  TranslationUnitAnalysis &Unit = FailguardContext::of(Ctx).analysis(Ctx, PP, Analysis.Settings);
  const BaselineState &State = Unit.baseline(Analysis.Baseline);
  if (!State.Before) {
    // One diagnostic per translation unit says why: the removed-handler
    // check's when it is enabled, this check's otherwise.
    bool Reporter = !Tidy->isCheckEnabled(RemovedHandlerCheckName) ||
                    CheckName == RemovedHandlerCheckName;
    if (!Analysis.ReportMissingBaseline || !Reporter)
      return;
    const SourceManager &SM = Ctx.getSourceManager();
    SourceLocation Start = SM.getLocForStartOfFile(SM.getMainFileID());
    diag(Start, "%0") << State.Error;
    if (RunState *Run = activeRun()) {
      UnitRecord &Record = Run->unit(mainFileOf(SM));
      Record.Problems.push_back({"no-baseline", CheckName, State.Error});
      auto [File, Offset] = exportedPosition(SM, Start);
      Record.Details.push_back({CheckName, File, Offset, "", "", "", 0, /*IsProblem=*/true});
    }
    return;
  }
  if (State.Before->Unchanged || State.Before->NewFile)
    return;
  compare(Unit, State);
}

} // namespace failguard

namespace failguard {

void BaselineCheck::endUnit() {
  if (Current)
    FailguardContext::of(*Current).endOfUnit(*Current);
  Current = nullptr;
}

} // namespace failguard
