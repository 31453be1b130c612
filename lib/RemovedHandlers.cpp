// Handlers of modelled exceptions that the baseline had and the unit lost.
#include "lib/RemovedHandlers.h"

#include "lib/NameMatching.h"
#include "lib/TranslationUnitAnalysis.h"

#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <map>

using namespace clang;

namespace failguard {

namespace {

bool sameFunction(const FunctionDecl *A, const FunctionDecl *B) {
  return A && B && A->getCanonicalDecl() == B->getCanonicalDecl();
}

// The unqualified names of the functions (or, for a lambda, of the function
// around it) that the baseline facts say something of: keys cost more than
// names, so only functions of those names are matched. GlobalLambdas: a
// lambda outside any function is among them.
struct NamesOfInterest {
  llvm::StringSet<> Names;
  bool GlobalLambdas = false;

  bool empty() const { return Names.empty() && !GlobalLambdas; }
  bool contains(const FunctionDecl &FD) const {
    const FunctionDecl *Outer = &FD;
    while (isLambdaCallOperator(*Outer)) {
      Outer = enclosingFunction(*Outer);
      if (!Outer)
        return GlobalLambdas;
    }
    return Names.contains(unqualifiedName(*Outer));
  }
};

NamesOfInterest namesOfHandlers(const TranslationUnitFacts &Facts) {
  NamesOfInterest Out;
  llvm::StringMap<const FunctionFact *> ByKey;
  for (const FunctionFact &F : Facts.Functions)
    ByKey.try_emplace(F.Key, &F);
  for (const FunctionFact &F : Facts.Functions) {
    if (F.Handled.empty())
      continue;
    llvm::StringRef Key = F.Key;
    const FunctionFact *Outer = &F;
    while (Outer && !Outer->Lambda.empty()) {
      Key = Key.drop_back(Outer->Lambda.size() + 1);
      Outer = ByKey.lookup(Key);
    }
    if (Outer)
      Out.Names.insert(unqualifiedName(Outer->Name));
    else
      Out.GlobalLambdas = true;
  }
  return Out;
}

} // namespace

std::vector<RemovedHandler> findRemovedHandlers(TranslationUnitAnalysis &Analysis,
                                                const BaselineState &State) {
  const Baseline &Before = *State.Before;
  NamesOfInterest Named = namesOfHandlers(Before.Facts);
  if (Named.empty())
    return {};
  ExceptionFlow &Flow = Analysis.flow();
  FactsCollector &Collector = *State.Keys;
  FunctionMatcher &Matcher = *State.Matcher;
  const std::vector<const FunctionDecl *> &Functions = Collector.repositoryFunctions();

  // Handling that moved up: every caller in this translation unit stops it.
  auto HandledByEveryCaller = [&](const FunctionDecl *F, const Escape &E) {
    bool HasCaller = false;
    for (const FunctionDecl *Caller : Functions) {
      if (!Caller->doesThisDeclarationHaveABody())
        continue;
      const FunctionSummary &S = Flow.summary(*Caller);
      for (const Escape &Up : S.Escapes)
        if (sameFunction(Up.Callee, F) && Up.ApiName == E.ApiName && Up.TypeName == E.TypeName)
          return false;
      HasCaller |= llvm::any_of(S.Handled, [&](const HandledAt &H) {
        return sameFunction(H.Callee, F) && H.ApiName == E.ApiName && H.TypeName == E.TypeName;
      });
    }
    // And in the other units, as the project index knows them.
    if (IndexView *Index = Flow.index())
      for (const auto &[Caller, Stops] :
           Index->callersHandling(Flow.usrOf(*F), E.TypeName, Before.MainFile)) {
        if (!Stops)
          return false;
        HasCaller = true;
      }
    return HasCaller;
  };

  using Key = std::pair<const Expr *, std::string>;
  llvm::MapVector<Key, RemovedHandler, std::map<Key, unsigned>> Found;
  auto Record = [&](const FunctionDecl &F, const FunctionFact &Was, const Expr *Site,
                    llvm::StringRef Api, llvm::StringRef Callee, const std::string &Type,
                    const HandledFact &Handler) -> RemovedHandler & {
    RemovedHandler &R = Found[{Site, Api.str()}];
    R.Function = &F;
    R.Was = &Was;
    R.Site = Site;
    R.Api = Api.str();
    R.Callee = Callee.str();
    if (!llvm::is_contained(R.Types, Type))
      R.Types.push_back(Type);
    if (!llvm::is_contained(R.Handlers, &Handler))
      R.Handlers.push_back(&Handler);
    return R;
  };

  for (const FunctionDecl *F : Functions) {
    if (!F->doesThisDeclarationHaveABody() || !Named.contains(*F))
      continue;
    const FunctionFact *Was = Matcher.baselineOf(*F);
    if (!Was || Was->Handled.empty())
      continue;
    const std::vector<CallSite> &Sites = Collector.callSites(*F);
    std::vector<CallFact> Now;
    for (const CallSite &Site : Sites)
      Now.push_back(Site.Fact);
    CallAlignment Aligned = alignCalls(Was->Calls, Now);
    const std::vector<int> &Partner = Aligned.Partner;
    llvm::DenseSet<const Expr *> Paired;
    for (int P : Partner)
      if (P >= 0)
        Paired.insert(Sites[P].Site);
    const FunctionSummary &Summary = Flow.summary(*F);

    for (const HandledFact &H : Was->Handled) {
      int At = Partner[H.Call];
      if (H.Api.empty()) {
        // The handler is the evidence: the callee's body is not here.
        if (At < 0 || !Sites[At].Fact.Opaque)
          continue;
        const CallSite &Call = Sites[At];
        for (const std::string &Type : H.Types) {
          const CXXRecordDecl *Thrown = Flow.resolveType(Type);
          bool Covered = llvm::any_of(Call.Handlers, [&](const auto &Handler) {
            return ExceptionFlow::catches(*Handler.first, Thrown, Type);
          });
          if (!Covered)
            Record(*F, *Was, Call.Site, "", Call.Fact.Callee, Type, H);
        }
        continue;
      }
      for (const std::string &Type : H.Types) {
        // At the same call when it is still made; else through a call that is
        // new here (the call moved into a helper that does not handle it). A
        // call paired by its callee alone may be a new one: then both count.
        auto Escapes = [&](const Escape &E) {
          return E.ApiName == H.Api && E.TypeName == Type;
        };
        auto E = llvm::find_if(Summary.Escapes, [&](const Escape &E) {
          return At >= 0 && E.Site == Sites[At].Site && Escapes(E);
        });
        if (E == Summary.Escapes.end() && (At < 0 || !Aligned.Exact[H.Call]))
          E = llvm::find_if(Summary.Escapes, [&](const Escape &E) {
            return !Paired.contains(E.Site) && Escapes(E);
          });
        if (E == Summary.Escapes.end() || HandledByEveryCaller(F, *E))
          continue;
        RemovedHandler &R = Record(*F, *Was, E->Site, H.Api, "", Type, H);
        if (const Escape *Last = Flow.path(*E).back(); Last->Remote && !R.Remote)
          R.Remote = Last->Remote;
      }
    }
  }

  std::vector<RemovedHandler> Out;
  for (auto &[Where, R] : Found) {
    R.SignatureChanged = Matcher.signatureChanged(*R.Function, *R.Was);
    Out.push_back(std::move(R));
  }
  return Out;
}

std::vector<NarrowedReturn> findNarrowedReturns(TranslationUnitAnalysis &Analysis,
                                                const BaselineState &State) {
  llvm::StringSet<> Names;
  for (const FunctionFact &F : State.Before->Facts.Functions)
    if (F.Class != ReturnClass::Plain)
      Names.insert(unqualifiedName(F.Name));
  if (Names.empty())
    return {};
  // One finding per function: at its definition when this translation unit
  // has one, else at its first declaration.
  FunctionMatcher &Matcher = *State.Matcher;
  llvm::MapVector<const FunctionFact *, const FunctionDecl *> Current;
  for (const FunctionDecl *FD : State.Keys->repositoryFunctions()) {
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
  std::vector<NarrowedReturn> Out;
  for (const auto &[Was, FD] : Current)
    if (Analysis.settings().Nullable.classify(FD->getReturnType()) == ReturnClass::Plain)
      Out.push_back({FD, Was, Matcher.signatureChanged(*FD, *Was)});
  return Out;
}

} // namespace failguard
