// failguard-auth-exception-escape
#include "checks/AuthExceptionEscapeCheck.h"

#include "checks/DiagnosticText.h"
#include "checks/FailguardContext.h"
#include "checks/Messages.h"
#include "checks/Nolint.h"
#include "checks/RunState.h"
#include "lib/NameMatching.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <set>
#include <tuple>

using namespace clang;
using namespace clang::ast_matchers;

namespace failguard {

namespace {
// Diagnostics name at most this many types or functions, then "and N more".
constexpr size_t ListedNames = 3;

std::vector<std::string> quotedAll(llvm::ArrayRef<std::string> Names) {
  std::vector<std::string> Out;
  for (const std::string &Name : Names)
    Out.push_back(quoted(Name));
  return Out;
}
} // namespace

AuthExceptionEscapeCheck::AuthExceptionEscapeCheck(StringRef Name,
                                                   tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), CheckName(Name.str()), ConfigErrors(*Context, Name),
      Analysis(Options, *Context, Name, ConfigErrors),
      Escapes(Options, Name, Analysis, ConfigErrors) {}

void AuthExceptionEscapeCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Analysis.store(Options, Opts, /*WithBaseline=*/Escapes.OnlyChangedFunctions);
  Escapes.store(Options, Opts);
}

void AuthExceptionEscapeCheck::registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                                                   Preprocessor *) {
  this->PP = PP;
  ConfigErrors.publish(SM);
  recordEnabledCheck(SM, CheckName);
}

void AuthExceptionEscapeCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(translationUnitDecl().bind("unit"), this);
}

void AuthExceptionEscapeCheck::check(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
  FailguardContext &Shared = FailguardContext::of(*Context);
  Unit = &Shared.analysis(*Context, PP, Analysis.Settings);
  const SourceManager &SM = Context->getSourceManager();
  for (EscapeReport &Found : findEscapeReports(*Unit, Escapes.Policy)) {
    CallSuppression Nolint = callSuppression(SM, *Found.Function, *Found.Site, CheckName);
    // A NOLINT naming this check silences the removed-handler check's warning
    // at the call too; a call whose warning the host drops is left to it.
    if (Nolint.any())
      Shared.addNolintSite(CheckName, Found.Site);
    else if (!hostSuppresses(CheckName))
      Shared.addEscapeSite(Found.Site);
    Reports.push_back({std::move(Found), Nolint.AtStatement});
  }
}

std::string AuthExceptionEscapeCheck::describeBoundary(const EscapeReport &Report) const {
  const FunctionDecl &FD = *Report.Function;
  switch (Report.Why.What) {
  case Boundary::Registered:
    return "request handler " + describeFunction(FD) + " registered through " +
           quoted(Report.Why.Via);
  case Boundary::Override:
    return "request handler " + describeFunction(FD);
  case Boundary::Middleware:
    return "middleware " + describeFunction(FD) + " of " + quoted(Report.Why.Via) +
           ", which runs for every request";
  case Boundary::Coroutine:
    return "coroutine " + describeFunction(FD) + " returning " + quoted(Report.Why.Via) +
           ", which terminates the process on an exception";
  case Boundary::Configured:
    return "boundary function " + describeFunction(FD);
  case Boundary::Destructor:
    return "destructor " + describeFunction(FD);
  case Boundary::Noexcept:
    return (isLambdaCallOperator(FD) ? "noexcept " : "noexcept function ") + describeFunction(FD);
  case Boundary::NullableReturn:
    break;
  }
  QualType Returned = FD.getReturnType();
  return describeFunction(FD) + ", which reports failure through its " +
         describe(Unit->settings().Nullable.classify(Returned)).str() + " return type " +
         quoted(Returned.getAsString(FD.getASTContext().getPrintingPolicy()));
}

