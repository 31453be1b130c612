// Which modelled exceptions escape a function, through which calls.
#include "lib/ExceptionFlow.h"

#include "lib/BodyWalker.h"
#include "lib/Guards.h"
#include "lib/ExceptionSpecs.h"
#include "lib/KnownExceptions.h"
#include "lib/LLVMCompat.h"
#include "lib/NameMatching.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/CXXInheritance.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/MapVector.h"

#include <tuple>

using namespace clang;

namespace failguard {

namespace {

enum class Rethrow { None, Original, AsCaughtType };

// Whether a handler sends the exception (of class Type, named TypeName) on:
// a bare `throw;` (not inside a nested handler, which rethrows its own
// exception, nor inside a lambda), or `throw e;` of its own parameter. A
// rethrow inside a nested try block counts only if none of that try's
// handlers stops it.
Rethrow findRethrow(const Stmt *S, const VarDecl *Param, const CXXRecordDecl *Type,
                    llvm::StringRef TypeName) {
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
  if (const auto *Try = dyn_cast<CXXTryStmt>(S)) {
    Rethrow Inner = findRethrow(Try->getTryBlock(), Param, Type, TypeName);
    if (Inner == Rethrow::None)
      return Inner;
    // `throw e;` throws a copy of the caught type, not the original class.
    const CXXRecordDecl *Thrown = Type;
    std::string ThrownName = TypeName.str();
    if (Inner == Rethrow::AsCaughtType && Param) {
      Thrown = classOf(Param->getType());
      if (!Thrown)
        return Inner;
      ThrownName = qualifiedName(*Thrown);
    }
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
      const CXXCatchStmt *Nested = Try->getHandler(I);
      if (ExceptionFlow::catches(*Nested, Thrown, ThrownName))
        return findRethrow(Nested->getHandlerBlock(), Nested->getExceptionDecl(), Thrown,
                           ThrownName);
    }
    return Inner;
  }
  Rethrow Found = Rethrow::None;
  for (const Stmt *Child : S->children()) {
    Rethrow R = findRethrow(Child, Param, Type, TypeName);
    if (R == Rethrow::Original)
      return R;
    if (R == Rethrow::AsCaughtType)
      Found = R;
  }
  return Found;
}

// A handler of class Base catches Derived only through an unambiguous public base.
bool isPublicUnambiguousBase(const CXXRecordDecl &Derived, const CXXRecordDecl &Base) {
  if (!Derived.hasDefinition() || !Base.hasDefinition())
    return false;
  CXXBasePaths Paths(/*FindAmbiguities=*/true, /*RecordPaths=*/true, /*DetectVirtual=*/false);
  if (!Derived.isDerivedFrom(&Base, Paths))
    return false;
  const ASTContext &Ctx = Derived.getASTContext();
  if (Paths.isAmbiguous(compat::canonicalRecordType(Ctx, Base)))
    return false;
  return llvm::any_of(Paths, [](const CXXBasePath &P) { return P.Access == AS_public; });
}

const FunctionDecl *asFunction(const NamedDecl *D) {
  D = D->getUnderlyingDecl();
  if (const auto *FTD = dyn_cast<FunctionTemplateDecl>(D))
    return FTD->getTemplatedDecl();
  return dyn_cast<FunctionDecl>(D);
}

bool sameEscapes(const std::vector<Escape> &A, const std::vector<Escape> &B) {
  auto Key = [](const Escape &E) {
    return std::make_tuple(E.Site, llvm::StringRef(E.TypeName), llvm::StringRef(E.ApiName),
                           E.Callee, E.CalleeEscape, E.Depth, E.Remote);
  };
  return A.size() == B.size() &&
         std::equal(A.begin(), A.end(), B.begin(),
                    [&](const Escape &X, const Escape &Y) { return Key(X) == Key(Y); });
}

} // namespace

