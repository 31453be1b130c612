// Which modelled exceptions escape a function, through which calls.
#include "lib/ExceptionFlow.h"

#include "lib/ClaimGuards.h"
#include "lib/NameMatching.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace failguard {

namespace {

enum class Rethrow { None, Original, AsCaughtType };

// Whether a handler sends the exception on: a bare `throw;` anywhere in it
// (not inside a nested handler, which rethrows its own exception, nor inside a
// lambda), or `throw e;` of its own parameter.
Rethrow findRethrow(const Stmt *S, const VarDecl *Param) {
  if (!S || isa<LambdaExpr, CXXCatchStmt, BlockExpr>(S))
    return Rethrow::None;
  if (const auto *Throw = dyn_cast<CXXThrowExpr>(S)) {
    const Expr *Sub = Throw->getSubExpr();
    if (!Sub)
      return Rethrow::Original;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Sub->IgnoreUnlessSpelledInSource()))
      if (Param && Ref->getDecl() == Param)
        return Rethrow::AsCaughtType;
  }
  Rethrow Found = Rethrow::None;
  if (const auto *Try = dyn_cast<CXXTryStmt>(S))
    return findRethrow(Try->getTryBlock(), Param);
  for (const Stmt *Child : S->children()) {
    Rethrow R = findRethrow(Child, Param);
    if (R == Rethrow::Original)
      return R;
    if (R == Rethrow::AsCaughtType)
      Found = R;
  }
  return Found;
}

bool catches(const CXXCatchStmt &Handler, const CXXRecordDecl &Thrown) {
  if (!Handler.getExceptionDecl())
    return true;
  QualType Caught = Handler.getCaughtType();
  // A handler whose type depends on a template parameter may catch anything.
  if (Caught->isDependentType())
    return true;
  const CXXRecordDecl *Base = classOf(Caught);
  if (!Base)
    return false;
  if (Base->getCanonicalDecl() == Thrown.getCanonicalDecl())
    return true;
  return Thrown.hasDefinition() && Base->hasDefinition() && Thrown.isDerivedFrom(Base);
}

const FunctionDecl *asFunction(const NamedDecl *D) {
  D = D->getUnderlyingDecl();
  if (const auto *FTD = dyn_cast<FunctionTemplateDecl>(D))
    return FTD->getTemplatedDecl();
  return dyn_cast<FunctionDecl>(D);
}

} // namespace

class FunctionWalker : public RecursiveASTVisitor<FunctionWalker> {
  using Base = RecursiveASTVisitor<FunctionWalker>;

public:
  FunctionWalker(ExceptionFlow &Flow, FunctionSummary &Out) : Flow(Flow), Out(Out) {}

  struct TryScope {
    const CXXTryStmt *Try;
    bool ImplicitRethrow;
  };
  llvm::SmallVector<TryScope, 4> Tries;
  /// The body of the function being walked, for lib/ClaimGuards.
  const Stmt *Body = nullptr;

  bool TraverseCXXTryStmt(CXXTryStmt *S) {
    Tries.push_back({S, false});
    TraverseStmt(S->getTryBlock());
    Tries.pop_back();
    for (unsigned I = 0; I < S->getNumHandlers(); ++I)
      TraverseStmt(S->getHandler(I)->getHandlerBlock());
    return true;
  }

  // A lambda's body is a function of its own; its captures run here.
  bool TraverseLambdaExpr(LambdaExpr *L) {
    for (Expr *Init : L->capture_inits())
      if (Init)
        TraverseStmt(Init);
    return true;
  }
  bool TraverseBlockExpr(BlockExpr *) { return true; }
  bool TraverseDecl(Decl *D) {
    if (!D || isa<FunctionDecl, TagDecl, FunctionTemplateDecl, ClassTemplateDecl>(D))
      return true;
    return Base::TraverseDecl(D);
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (const FunctionDecl *Callee = Call->getDirectCallee()) {
      handleSite(Call, *Callee, Flow.modelledThrows(*Callee));
      return true;
    }
    // In a template pattern a call with dependent arguments is unresolved;
    // it still counts when every candidate is a modelled function.
    const auto *Overloads = dyn_cast<OverloadExpr>(Call->getCallee()->IgnoreParenImpCasts());
    if (!Overloads)
      return true;
    for (const NamedDecl *Candidate : Overloads->decls()) {
      const FunctionDecl *FD = asFunction(Candidate);
      if (!FD)
        continue;
      const ApiFunction *Api = Flow.model().match(*FD);
      if (!Api)
        continue;
      ASTContext &Ctx = Flow.context();
      bool WithErrorCode = llvm::any_of(Call->arguments(), [&Ctx](const Expr *Arg) {
        return !Arg->isTypeDependent() && Arg->isLValue() &&
               isErrorCodeOutParameter(Ctx.getLValueReferenceType(Arg->getType()));
      });
      handleSite(Call, *FD, WithErrorCode ? &Api->ErrorCodeThrows : &Api->Throws);
      return true;
    }
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    if (const CXXConstructorDecl *Ctor = Construct->getConstructor())
      handleSite(Construct, *Ctor, Flow.modelledThrows(*Ctor));
    return true;
  }

private:
  void handleSite(const Expr *Site, const FunctionDecl &Callee,
                  const std::vector<std::string> *Modelled) {
    if (Modelled) {
      Out.Calls.push_back({Site, &Callee});
      for (const std::string &Name : *Modelled)
        if (const CXXRecordDecl *Type = Flow.resolveType(Name))
          if (!Body || !claimCheckedBefore(*Site, Callee, Name, *Body))
            emit(Site, Callee, Type, &Callee, -1);
      return;
    }
    const auto *Proto = Callee.getType()->getAs<FunctionProtoType>();
    if (Proto && Proto->isNothrow())
      return;
    const FunctionDecl *Def = nullptr;
    if (!Callee.hasBody(Def) || !Def || !Flow.isAnalysable(*Def))
      return;
    const std::vector<Escape> &Inner = Flow.escapes(*Def);
    // One escape per exception type and origin is enough for the caller.
    llvm::SmallVector<std::pair<const CXXRecordDecl *, const FunctionDecl *>, 4> Seen;
    for (size_t I = 0; I < Inner.size(); ++I) {
      const Escape &E = Inner[I];
      if (llvm::is_contained(Seen, std::make_pair(E.Type, E.Api)))
        continue;
      Seen.push_back({E.Type, E.Api});
      emit(Site, *Def, E.Type, E.Api, static_cast<int>(I));
    }
  }