void AuthExceptionEscapeCheck::onEndOfTranslationUnit() {
  if (!Context || !Unit)
    return;
  FailguardContext &Shared = FailguardContext::of(*Context);
  ExceptionFlow &Flow = Unit->flow();
  for (const Report &R : Reports) {
    // A NOLINT naming failguard-removed-exception-handler at the call
    // silences the one warning of the call as well.
    if (R.SuppressedAtStatement || Shared.nolintAt(RemovedHandlerCheckName, R.Found.Site))
      continue;
    const EscapeReport &Found = R.Found;
    const Expr *Site = Found.Site;
    diag(Site->getExprLoc(),
         "%select{exception|exceptions}0 %1 thrown by %2 %select{escapes|escape}0 %3; "
         "catch %select{it|them}0 in %4")
        << (Found.Types.size() > 1) << describeList(quotedAll(Found.Types), ListedNames)
        << describeList(quotedAll(Found.Apis), ListedNames) << describeBoundary(Found)
        << describeFunction(*Found.Function) << Site->getSourceRange();
    // The place at the baseline each note names, in the order of the notes.
    std::vector<BaselinePlace> NoteBaselines;

    llvm::SmallPtrSet<const Expr *, 8> NotedHops;
    std::set<std::tuple<std::string, unsigned, unsigned>> NotedRemoteHops;
    for (const Escape *First : Found.FirstPerApi) {
      std::vector<const Escape *> Path = Flow.path(*First);
      for (size_t I = 1; I < Path.size(); ++I) {
        const Escape &Hop = *Path[I];
        const FunctionDecl &Caller = *Path[I - 1]->Callee;
        if (Hop.CalleeEscape < 0 && !Hop.Remote) {
          diag(Hop.Site->getExprLoc(), "%0 is called here in %1 without a handler for %2",
               DiagnosticIDs::Note)
              << quoted(Hop.ApiName) << describeFunction(Caller) << quoted(Hop.TypeName);
          NoteBaselines.emplace_back();
        } else if (NotedHops.insert(Hop.Site).second) {
          diag(Hop.Site->getExprLoc(), "%0 lets it escape through this call to %1",
               DiagnosticIDs::Note)
              << describeFunction(Caller) << describeFunction(*Hop.Callee);
          NoteBaselines.emplace_back();
        }
      }
      // Beyond this unit: the hops the project index knows, where they are.
      const Escape &Last = *Path.back();
      if (!Last.Remote)
        continue;
      std::vector<DiagnosticText> Notes =
          remoteHopNotes(*Unit, *Last.Remote, Last.Site->getExprLoc());
      for (size_t I = 0; I < Notes.size(); ++I) {
        const IndexLocation &At = Last.Remote->Hops[I].At;
        if (NotedRemoteHops.insert({At.File, At.Line, At.Column}).second) {
          diag(Notes[I].Loc, "%0", DiagnosticIDs::Note) << Notes[I].Message;
          NoteBaselines.emplace_back();
        }
      }
    }

    // The same call as failguard-removed-exception-handler sees it: one
    // warning for one problem, the removed handler as its notes.
    for (const std::vector<DiagnosticText> &View : Shared.removedHandlerViews(Site))
      for (size_t I = 0; I < View.size(); ++I) {
        if (I == 0)
          diag(View[I].Loc, "also reported by %0: %1", DiagnosticIDs::Note)
              << RemovedHandlerCheckName << View[I].Message;
        else
          diag(View[I].Loc, "%0", DiagnosticIDs::Note) << View[I].Message;
        NoteBaselines.push_back(View[I].AtBaseline);
      }
    recordFinding(*Context, CheckName, Site->getExprLoc(), functionIdentity(*Unit, *Found.Function),
                  "", "", 0,
                  statementText(Context->getSourceManager(), Context->getLangOpts(),
                                *Found.Function, *Site),
                  std::vector<std::string>(Found.Types.begin(), Found.Types.end()),
                  std::move(NoteBaselines));
  }
  Shared.endOfUnit(*Context);
  Reports.clear();
  Context = nullptr;
  Unit = nullptr;
}

} // namespace failguard