bool ExceptionFlow::catches(const CXXCatchStmt &Handler, const CXXRecordDecl *Type,
                            llvm::StringRef TypeName) {
  if (!Handler.getExceptionDecl())
    return true;
  QualType Caught = Handler.getCaughtType();
  // A handler whose type depends on a template parameter may catch anything.
  if (Caught->isDependentType())
    return true;
  const CXXRecordDecl *Base = classOf(Caught);
  if (!Base)
    return false;
  if (Type) {
    if (Base->getCanonicalDecl() == Type->getCanonicalDecl())
      return true;
    return isPublicUnambiguousBase(*Type, *Base);
  }
  return handlerCatchesByName(qualifiedName(*Base), TypeName);
}

bool ExceptionFlow::rethrows(const CXXCatchStmt &Handler) {
  const VarDecl *Param = Handler.getExceptionDecl();
  const CXXRecordDecl *Caught = Param ? classOf(Handler.getCaughtType()) : nullptr;
  std::string Name = Caught ? qualifiedName(*Caught) : std::string();
  return findRethrow(Handler.getHandlerBlock(), Param, Caught, Name) != Rethrow::None;
}

Resolution ExceptionFlow::resolve(llvm::ArrayRef<TryScope> Tries, const CXXRecordDecl *Type,
                                  std::string TypeName) {
  for (auto It = Tries.rbegin(); It != Tries.rend(); ++It) {
    const CXXTryStmt *Try = It->Try;
    const CXXCatchStmt *Handler = nullptr;
    for (unsigned I = 0; I < Try->getNumHandlers() && !Handler; ++I)
      if (catches(*Try->getHandler(I), Type, TypeName))
        Handler = Try->getHandler(I);
    if (!Handler)
      continue;
    Rethrow R = It->ImplicitRethrow ? Rethrow::Original
                                    : findRethrow(Handler->getHandlerBlock(),
                                                  Handler->getExceptionDecl(), Type, TypeName);
    if (R == Rethrow::None)
      return {Handler, Type, std::move(TypeName)};
    if (R == Rethrow::AsCaughtType)
      if (const CXXRecordDecl *Caught = classOf(Handler->getCaughtType())) {
        Type = Caught;
        TypeName = qualifiedName(*Caught);
      }
  }
  return {nullptr, Type, std::move(TypeName)};
}

// Walks one function body. In summary mode it records the modelled calls,
// the escapes and the handled exceptions, reading the callees' summaries
// (complete, or partial inside a recursive cycle); in callee mode it only
// lists the analysable functions whose summaries it would read.
class FunctionWalker : public FunctionBodyWalker<FunctionWalker> {
public:
  FunctionWalker(ExceptionFlow &Flow, FunctionSummary *Out,
                 std::vector<const FunctionDecl *> *Callees)
      : Flow(Flow), Out(Out), Callees(Callees) {}

  void walkBody(const FunctionDecl &Def) {
    Body = Def.getBody();
    FunctionBodyWalker::walkBody(Def);
  }

