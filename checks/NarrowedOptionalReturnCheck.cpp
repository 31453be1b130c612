// failguard-narrowed-optional-return
#include "checks/NarrowedOptionalReturnCheck.h"

#include "checks/DiagnosticText.h"
#include "checks/Nolint.h"
#include "lib/NameMatching.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace failguard {

void NarrowedOptionalReturnCheck::compare(const Baseline &Before, ASTContext &Ctx,
                                          ExceptionFlow &, FactsCollector &Collector) {
  llvm::StringSet<> Names;
  for (const FunctionFact &F : Before.Facts.Functions)
    if (F.Class != ReturnClass::Plain)
      Names.insert(unqualifiedName(F.Name));
  if (Names.empty())
    return;

  // One finding per function: at its definition when this translation unit
  // has one, else at its first declaration.
  FunctionMatcher Matcher(Before.Facts, Collector);
  llvm::MapVector<const FunctionFact *, const FunctionDecl *> Current;
  for (const FunctionDecl *FD : Collector.repositoryFunctions()) {
    // Matching costs more than names: only functions named as one that
    // returned an optional- or result-like type are matched.
    if (isLambdaCallOperator(*FD) || !Names.contains(unqualifiedName(*FD)))
      continue;
    const FunctionFact *Was = Matcher.baselineOf(*FD);
    if (!Was || Was->Class == ReturnClass::Plain)
      continue;
    auto [Slot, Inserted] = Current.insert({Was, FD});
    if (!Inserted && FD->isThisDeclarationADefinition())
      Slot->second = FD;
  }

  PrintingPolicy Policy = Ctx.getPrintingPolicy();
  for (const auto &[Was, FD] : Current) {
    if (nullable().classify(FD->getReturnType()) != ReturnClass::Plain)
      continue;
    SourceLocation Loc = FD->getBeginLoc();
    // A function template's declaration starts at `template`, lines above
    // the warning: a NOLINT there counts as one at the warning's line.
    if (const FunctionTemplateDecl *Template = FD->getDescribedFunctionTemplate()) {
      const SourceManager &SM = Ctx.getSourceManager();
      SourceLocation Begin = Template->getBeginLoc();
      if (SM.getExpansionLineNumber(Begin) != SM.getExpansionLineNumber(Loc) &&
          nolintSuppresses(SM, Begin, checkName()))
        continue;
    }
    // A deduced type says more by what it was deduced to.
    llvm::StringRef Returned =
        Was->ReturnDesugared.empty() ? Was->ReturnWritten : Was->ReturnDesugared;
    diag(Loc, "%0 returned %1 type '%2' in %3 but now returns '%4', which cannot report "
              "failure")
        << describeFunction(*FD) << describe(Was->Class) << Returned << Before.describe()
        << FD->getReturnType().getAsString(Policy) << FD->getReturnTypeSourceRange();
    if (Matcher.signatureChanged(*FD, *Was))
      diag(Loc, "%0 declared it as %1 at %2:%3", DiagnosticIDs::Note)
          << Before.describe() << quoted(Was->Name + Was->Signature) << Was->File << Was->Line;
    else
      diag(Loc, "%0 declared it at %1:%2", DiagnosticIDs::Note)
          << Before.describe() << Was->File << Was->Line;
  }
}

} // namespace failguard
