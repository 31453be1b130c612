// The modelled exceptions that escape the boundaries of a translation unit.
#include "lib/EscapeReports.h"

#include "lib/NameMatching.h"
#include "lib/ProjectIndex.h"
#include "lib/TranslationUnitAnalysis.h"

#include "llvm/ADT/DenseMap.h"

using namespace clang;

namespace failguard {

namespace {

// With OnlyChangedFunctions: which functions changed since the baseline.
class ChangedFunctions {
public:
  ChangedFunctions(TranslationUnitAnalysis &Analysis, const EscapePolicy &Policy)
      : Analysis(Analysis), Policy(Policy), State(Analysis.baseline(Policy.Baseline)) {}

  /// Whether \p FD is new, its text differs from the baseline (a lambda's
  /// text is its enclosing function's), or an exception escapes it that did
  /// not at the baseline (a function on the way to the modelled call changed).
  bool changed(const FunctionDecl &FD) {
    ExceptionFlow &Flow = Analysis.flow();
    // No baseline to tell, or a new file: everything counts as changed.
    if (!State.Before || State.Before->NewFile)
      return true;
    if (State.Before->Unchanged) {
      // The unit reads what it read at the baseline; what it calls in other
      // units may have changed.
      for (const Escape &E : Flow.escapes(FD))
        if (newThroughIndex(*Flow.path(E).back()))
          return true;
      return false;
    }
    const FunctionDecl *Outer = &FD;
    while (isLambdaCallOperator(*Outer)) {
      Outer = enclosingFunction(*Outer);
      if (!Outer)
        break;
    }
    if (Outer) {
      const FunctionFact *OuterWas = State.Matcher->baselineOf(*Outer);
      if (!OuterWas || OuterWas->BodyHash != bodyHash(*Outer))
        return true;
    }
    // The text is the baseline's: changed only if something escapes that did
    // not, through a callee that changed.
    const FunctionFact *Was = State.Matcher->baselineOf(FD);
    if (!Was && !Outer)
      return true;
    for (const Escape &E : Flow.escapes(FD)) {
      EscapeFact Now{E.ApiName, E.TypeName};
      if (!Was || !llvm::is_contained(Was->Escapes, Now))
        return true;
    }
    return false;
  }

private:
  // Whether an escape ending in another unit is new since the baseline index;
  // false without one.
  bool newThroughIndex(const Escape &Last) {
    if (!Last.Remote || Policy.BaselineIndexFile.empty())
      return false;
    if (!BaselineIndex) {
      auto Index = loadProjectIndex(Policy.BaselineIndexFile, /*Named=*/true);
      if (!Index)
        return false;
      // Built by git-failguard for the baseline commit: fresh by construction.
      BaselineIndex = std::make_unique<IndexView>(std::move(Index), nullptr);
    }
    for (const RemoteEscape &Was : BaselineIndex->escapesOf(Analysis.flow().usrOf(*Last.Callee)))
      if (Was.Type == Last.Remote->Type && Was.Api == Last.Remote->Api)
        return false;
    return true;
  }

  TranslationUnitAnalysis &Analysis;
  const EscapePolicy &Policy;
  const BaselineState &State;
  std::unique_ptr<IndexView> BaselineIndex;
};

} // namespace

std::vector<EscapeReport> findEscapeReports(TranslationUnitAnalysis &Analysis,
                                            const EscapePolicy &Policy) {
  std::vector<EscapeReport> Reports;
  std::optional<ChangedFunctions> Changed;
  ExceptionFlow &Flow = Analysis.flow();
  for (const FunctionDecl *FD : Analysis.definitions()) {
    std::optional<Boundary> Why =
        Analysis.boundaries().boundaryOf(*FD, Policy.Boundaries, Analysis.settings().Nullable);
    if (!Why)
      continue;
    if (Policy.OnlyChangedFunctions) {
      if (!Changed)
        Changed.emplace(Analysis, Policy);
      if (!Changed->changed(*FD))
        continue;
    }
    // One report per call site in the boundary, naming every exception type
    // and modelled function; the path notes follow the first of each.
    llvm::DenseMap<const Expr *, size_t> BySite;
    for (const Escape &E : Flow.escapes(*FD)) {
      auto [It, Inserted] = BySite.try_emplace(E.Site, Reports.size());
      if (Inserted) {
        Reports.emplace_back();
        Reports.back().Function = FD;
        Reports.back().Why = *Why;
        Reports.back().Site = E.Site;
      }
      EscapeReport &Report = Reports[It->second];
      if (!llvm::is_contained(Report.Types, E.TypeName))
        Report.Types.push_back(E.TypeName);
      if (!llvm::is_contained(Report.Apis, E.ApiName)) {
        Report.Apis.push_back(E.ApiName);
        Report.FirstPerApi.push_back(&E);
      }
    }
  }
  return Reports;
}

} // namespace failguard
