// failguard-removed-exception-handler
#include "checks/RemovedExceptionHandlerCheck.h"

#include "checks/DiagnosticText.h"
#include "checks/IndexOptions.h"
#include "checks/Nolint.h"

#include "lib/NameMatching.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseSet.h"
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

} // namespace

void RemovedExceptionHandlerCheck::compare(const Baseline &Before, ASTContext &Ctx,
                                           ExceptionFlow &Flow, FactsCollector &Collector) {
  // Only functions named as one that handled something at the baseline (or
  // around a lambda that did) are matched: keys cost more than names.
  llvm::StringMap<const FunctionFact *> ByKey;
  for (const FunctionFact &F : Before.Facts.Functions)
    ByKey.try_emplace(F.Key, &F);
  llvm::StringSet<> Names;
  bool GlobalLambdas = false;
  for (const FunctionFact &F : Before.Facts.Functions) {
    if (F.Handled.empty())
      continue;
    llvm::StringRef Key = F.Key;
    const FunctionFact *Outer = &F;
    while (Outer && !Outer->Lambda.empty()) {
      Key = Key.drop_back(Outer->Lambda.size() + 1);
      Outer = ByKey.lookup(Key);
    }
    if (Outer)
      Names.insert(unqualifiedName(Outer->Name));
    else
      GlobalLambdas = true;
  }
  if (Names.empty() && !GlobalLambdas)
    return;
  auto Named = [&](const FunctionDecl &FD) {
    const FunctionDecl *Outer = &FD;
    while (isLambdaCallOperator(*Outer)) {
      Outer = enclosingFunction(*Outer);
      if (!Outer)
        return GlobalLambdas;
    }
    return Names.contains(unqualifiedName(*Outer));
  };

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

  struct Group {
    const FunctionDecl *Function = nullptr;
    const FunctionFact *Was = nullptr;
    const Expr *Site = nullptr;
    std::string Api;     // empty at an opaque call
    std::string Callee;  // at an opaque call
    std::vector<std::string> Types;
    std::vector<const HandledFact *> Handlers;
    /// An escape through a call into another unit: the path beyond it.
    const RemoteEscape *Remote = nullptr;
  };
  llvm::MapVector<std::pair<const Expr *, llvm::StringRef>, Group> Groups;
  auto Record = [&](const FunctionDecl &F, const FunctionFact &Was, const Expr *Site,
                    llvm::StringRef Api, llvm::StringRef Callee, const std::string &Type,
                    const HandledFact &Handler) {
    Group &Group = Groups[{Site, Api}];
    Group.Function = &F;
    Group.Was = &Was;
    Group.Site = Site;
    Group.Api = Api.str();
    Group.Callee = Callee.str();
    if (!llvm::is_contained(Group.Types, Type))
      Group.Types.push_back(Type);
    if (!llvm::is_contained(Group.Handlers, &Handler))
      Group.Handlers.push_back(&Handler);
  };

  FunctionMatcher Matcher(Before.Facts, Collector);
  for (const FunctionDecl *F : Functions) {
    if (!F->doesThisDeclarationHaveABody() || !Named(*F))
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
        Record(*F, *Was, E->Site, H.Api, "", Type, H);
        if (const Escape *Last = Flow.path(*E).back(); Last->Remote)
          if (Group &G = Groups[{E->Site, H.Api}]; !G.Remote)
            G.Remote = Last->Remote;
      }
    }
  }

  // The findings are reported at the end of the translation unit, when it is
  // known which calls failguard-auth-exception-escape reports.
  Shared = &FailguardContext::of(Ctx);
  const SourceManager &SM = Ctx.getSourceManager();
  for (const auto &[Key, Group] : Groups) {
    std::vector<DiagnosticText> Lines;
    SourceLocation Loc = Group.Site->getExprLoc();
    bool Plural = Group.Types.size() > 1;
    if (Group.Api.empty())
      Lines.push_back({Loc, quoted(Group.Callee) +
                                " is defined outside this translation unit and its call was "
                                "covered by a handler of " +
                                joinQuoted(Group.Types) + " in " + Before.describe() +
                                " that is gone in " + describeFunction(*Group.Function)});
    else
      Lines.push_back({Loc, quoted(Group.Api) + " may throw " + joinQuoted(Group.Types) +
                                ", which " + (Plural ? "were" : "was") + " handled in " +
                                Before.describe() + " but " + (Plural ? "are" : "is") +
                                " no longer handled in " + describeFunction(*Group.Function)});
    // One note per baseline handler, naming what it handled.
    llvm::MapVector<std::pair<llvm::StringRef, unsigned>, std::vector<std::string>> Handlers;
    for (const HandledFact *Was : Group.Handlers) {
      std::vector<std::string> &Types = Handlers[{Was->HandlerFile, Was->HandlerLine}];
      for (const std::string &Type : Was->Types)
        if (llvm::is_contained(Group.Types, Type) && !llvm::is_contained(Types, Type))
          Types.push_back(Type);
    }
    for (const auto &[Where, Types] : Handlers)
      Lines.push_back({Loc, Before.describe() + " handled " + joinQuoted(Types) + " at " +
                                Where.first.str() + ":" + std::to_string(Where.second)});
    if (Group.Remote) {
      std::vector<DiagnosticText> Beyond =
          remoteHopNotes(Ctx, *Group.Remote, Loc);
      Lines.insert(Lines.end(), Beyond.begin(), Beyond.end());
    }
    if (Matcher.signatureChanged(*Group.Function, *Group.Was))
      Lines.push_back({Loc, "compared with " + quoted(Group.Was->Name + Group.Was->Signature) +
                                " in " + Before.describe() + " at " + Group.Was->File + ":" +
                                std::to_string(Group.Was->Line)});

    CallSuppression Nolint =
        callSuppression(SM, *Group.Function, *Group.Site, RemovedHandlerCheckName);
    if (Nolint.AtStatement)
      continue;
    // A view whose check the host silences is not shown through the escape check either.
    if (!Nolint.any() && !hostSuppresses(RemovedHandlerCheckName))
      Shared->addRemovedHandlerView(Group.Site, Lines);
    Findings.push_back({Group.Site, Group.Site->getSourceRange(), std::move(Lines)});
  }
}

void RemovedExceptionHandlerCheck::onEndOfTranslationUnit() {
  for (const Finding &F : Findings) {
    // failguard-auth-exception-escape reports this call, with this view as notes.
    if (Shared && Shared->escapeReportedAt(F.Site))
      continue;
    diag(F.Lines.front().Loc, "%0") << F.Lines.front().Message << F.Range;
    for (size_t I = 1; I < F.Lines.size(); ++I)
      diag(F.Lines[I].Loc, "%0", DiagnosticIDs::Note) << F.Lines[I].Message;
  }
  Findings.clear();
  Shared = nullptr;
  writeIndexGaps();
}

} // namespace failguard
