// failguard-narrowed-optional-return
#include "checks/NarrowedOptionalReturnCheck.h"

#include "checks/DiagnosticText.h"
#include "checks/FailguardContext.h"
#include "checks/Messages.h"
#include "checks/Nolint.h"
#include "lib/NameMatching.h"
#include "lib/RemovedHandlers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace failguard {

void NarrowedOptionalReturnCheck::compare(TranslationUnitAnalysis &Unit,
                                          const BaselineState &State) {
  ASTContext &Ctx = Unit.context();
  const Baseline &Before = *State.Before;
  PrintingPolicy Policy = Ctx.getPrintingPolicy();
  const SourceManager &SM = Ctx.getSourceManager();
  for (const NarrowedReturn &Found : findNarrowedReturns(Unit, State)) {
    const FunctionDecl &FD = *Found.Function;
    const FunctionFact &Was = *Found.Was;
    SourceLocation Loc = FD.getBeginLoc();
    // A function template's declaration starts at `template`, lines above
    // the warning: a NOLINT there counts as one at the warning's line.
    if (const FunctionTemplateDecl *Template = FD.getDescribedFunctionTemplate()) {
      SourceLocation Begin = Template->getBeginLoc();
      if (SM.getExpansionLineNumber(Begin) != SM.getExpansionLineNumber(Loc) &&
          nolintSuppresses(SM, Begin, CheckName))
        continue;
    }
    // A deduced type says more by what it was deduced to.
    llvm::StringRef Returned = Was.ReturnDesugared.empty() ? Was.ReturnWritten : Was.ReturnDesugared;
    diag(Loc, "%0 returned %1 type '%2' in %3 but now returns '%4', which cannot report "
              "failure")
        << describeFunction(FD) << describe(Was.Class) << Returned << Before.describe()
        << FD.getReturnType().getAsString(Policy) << FD.getReturnTypeSourceRange();
    if (Found.SignatureChanged)
      diag(Loc, "%0 declared it as %1 at %2:%3", DiagnosticIDs::Note)
          << Before.describe() << quoted(Was.Name + Was.Signature) << Was.File << Was.Line;
    else
      diag(Loc, "%0 declared it at %1:%2", DiagnosticIDs::Note)
          << Before.describe() << Was.File << Was.Line;
    recordFinding(Ctx, CheckName, Loc, functionIdentity(Unit, FD), Before.Commit, Was.File,
                  Was.Line, "", {}, {{Before.Commit, Was.File, Was.Line}});
  }
}

void NarrowedOptionalReturnCheck::onEndOfTranslationUnit() { endUnit(); }

} // namespace failguard
