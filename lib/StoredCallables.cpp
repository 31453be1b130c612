// Which lambdas and functions a call through a std::function field or variable may run.
#include "lib/StoredCallables.h"

#include "lib/NameMatching.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace failguard {

namespace {
// The callable argument of a std::bind or std::bind_front call, or null.
const Expr *boundCallable(const Expr *E) {
  const auto *Call = dyn_cast<CallExpr>(E);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || Call->getNumArgs() == 0 || !Callee->getIdentifier())
    return nullptr;
  StringRef Name = Callee->getName();
  if ((Name != "bind" && Name != "bind_front") || qualifiedName(*Callee) != ("std::" + Name).str())
    return nullptr;
  return Call->getArg(0);
}

bool isStdFunction(const CXXRecordDecl &Class) {
  return Class.getIdentifier() && Class.getName() == "function" &&
         qualifiedName(Class) == "std::function";
}

// E without the conversions and copies around what was written.
const Expr *spelled(const Expr *E) {
  E = E->IgnoreUnlessSpelledInSource();
  // A conversion to std::function keeps the callable as its one argument.
  while (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (Construct->getNumArgs() != 1)
      return nullptr;
    E = Construct->getArg(0)->IgnoreUnlessSpelledInSource();
  }
  return E;
}
} // namespace

const FunctionDecl *callableOf(const Expr *E) {
  if (!E || !(E = spelled(E)))
    return nullptr;
  if (const Expr *Bound = boundCallable(E))
    return callableOf(Bound);
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
    return Lambda->getCallOperator();
  if (const auto *AddressOf = dyn_cast<UnaryOperator>(E))
    if (AddressOf->getOpcode() == UO_AddrOf)
      E = AddressOf->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return dyn_cast<FunctionDecl>(Ref->getDecl());
  return nullptr;
}

namespace {

// How far registeredCallables follows parameters, references and helpers.
constexpr unsigned MaxRegistrationDepth = 4;

bool isFunctionPointer(QualType T) {
  return T->isFunctionPointerType() || T->isFunctionReferenceType() ||
         T->isMemberFunctionPointerType();
}

// The return statements of a body, lambdas left out.
void returnedValues(const Stmt *S, llvm::SmallVectorImpl<const Expr *> &Out, unsigned Depth = 0) {
  if (!S || Depth > 256 || isa<LambdaExpr, BlockExpr>(S))
    return;
  if (const auto *Return = dyn_cast<ReturnStmt>(S)) {
    if (Return->getRetValue())
      Out.push_back(Return->getRetValue());
    return;
  }
  for (const Stmt *Child : S->children())
    returnedValues(Child, Out, Depth + 1);
}

void collectCallables(const Expr *E, StoredCallables &Stores,
                      llvm::SmallVectorImpl<const FunctionDecl *> &Out, unsigned Depth) {
  if (Depth > MaxRegistrationDepth)
    return;
  if (const FunctionDecl *F = callableOf(E)) {
    Out.push_back(F);
    return;
  }
  if (!E || !(E = spelled(E)))
    return;
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return;
    // std::move(handler)
    if (Call->getNumArgs() == 1 && Callee->getIdentifier() && Callee->getName() == "move" &&
        qualifiedName(*Callee) == "std::move") {
      collectCallables(Call->getArg(0), Stores, Out, Depth);
      return;
    }
    // A helper that builds the handler: what it returns.
    const FunctionDecl *Def = nullptr;
    if (Callee->hasBody(Def) && Def &&
        !Stores.context().getSourceManager().isInSystemHeader(Def->getLocation())) {
      llvm::SmallVector<const Expr *, 2> Returned;
      returnedValues(Def->getBody(), Returned);
      for (const Expr *Value : Returned)
        collectCallables(Value, Stores, Out, Depth + 1);
    }
    return;
  }
  // A functor object: its call operators.
  if (const CXXRecordDecl *Class = classOf(E->getType());
      Class && Class->hasDefinition() && !Class->isLambda() && !isStdFunction(*Class)) {
    for (const CXXMethodDecl *Method : Class->methods())
      if (Method->getOverloadedOperator() == OO_Call && !Method->isImplicit())
        Out.push_back(Method);
    return;
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  if (!Ref)
    return;
  // A parameter: what each call of its function passes.
  if (const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl())) {
    const auto *Function = dyn_cast_or_null<FunctionDecl>(Param->getDeclContext());
    if (!Function)
      return;
    unsigned Index = Param->getFunctionScopeIndex();
    for (const CallExpr *Call : Stores.callsOf(*Function)) {
      unsigned First = isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Function) ? 1 : 0;
      if (Index + First < Call->getNumArgs())
        collectCallables(Call->getArg(Index + First), Stores, Out, Depth + 1);
    }
    return;
  }
  const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
  if (!Var)
    return;
  QualType T = Var->getType();
  // A reference is its initialiser, for good.
  if (T->isReferenceType() && !T->isFunctionReferenceType()) {
    collectCallables(Var->getAnyInitializer(), Stores, Out, Depth + 1);
    return;
  }
  const CXXRecordDecl *Class = T->getAsCXXRecordDecl();
  if ((Class && isStdFunction(*Class)) || isFunctionPointer(T)) {
    for (const FunctionDecl *F : Stores.storedIn(Var->getCanonicalDecl()))
      Out.push_back(F);
    return;
  }
  // A lambda variable cannot be given another lambda, a const one nothing.
  if ((Class && Class->isLambda()) || T.isConstQualified())
    if (const FunctionDecl *F = callableOf(Var->getAnyInitializer()))
      Out.push_back(F);
}

} // namespace

