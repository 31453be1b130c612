// failguard-removed-exception-handler
#include "checks/RemovedExceptionHandlerCheck.h"

#include "checks/Messages.h"
#include "checks/Nolint.h"

#include "clang/AST/ASTContext.h"

using namespace clang;

namespace failguard {

void RemovedExceptionHandlerCheck::compare(TranslationUnitAnalysis &Unit,
                                           const BaselineState &State) {
  FailguardContext &Shared = FailguardContext::of(Unit.context());
  const SourceManager &SM = Unit.context().getSourceManager();
  BaselineCommit = State.Before->Commit;
  for (const RemovedHandler &Found : findRemovedHandlers(Unit, State)) {
    CallSuppression Nolint = callSuppression(SM, *Found.Function, *Found.Site, CheckName);
    if (Nolint.AtStatement)
      continue;
    std::vector<DiagnosticText> Lines = removedHandlerLines(Unit, Found, *State.Before);
    // A view whose check the host silences is not shown through the escape check either.
    if (!Nolint.any() && !hostSuppresses(CheckName))
      Shared.addRemovedHandlerView(Found.Site, Lines);
    const HandledFact *First = Found.Handlers.empty() ? nullptr : Found.Handlers.front();
    Findings.push_back({Found.Site, Found.Site->getSourceRange(), std::move(Lines),
                        functionIdentity(Unit, *Found.Function),
                        First ? First->HandlerFile : "", First ? First->HandlerLine : 0});
  }
}

void RemovedExceptionHandlerCheck::onEndOfTranslationUnit() {
  if (!Current)
    return;
  FailguardContext &Shared = FailguardContext::of(*Current);
  for (const Finding &F : Findings) {
    // failguard-auth-exception-escape reports this call, with this view as notes.
    if (Shared.escapeReportedAt(F.Site))
      continue;
    diag(F.Lines.front().Loc, "%0") << F.Lines.front().Message << F.Range;
    for (size_t I = 1; I < F.Lines.size(); ++I)
      diag(F.Lines[I].Loc, "%0", DiagnosticIDs::Note) << F.Lines[I].Message;
    recordFinding(*Current, CheckName, F.Lines.front().Loc, F.Function, BaselineCommit,
                  F.BaselineFile, F.BaselineLine);
  }
  Findings.clear();
  endUnit();
}

} // namespace failguard