  bool TraverseCompoundStmt(CompoundStmt *S) {
    const Stmt *Outer = Statement;
    for (Stmt *Child : S->body()) {
      Statement = Child;
      TraverseStmt(Child);
    }
    Statement = Outer;
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    record(Call, Call->getDirectCallee());
    if (const FunctionDecl *Callee = Call->getDirectCallee()) {
      handleSite(Call, *Callee, Flow.modelledThrows(*Callee));
      if (const FunctionDecl *Ctor = Flow.forwardedConstructor(*Call))
        handleSite(Call, *Ctor, Flow.modelledThrows(*Ctor));
      for (const FunctionDecl *Stored : Flow.Stored.calledThrough(*Call))
        handleSite(Call, *Stored, nullptr);
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
    record(Construct, Construct->getConstructor());
    if (const CXXConstructorDecl *Ctor = Construct->getConstructor())
      handleSite(Construct, *Ctor, Flow.modelledThrows(*Ctor));
    return true;
  }

private:
  void record(const Expr *Site, const FunctionDecl *Callee) {
    if (Out)
      Out->Sites.push_back(
          {Site, Callee, Statement, llvm::SmallVector<TryScope, 2>(Tries.begin(), Tries.end())});
  }

  void handleSite(const Expr *Site, const FunctionDecl &Callee,
                  const std::vector<std::string> *Modelled) {
    if (Modelled) {
      if (!Out)
        return;
      Out->Calls.push_back({Site, &Callee});
      // A model may name one exception as several releases of a library
      // declare it (`jwt::error::x` and the older `jwt::x`): the declared
      // one stands for all; when none is declared, the first named does.
      for (const std::string &Name : *Modelled) {
        const CXXRecordDecl *Type = Flow.resolveType(Name);
        if (Body && guardedBefore(*Site, Callee, Type, Name, parents()))
          continue;
        if (!Type && llvm::any_of(*Modelled, [&](const std::string &Other) {
              return &Other != &Name && unqualifiedName(Other) == unqualifiedName(Name) &&
                     (Flow.resolveType(Other) || &Other < &Name);
            }))
          continue;
        emit(Site, Callee, Type, Name, &Callee, qualifiedName(Callee), -1, 0, nullptr);
      }
      return;
    }
    if (isKnownNothrow(Callee))
      return;
    if (Out && Flow.RecordUserCalls &&
        !Flow.Ctx.getSourceManager().isInSystemHeader(Callee.getLocation()))
      Out->UserCalls.push_back({Site, &Callee, llvm::SmallVector<TryScope, 2>(Tries.begin(), Tries.end())});
    const FunctionDecl *Def = nullptr;
    if (!Callee.hasBody(Def) || !Def || !Flow.isAnalysable(*Def)) {
      if (Out && Flow.Index && !Flow.Ctx.getSourceManager().isInSystemHeader(Callee.getLocation()))
        remoteSite(Site, Callee);
      return;
    }
    if (!Out) {
      Callees->push_back(Def);
      return;
    }
    const std::vector<Escape> &Inner = Flow.known(*Def).Escapes;
    // One escape per exception type and origin is enough for the caller: the
    // one closest to the modelled call, so that every path ends there even
    // through a recursive cycle.
    llvm::MapVector<std::pair<llvm::StringRef, const FunctionDecl *>, size_t> Nearest;
    for (size_t I = 0; I < Inner.size(); ++I) {
      auto [It, Inserted] = Nearest.insert({{Inner[I].TypeName, Inner[I].Api}, I});
      if (!Inserted && Inner[I].Depth < Inner[It->second].Depth)
        It->second = I;
    }
    for (const auto &[Key, Index] : Nearest) {
      const Escape &E = Inner[Index];
      emit(Site, *Def, E.Type, E.TypeName, E.Api, E.ApiName, static_cast<int>(Index),
           E.Depth + 1, nullptr);
    }
  }

  // A call of a function defined in another translation unit (or whose body
  // this one skipped): what the project index says escapes it.
  void remoteSite(const Expr *Site, const FunctionDecl &Callee) {
    const std::string &Usr = Flow.usrOf(Callee);
    if (Usr.empty())
      return;
    for (const RemoteEscape &R : Flow.Index->escapesOf(Usr))
      emit(Site, Callee, Flow.resolveType(R.Type), R.Type, nullptr, R.Api, -1, R.Depth + 1, &R);
  }

  void emit(const Expr *Site, const FunctionDecl &Callee, const CXXRecordDecl *Type,
            std::string TypeName, const FunctionDecl *Api, const std::string &ApiName,
            int CalleeEscape, unsigned Depth, const RemoteEscape *Remote) {
    Resolution R = ExceptionFlow::resolve(Tries, Type, std::move(TypeName));
    if (R.Handler) {
      Out->Handled.push_back({Site, &Callee, Api, R.Type, std::move(R.TypeName), R.Handler, ApiName});
      return;
    }
    Type = R.Type;
    TypeName = std::move(R.TypeName);
    Flow.TypeRank.try_emplace(TypeName, Flow.TypeRank.size());
    // The same exception out of the same call by several ways (a handler
    // that rethrows by value makes one of another): the one nearest to the
    // modelled call stands, so depths only shrink and recursive cycles end.
    auto Known = llvm::find_if(Out->Escapes, [&](const Escape &E) {
      return E.Site == Site && E.TypeName == TypeName && E.ApiName == ApiName;
    });
    Escape Next{Type, std::move(TypeName), Site, &Callee, Api, CalleeEscape, Depth, ApiName, Remote};
    if (Known == Out->Escapes.end())
      Out->Escapes.push_back(std::move(Next));
    else if (Depth < Known->Depth)
      *Known = std::move(Next);
  }

  // The statements of the body being walked, mapped on first use (lib/Guards).
  const ParentMap &parents() {
    if (!Parents)
      Parents = std::make_unique<ParentMap>(const_cast<Stmt *>(Body));
    return *Parents;
  }

  ExceptionFlow &Flow;
  FunctionSummary *Out;
  std::vector<const FunctionDecl *> *Callees;
  const Stmt *Body = nullptr;
  std::unique_ptr<ParentMap> Parents;
  /// The innermost statement of a block around the current node.
  const Stmt *Statement = nullptr;
};

ExceptionFlow::ExceptionFlow(const ApiModel &Model, ASTContext &Ctx)
    : Model(Model), Ctx(Ctx), Stored(Ctx) {}
ExceptionFlow::~ExceptionFlow() = default;

const CXXRecordDecl *ExceptionFlow::resolveType(llvm::StringRef Name) {
  auto [It, Inserted] = TypeCache.try_emplace(Name, nullptr);
  if (Inserted)
    It->second = findClass(Ctx, Name);
  return It->second;
}

const std::string &ExceptionFlow::usrOf(const FunctionDecl &FD) {
  const FunctionDecl *Named = FD.getCanonicalDecl();
  if (const FunctionDecl *Pattern = FD.getTemplateInstantiationPattern())
    Named = Pattern->getCanonicalDecl();
  auto [It, Inserted] = Usrs.try_emplace(Named);
  if (Inserted) {
    llvm::SmallString<128> Usr;
    if (!index::generateUSRForDecl(Named, Usr))
      It->second = std::string(Usr);
  }
  return It->second;
}

const std::vector<std::string> *ExceptionFlow::modelledThrows(const FunctionDecl &Callee) {
  auto [It, Inserted] = ModelCache.try_emplace(Callee.getCanonicalDecl(), nullptr);
  if (Inserted)
    It->second = Model.thrownBy(Callee);
  return It->second;
}

// How many parameters come before the parameter pack of a function template
// specialisation's pattern (`emplace(const_iterator, Args&&...)`: 1); -1
// without a pack.
static int leadingParameters(const FunctionDecl &Specialisation) {
  const FunctionTemplateDecl *Template = Specialisation.getPrimaryTemplate();
  if (!Template)
    return -1;
  int Count = 0;
  for (const ParmVarDecl *Param : Template->getTemplatedDecl()->parameters()) {
    if (Param->isParameterPack())
      return Count;
    ++Count;
  }
  return -1;
}

const FunctionDecl *ExceptionFlow::forwardedConstructor(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || !Callee->getIdentifier())
    return nullptr;
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  if (!(Method ? Method->getParent()->isInStdNamespace() : Callee->isInStdNamespace()))
    return nullptr;
  llvm::StringRef Name = Callee->getName();
  QualType Constructed;
  if (Method) {
    if (Name != "emplace" && Name != "emplace_back" && Name != "emplace_front")
      return nullptr;
    for (const NamedDecl *Found : Method->getParent()->lookup(&Ctx.Idents.get("value_type")))
      if (const auto *Alias = dyn_cast<TypedefNameDecl>(Found))
        Constructed = Alias->getUnderlyingType();
  } else if (Name == "make_unique" || Name == "make_shared" || Name == "allocate_shared" ||
             Name == "make_optional") {
    const TemplateArgumentList *Args = Callee->getTemplateSpecializationArgs();
    if (Args && Args->size() > 0 && Args->get(0).getKind() == TemplateArgument::Type)
      Constructed = Args->get(0).getAsType();
  }
  int Skip = leadingParameters(*Callee);
  if (Constructed.isNull() || Skip < 0 || Call.getNumArgs() < unsigned(Skip))
    return nullptr;
  const CXXRecordDecl *Record = Constructed->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return nullptr;
  Record = Record->getDefinition();
  unsigned Count = Call.getNumArgs() - Skip;
  if (Count == 1) {
    // One argument of the class itself: a copy or a move.
    QualType Arg = Call.getArg(Skip)->getType().getNonReferenceType().getUnqualifiedType();
    const CXXRecordDecl *ArgRecord = Arg->getAsCXXRecordDecl();
    if (ArgRecord && (ArgRecord->getCanonicalDecl() == Record->getCanonicalDecl() ||
                      (ArgRecord->hasDefinition() && ArgRecord->isDerivedFrom(Record))))
      return nullptr;
  }
  for (const CXXConstructorDecl *Ctor : Record->ctors()) {
    if (Ctor->isCopyOrMoveConstructor() || Ctor->getMinRequiredArguments() > Count ||
        (Ctor->getNumParams() < Count && !Ctor->isVariadic()))
      continue;
    if (modelledThrows(*Ctor))
      return Ctor;
  }
  return nullptr;
}