  void emit(const Expr *Site, const FunctionDecl &Callee, const CXXRecordDecl *Type,
            const FunctionDecl *Api, int CalleeEscape) {
    for (auto It = Tries.rbegin(); It != Tries.rend() && Type; ++It) {
      const CXXTryStmt *Try = It->Try;
      const CXXCatchStmt *Handler = nullptr;
      for (unsigned I = 0; I < Try->getNumHandlers() && !Handler; ++I)
        if (catches(*Try->getHandler(I), *Type))
          Handler = Try->getHandler(I);
      if (!Handler)
        continue;
      Rethrow R = It->ImplicitRethrow
                      ? Rethrow::Original
                      : findRethrow(Handler->getHandlerBlock(), Handler->getExceptionDecl());
      if (R == Rethrow::None) {
        Out.Handled.push_back({Site, &Callee, Api, Type, Handler});
        Type = nullptr;
      }
      else if (R == Rethrow::AsCaughtType)
        if (const CXXRecordDecl *Caught = classOf(Handler->getCaughtType()))
          Type = Caught;
    }
    if (!Type)
      return;
    bool Known = llvm::any_of(llvm::reverse(Out.Escapes), [&](const Escape &E) {
      return E.Site == Site && E.Type == Type && E.Api == Api;
    });
    if (!Known)
      Out.Escapes.push_back({Type, Site, &Callee, Api, CalleeEscape});
  }

  ExceptionFlow &Flow;
  FunctionSummary &Out;
};

ExceptionFlow::ExceptionFlow(const ApiModel &Model, ASTContext &Ctx) : Model(Model), Ctx(Ctx) {}
ExceptionFlow::~ExceptionFlow() = default;

const CXXRecordDecl *ExceptionFlow::resolveType(llvm::StringRef Name) {
  auto [It, Inserted] = TypeCache.try_emplace(Name, nullptr);
  if (Inserted)
    It->second = findClass(Ctx, Name);
  return It->second;
}

const std::vector<std::string> *ExceptionFlow::modelledThrows(const FunctionDecl &Callee) {
  auto [It, Inserted] = ModelCache.try_emplace(Callee.getCanonicalDecl(), nullptr);
  if (Inserted)
    It->second = Model.thrownBy(Callee);
  return It->second;
}

bool ExceptionFlow::isAnalysable(const FunctionDecl &FD) const {
  return FD.doesThisDeclarationHaveABody() &&
         !Ctx.getSourceManager().isInSystemHeader(FD.getLocation());
}

const FunctionSummary &ExceptionFlow::summary(const FunctionDecl &FD) {
  const FunctionDecl *Def = nullptr;
  if (!FD.hasBody(Def) || !Def)
    return Empty;
  auto Found = Summaries.find(Def);
  if (Found != Summaries.end())
    return *Found->second;
  // A recursive call contributes nothing while its summary is being built.
  if (!InProgress.insert(Def).second)
    return Empty;

  auto Result = std::make_unique<FunctionSummary>();
  FunctionWalker Walker(*this, *Result);
  Stmt *Body = Def->getBody();
  Walker.Body = Body;
  auto *FunctionTry = dyn_cast_or_null<CXXTryStmt>(Body);
  // Handlers of a constructor's or destructor's function-try-block rethrow
  // when they reach their end.
  bool ImplicitRethrow = isa<CXXConstructorDecl, CXXDestructorDecl>(Def);
  if (FunctionTry)
    Walker.Tries.push_back({FunctionTry, ImplicitRethrow});
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->getInit())
        Walker.TraverseStmt(Init->getInit());
  if (FunctionTry) {
    Walker.TraverseStmt(FunctionTry->getTryBlock());
    Walker.Tries.pop_back();
    for (unsigned I = 0; I < FunctionTry->getNumHandlers(); ++I)
      Walker.TraverseStmt(FunctionTry->getHandler(I)->getHandlerBlock());
  } else {
    Walker.TraverseStmt(Body);
  }

  InProgress.erase(Def);
  auto &Slot = Summaries[Def];
  Slot = std::move(Result);
  return *Slot;
}

std::vector<const Escape *> ExceptionFlow::path(const Escape &E) {
  std::vector<const Escape *> Chain{&E};
  while (Chain.back()->CalleeEscape >= 0) {
    const std::vector<Escape> &Inner = escapes(*Chain.back()->Callee);
    auto Index = static_cast<size_t>(Chain.back()->CalleeEscape);
    if (Index >= Inner.size())
      break;
    Chain.push_back(&Inner[Index]);
  }
  return Chain;
}

} // namespace failguard