void registeredCallables(const Expr *E, StoredCallables &Stores,
                         llvm::SmallVectorImpl<const FunctionDecl *> &Out) {
  collectCallables(E, Stores, Out, 0);
}

namespace {

// The field or variable an expression designates, or null.
const ValueDecl *storeOf(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return dyn_cast<FieldDecl>(Member->getMemberDecl());
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      return Var->getCanonicalDecl();
  return nullptr;
}

} // namespace

class StoreCollector : public RecursiveASTVisitor<StoreCollector> {
  using Base = RecursiveASTVisitor<StoreCollector>;

public:
  explicit StoreCollector(StoredCallables &Out) : Out(Out) {}

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) &&
        Out.Ctx.getSourceManager().isInSystemHeader(D->getLocation()))
      return true;
    return Base::TraverseDecl(D);
  }

  bool VisitVarDecl(VarDecl *Var) {
    if (Var->getInit())
      Out.record(Var->getCanonicalDecl(), Var->getInit());
    return true;
  }

  bool VisitFieldDecl(FieldDecl *Field) {
    if (Field->hasInClassInitializer())
      Out.record(Field, Field->getInClassInitializer());
    return true;
  }

  bool VisitCXXConstructorDecl(CXXConstructorDecl *Ctor) {
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->isMemberInitializer() && Init->isWritten())
        Out.record(Init->getMember(), Init->getInit());
    return true;
  }

  bool VisitInitListExpr(InitListExpr *List) {
    const InitListExpr *Semantic = List->isSemanticForm() ? List : List->getSemanticForm();
    if (!Semantic || Semantic->getType().isNull())
      return true;
    const auto *Record = Semantic->getType()->getAsCXXRecordDecl();
    if (!Record || Record->isUnion() || !Record->hasDefinition())
      return true;
    unsigned Index = Record->getNumBases();
    for (const FieldDecl *Field : Record->fields()) {
      if (Index >= Semantic->getNumInits())
        break;
      Out.record(Field, Semantic->getInit(Index++));
    }
    return true;
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Call) {
    if (Call->getOperator() == OO_Equal && Call->getNumArgs() == 2)
      if (const ValueDecl *Store = storeOf(Call->getArg(0)))
        Out.record(Store, Call->getArg(1));
    return true;
  }

  // A function pointer variable given another function.
  bool VisitBinaryOperator(BinaryOperator *Assign) {
    if (Assign->getOpcode() == BO_Assign)
      if (const ValueDecl *Store = storeOf(Assign->getLHS()))
        Out.record(Store, Assign->getRHS());
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      Out.Calls[Callee->getCanonicalDecl()].push_back(Call);
    return true;
  }

private:
  StoredCallables &Out;
};

void StoredCallables::record(const ValueDecl *Store, const Expr *Value) {
  const FunctionDecl *Callable = callableOf(Value);
  if (!Callable)
    return;
  auto &Targets = Stores[Store];
  if (!llvm::is_contained(Targets, Callable))
    Targets.push_back(Callable);
}

llvm::ArrayRef<const FunctionDecl *> StoredCallables::storedIn(const ValueDecl *Store) {
  if (!Indexed) {
    Indexed = true;
    StoreCollector(*this).TraverseDecl(Ctx.getTranslationUnitDecl());
  }
  auto Found = Stores.find(Store);
  if (Found == Stores.end())
    return {};
  return Found->second;
}

llvm::ArrayRef<const CallExpr *> StoredCallables::callsOf(const FunctionDecl &Callee) {
  if (!Indexed) {
    Indexed = true;
    StoreCollector(*this).TraverseDecl(Ctx.getTranslationUnitDecl());
  }
  auto Found = Calls.find(Callee.getCanonicalDecl());
  if (Found == Calls.end())
    return {};
  return Found->second;
}

llvm::ArrayRef<const FunctionDecl *> StoredCallables::calledThrough(const CallExpr &Call) {
  const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call);
  if (!Operator || Operator->getOperator() != OO_Call || Operator->getNumArgs() == 0)
    return {};
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Operator->getDirectCallee());
  if (!Method || !isStdFunction(*Method->getParent()))
    return {};
  const ValueDecl *Store = storeOf(Operator->getArg(0));
  if (!Store)
    return {};
  return storedIn(Store);
}

} // namespace failguard
