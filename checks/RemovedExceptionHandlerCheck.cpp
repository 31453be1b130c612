// failguard-removed-exception-handler
#include "checks/RemovedExceptionHandlerCheck.h"

#include "checks/DiagnosticText.h"

#include "lib/NameMatching.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace failguard {

namespace {

std::string joinQuoted(llvm::ArrayRef<std::string> Names) {
  std::vector<std::string> Quoted;
  for (const std::string &Name : Names)
    Quoted.push_back(quoted(Name));
  return describeList(Quoted);
}

bool sameFunction(const FunctionDecl *A, const FunctionDecl *B) {
  return A && B && A->getCanonicalDecl() == B->getCanonicalDecl();
}

// The escape that undoes a baseline handler: at the same call of the modelled
// function when the function still makes it, else through any call (the call
// moved into a helper that does not handle it).
const Escape *regression(const FunctionSummary &Now, const HandledFact &Was) {
  const Expr *Site = nullptr;
  unsigned Seen = 0;
  for (const ModelledCall &Call : Now.Calls)
    if (qualifiedName(*Call.Api) == Was.Api && Seen++ == Was.Ordinal) {
      Site = Call.Site;
      break;
    }
  for (const Escape &E : Now.Escapes)
    if ((!Site || E.Site == Site) && qualifiedName(*E.Api) == Was.Api &&
        E.TypeName == Was.Type)
      return &E;
  return nullptr;
}

} // namespace

void RemovedExceptionHandlerCheck::compare(const Baseline &Before, ASTContext &Ctx,
                                           ExceptionFlow &Flow, FactsCollector &Collector) {
  if (Before.Facts.Handled.empty())
    return;
  std::vector<const FunctionDecl *> Functions = Collector.repositoryFunctions();
  // Only functions named as one that handled something at the baseline are keyed.
  llvm::StringSet<> Names;
  for (const HandledFact &Was : Before.Facts.Handled)
    Names.insert(unqualifiedName(Was.FunctionName));
  llvm::StringMap<const FunctionDecl *> Current;
  for (const FunctionDecl *FD : Functions)
    if (FD->doesThisDeclarationHaveABody() && Names.contains(unqualifiedName(*FD)))
      Current[Collector.functionKey(*FD)] = FD;

  // Handling that moved up: every caller in this translation unit stops it.
  auto HandledByEveryCaller = [&](const FunctionDecl *F, const Escape &E) {
    bool HasCaller = false;
    for (const FunctionDecl *Caller : Functions) {
      if (!Caller->doesThisDeclarationHaveABody())
        continue;
      const FunctionSummary &S = Flow.summary(*Caller);
      for (const Escape &Up : S.Escapes)
        if (sameFunction(Up.Callee, F) && Up.Api == E.Api && Up.TypeName == E.TypeName)
          return false;
      HasCaller |= llvm::any_of(S.Handled, [&](const HandledAt &H) {
        return sameFunction(H.Callee, F) && H.Api == E.Api && H.TypeName == E.TypeName;
      });
    }
    return HasCaller;
  };

  struct Finding {
    const FunctionDecl *Function;
    const Escape *At;
    std::vector<std::string> Types;
    std::vector<const HandledFact *> Was;
  };
  llvm::MapVector<std::pair<const Expr *, const FunctionDecl *>, Finding> Findings;
  for (const HandledFact &Was : Before.Facts.Handled) {
    auto It = Current.find(Was.FunctionKey);
    if (It == Current.end())
      continue;
    const FunctionDecl *F = It->second;
    const Escape *E = regression(Flow.summary(*F), Was);
    if (!E || HandledByEveryCaller(F, *E))
      continue;
    Finding &Group = Findings[{E->Site, E->Api}];
    Group.Function = F;
    Group.At = E;
    if (!llvm::is_contained(Group.Types, Was.Type)) {
      Group.Types.push_back(Was.Type);
      Group.Was.push_back(&Was);
    }
  }

  for (const auto &[Key, Group] : Findings) {
    diag(Group.At->Site->getExprLoc(),
         "%0 may throw %1, which %select{was|were}2 handled in %3 but %select{is|are}2 no "
         "longer handled in %4")
        << quoted(qualifiedName(*Group.At->Api)) << joinQuoted(Group.Types)
        << (Group.Types.size() > 1) << Before.describe() << describeFunction(*Group.Function)
        << Group.At->Site->getSourceRange();
    // One note per baseline handler, naming what it handled.
    llvm::MapVector<std::pair<llvm::StringRef, unsigned>, std::vector<std::string>> Handlers;
    for (const HandledFact *Was : Group.Was)
      Handlers[{Was->HandlerFile, Was->HandlerLine}].push_back(Was->Type);
    for (const auto &[Where, Types] : Handlers)
      diag(Group.At->Site->getExprLoc(), "%0 handled %1 at %2:%3", DiagnosticIDs::Note)
          << Before.describe() << joinQuoted(Types) << Where.first << Where.second;
  }
}

} // namespace failguard
