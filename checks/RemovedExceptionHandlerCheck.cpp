// failguard-removed-exception-handler
#include "checks/RemovedExceptionHandlerCheck.h"

#include "checks/Messages.h"
#include "checks/Nolint.h"

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/MapVector.h"

#include <map>

using namespace clang;

namespace failguard {

void RemovedExceptionHandlerCheck::compare(TranslationUnitAnalysis &Unit,
                                           const BaselineState &State) {
  FailguardContext &Shared = FailguardContext::of(Unit.context());
  const SourceManager &SM = Unit.context().getSourceManager();
  BaselineCommit = State.Before->Commit;
  for (const RemovedHandler &Found : findRemovedHandlers(Unit, State)) {
    CallSuppression Nolint = callSuppression(SM, *Found.Function, *Found.Site, CheckName);
    if (Nolint.any()) {
      // Silenced here, and in the escape check's warning at the same call.
      Shared.addNolintSite(CheckName, Found.Site);
      continue;
    }
    std::vector<DiagnosticText> Lines = removedHandlerLines(Unit, Found, *State.Before);
    // A view whose check the host silences is not shown through the escape check either.
    if (!hostSuppresses(CheckName))
      Shared.addRemovedHandlerView(Found.Site, Lines);
    std::vector<std::pair<std::string, unsigned>> Places;
    for (const HandledFact *Was : Found.Handlers)
      Places.push_back({Was->HandlerFile, Was->HandlerLine});
    llvm::sort(Places);
    Places.erase(std::unique(Places.begin(), Places.end()), Places.end());
    const HandledFact *First = Found.Handlers.empty() ? nullptr : Found.Handlers.front();
    Findings.push_back({Found.Site, Found.Site->getSourceRange(), std::move(Lines),
                        functionIdentity(Unit, *Found.Function),
                        First ? First->HandlerFile : "", First ? First->HandlerLine : 0,
                        Found.Function, std::move(Places), removedHandlerSummary(Found),
                        Found.Remote ? remoteHopNotes(Unit, *Found.Remote, Found.Site->getExprLoc())
                                     : std::vector<DiagnosticText>(),
                        statementText(SM, Unit.context().getLangOpts(), *Found.Function,
                                      *Found.Site),
                        Found.Types});
  }
}

void RemovedExceptionHandlerCheck::onEndOfTranslationUnit() {
  if (!Current)
    return;
  FailguardContext &Shared = FailguardContext::of(*Current);
  // One warning per baseline handler set of a function, at its first call.
  using GroupKey = std::pair<const clang::FunctionDecl *, std::vector<std::pair<std::string, unsigned>>>;
  llvm::MapVector<GroupKey, std::vector<const Finding *>, std::map<GroupKey, unsigned>> Groups;
  for (const Finding &F : Findings) {
    // failguard-auth-exception-escape reports this call, with this view as
    // notes, or a NOLINT naming it silences the call's one warning.
    if (Shared.escapeReportedAt(F.Site) || Shared.nolintAt(EscapeCheckName, F.Site))
      continue;
    Groups[{F.Decl, F.HandlerPlaces}].push_back(&F);
  }
  const SourceManager &SM = Current->getSourceManager();
  for (auto &[Key, Members] : Groups) {
    // The warning at the group's first call in the source.
    llvm::stable_sort(Members, [&](const Finding *A, const Finding *B) {
      SourceLocation LA = A->Site->getExprLoc(), LB = B->Site->getExprLoc();
      if (LA != LB)
        return SM.isBeforeInTranslationUnit(LA, LB);
      return A->Summary < B->Summary; // calls of one expression: by name
    });
    const Finding &F = *Members.front();
    diag(F.Lines.front().Loc, "%0") << F.Lines.front().Message << F.Range;
    std::vector<BaselinePlace> NoteBaselines;
    for (size_t I = 1; I < F.Lines.size(); ++I) {
      diag(F.Lines[I].Loc, "%0", DiagnosticIDs::Note) << F.Lines[I].Message;
      NoteBaselines.push_back(F.Lines[I].AtBaseline);
    }
    for (size_t I = 1; I < Members.size(); ++I) {
      diag(Members[I]->Lines.front().Loc, "the same handler also covered %0",
           DiagnosticIDs::Note)
          << Members[I]->Summary;
      NoteBaselines.emplace_back();
      for (const DiagnosticText &Note : Members[I]->PathNotes) {
        diag(Note.Loc, "%0", DiagnosticIDs::Note) << Note.Message;
        NoteBaselines.emplace_back();
      }
    }
    // The group's exceptions, and the statement of its first call.
    std::vector<std::string> Types;
    for (const Finding *Member : Members)
      Types.insert(Types.end(), Member->Types.begin(), Member->Types.end());
    recordFinding(*Current, CheckName, F.Lines.front().Loc, F.Function, BaselineCommit,
                  F.BaselineFile, F.BaselineLine, F.Statement, std::move(Types),
                  std::move(NoteBaselines));
  }
  Findings.clear();
  endUnit();
}

} // namespace failguard