bool ExceptionFlow::isAnalysable(const FunctionDecl &FD) const {
  return FD.doesThisDeclarationHaveABody() &&
         !Ctx.getSourceManager().isInSystemHeader(FD.getLocation());
}

const FunctionSummary &ExceptionFlow::known(const FunctionDecl &Def) const {
  auto Found = Summaries.find(&Def);
  return Found == Summaries.end() ? Empty : *Found->second;
}

std::vector<const FunctionDecl *> ExceptionFlow::calleesOf(const FunctionDecl &Def) {
  std::vector<const FunctionDecl *> Callees;
  FunctionWalker(*this, nullptr, &Callees).walkBody(Def);
  return Callees;
}

std::unique_ptr<FunctionSummary> ExceptionFlow::walk(const FunctionDecl &Def) {
  auto Result = std::make_unique<FunctionSummary>();
  FunctionWalker(*this, Result.get(), nullptr).walkBody(Def);
  return Result;
}

void ExceptionFlow::solveComponent(llvm::ArrayRef<const FunctionDecl *> Members,
                                   bool Recursive) {
  if (!Recursive) {
    Summaries[Members.front()] = walk(*Members.front());
    return;
  }
  // A worklist over the cycle: a member is walked again only when the
  // escapes of a member it calls changed. Escapes only grow and their
  // depths only shrink, so it ends; when it does, every member was last
  // walked with its callees' final escapes. Escapes are kept in one
  // canonical order so that their indices, which callers keep, stay valid.
  const SourceManager &SM = Ctx.getSourceManager();
  auto Canonical = [&](std::vector<Escape> &Escapes) {
    llvm::stable_sort(Escapes, [&](const Escape &A, const Escape &B) {
      if (A.Site != B.Site)
        return SM.isBeforeInTranslationUnit(A.Site->getBeginLoc(), B.Site->getBeginLoc());
      return TypeRank.lookup(A.TypeName) < TypeRank.lookup(B.TypeName);
    });
  };
  llvm::DenseSet<const FunctionDecl *> InCycle(Members.begin(), Members.end());
  llvm::DenseMap<const FunctionDecl *, std::vector<const FunctionDecl *>> Callers;
  for (const FunctionDecl *Member : Members) {
    Summaries[Member] = std::make_unique<FunctionSummary>();
    for (const FunctionDecl *Callee : calleesOf(*Member))
      if (InCycle.contains(Callee) && !llvm::is_contained(Callers[Callee], Member))
        Callers[Callee].push_back(Member);
  }
  std::vector<const FunctionDecl *> Pending(Members.rbegin(), Members.rend());
  llvm::DenseSet<const FunctionDecl *> Queued(Members.begin(), Members.end());
  while (!Pending.empty()) {
    const FunctionDecl *Member = Pending.back();
    Pending.pop_back();
    Queued.erase(Member);
    std::unique_ptr<FunctionSummary> Next = walk(*Member);
    Canonical(Next->Escapes);
    std::unique_ptr<FunctionSummary> &Slot = Summaries[Member];
    bool Changed = !sameEscapes(Slot->Escapes, Next->Escapes);
    Slot = std::move(Next);
    if (!Changed)
      continue;
    for (const FunctionDecl *Caller : Callers.lookup(Member))
      if (Queued.insert(Caller).second)
        Pending.push_back(Caller);
  }
}

