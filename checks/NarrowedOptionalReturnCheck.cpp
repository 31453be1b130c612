// failguard-narrowed-optional-return
#include "checks/NarrowedOptionalReturnCheck.h"

#include "lib/NameMatching.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace failguard {

void NarrowedOptionalReturnCheck::compare(const Baseline &Before, ASTContext &Ctx,
                                          ExceptionFlow &, FactsCollector &Collector) {
  llvm::StringMap<const FunctionFact *> Was;
  llvm::StringSet<> Names;
  for (const FunctionFact &F : Before.Facts.Functions)
    if (F.Class != ReturnClass::Plain) {
      Was[F.Key] = &F;
      Names.insert(unqualifiedName(F.Name));
    }
  if (Was.empty())
    return;

  // One finding per function: at its definition when this translation unit
  // has one, else at its first declaration.
  llvm::MapVector<llvm::StringRef, const FunctionDecl *> Current;
  std::vector<std::string> Keys;
  for (const FunctionDecl *FD : Collector.repositoryFunctions()) {
    if (isLambdaCallOperator(*FD))
      continue;
    // Keys (USRs) cost more than names: only functions named as one that
    // returned an optional- or result-like type are keyed.
    if (!Names.contains(unqualifiedName(*FD)))
      continue;
    auto It = Was.find(Collector.functionKey(*FD));
    if (It == Was.end())
      continue;
    auto [Slot, Inserted] = Current.insert({It->first(), FD});
    if (!Inserted && FD->isThisDeclarationADefinition())
      Slot->second = FD;
  }

  PrintingPolicy Policy = Ctx.getPrintingPolicy();
  for (const auto &[Key, FD] : Current) {
    if (nullable().classify(FD->getReturnType()) != ReturnClass::Plain)
      continue;
    const FunctionFact &Before_ = *Was[Key];
    SourceLocation Loc = FD->getBeginLoc();
    // A deduced type says more by what it was deduced to.
    llvm::StringRef Was = llvm::StringRef(Before_.ReturnWritten).contains("auto")
                              ? Before_.ReturnDesugared
                              : Before_.ReturnWritten;
    diag(Loc, "%0 returned %1 type '%2' in %3 but now returns '%4', which cannot report "
              "failure")
        << describeFunction(*FD) << describe(Before_.Class) << Was << Before.describe()
        << FD->getReturnType().getAsString(Policy) << FD->getReturnTypeSourceRange();
    diag(Loc, "%0 declared it at %1:%2", DiagnosticIDs::Note)
        << Before.describe() << Before_.File << Before_.Line;
  }
}

} // namespace failguard