// Tarjan's strongly connected components, with an explicit stack: a chain of
// calls as deep as the program's is no deeper here. Components come out
// callees first, so each is solved with its callees' summaries complete.
void ExceptionFlow::solve(const FunctionDecl *Root) {
  struct Frame {
    const FunctionDecl *Function;
    std::vector<const FunctionDecl *> Callees;
    size_t Next = 0;
  };
  llvm::DenseMap<const FunctionDecl *, unsigned> Index, LowLink;
  std::vector<const FunctionDecl *> Component;
  llvm::DenseSet<const FunctionDecl *> OnComponentStack;
  std::vector<Frame> Frames;
  unsigned Counter = 0;
  auto Enter = [&](const FunctionDecl *F) {
    Index[F] = LowLink[F] = Counter++;
    Component.push_back(F);
    OnComponentStack.insert(F);
    Frames.push_back({F, calleesOf(*F)});
  };
  Enter(Root);
  while (!Frames.empty()) {
    Frame &Top = Frames.back();
    if (Top.Next < Top.Callees.size()) {
      const FunctionDecl *Callee = Top.Callees[Top.Next++];
      if (Summaries.count(Callee))
        continue;
      auto Seen = Index.find(Callee);
      if (Seen == Index.end()) {
        Enter(Callee);
      } else if (OnComponentStack.contains(Callee)) {
        LowLink[Top.Function] = std::min(LowLink[Top.Function], Seen->second);
      }
      continue;
    }
    const FunctionDecl *F = Top.Function;
    bool SelfCall = llvm::is_contained(Top.Callees, F);
    Frames.pop_back();
    if (!Frames.empty())
      LowLink[Frames.back().Function] =
          std::min(LowLink[Frames.back().Function], LowLink[F]);
    if (LowLink[F] != Index[F])
      continue;
    std::vector<const FunctionDecl *> Members;
    const FunctionDecl *Member = nullptr;
    do {
      Member = Component.back();
      Component.pop_back();
      OnComponentStack.erase(Member);
      Members.push_back(Member);
    } while (Member != F);
    solveComponent(Members, Members.size() > 1 || SelfCall);
  }
}

const FunctionSummary &ExceptionFlow::summary(const FunctionDecl &FD) {
  const FunctionDecl *Def = nullptr;
  if (!FD.hasBody(Def) || !Def)
    return Empty;
  auto Found = Summaries.find(Def);
  if (Found != Summaries.end())
    return *Found->second;
  solve(Def);
  return *Summaries[Def];
}

std::vector<const Escape *> ExceptionFlow::path(const Escape &E) {
  std::vector<const Escape *> Chain{&E};
  // Each step is closer to the modelled call (Depth decreases).
  while (Chain.back()->CalleeEscape >= 0) {
    const std::vector<Escape> &Inner = escapes(*Chain.back()->Callee);
    auto Index = static_cast<size_t>(Chain.back()->CalleeEscape);
    if (Index >= Inner.size() || Inner[Index].Depth >= Chain.back()->Depth)
      break;
    Chain.push_back(&Inner[Index]);
  }
  return Chain;
}

} // namespace failguard
