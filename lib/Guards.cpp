// Modelled calls that an earlier check in the same function keeps from throwing.
#include "lib/Guards.h"

#include "lib/BodyWalker.h"
#include "lib/ExceptionFlow.h"
#include "lib/NameMatching.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/PrettyPrinter.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <optional>

using namespace clang;

namespace failguard {

namespace {

// Bounds on the walks over expressions and statements: real code stays far
// below them, hostile code stops there (as "not guarded").
constexpr unsigned MaxExpressionDepth = 16;
constexpr unsigned MaxStatementDepth = 256;

// What an object expression names: the variable, then the members on the way
// (null for `this`), through the ways a decoded token is held: a pointer, a
// smart pointer, a std::optional (`->`, `*`, `.value()`, `.get()`).
using ObjectPath = llvm::SmallVector<const Decl *, 4>;

std::optional<ObjectPath> objectPath(const Expr *E, unsigned Depth = 0) {
  if (!E || Depth > MaxExpressionDepth)
    return std::nullopt;
  E = E->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(E))
    return ObjectPath{nullptr};
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return ObjectPath{Ref->getDecl()->getCanonicalDecl()};
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    if (!isa<FieldDecl, VarDecl>(Member->getMemberDecl()))
      return std::nullopt;
    auto Base = objectPath(Member->getBase(), Depth + 1);
    if (Base)
      Base->push_back(Member->getMemberDecl()->getCanonicalDecl());
    return Base;
  }
  if (const auto *Unary = dyn_cast<UnaryOperator>(E))
    return Unary->getOpcode() == UO_Deref ? objectPath(Unary->getSubExpr(), Depth + 1)
                                          : std::nullopt;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    OverloadedOperatorKind Kind = Op->getOperator();
    if ((Kind == OO_Arrow || Kind == OO_Star) && Op->getNumArgs() == 1)
      return objectPath(Op->getArg(0), Depth + 1);
    return std::nullopt;
  }
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (Method && Method->getIdentifier() && Call->getNumArgs() == 0 &&
        (Method->getName() == "value" || Method->getName() == "get"))
      return objectPath(Call->getImplicitObjectArgument(), Depth + 1);
  }
  return std::nullopt;
}

enum class ClaimSet { Payload, Header };

// A claim of one token object: which set, which name.
struct Claim {
  ObjectPath Token;
  ClaimSet Set = ClaimSet::Payload;
  std::string Name;
  bool operator==(const Claim &Other) const {
    return Token == Other.Token && Set == Other.Set && Name == Other.Name;
  }
};

// jwt-cpp 0.7.2's accessors of named claims (include/jwt-cpp/jwt.h,
// classes payload and header): each getter is get_*_claim(<name>), each
// checker has_*_claim(<name>).
struct NamedAccessor {
  llvm::StringLiteral Suffix;
  ClaimSet Set;
  llvm::StringLiteral Name;
};
constexpr NamedAccessor NamedAccessors[] = {
    {"issuer", ClaimSet::Payload, "iss"},     {"subject", ClaimSet::Payload, "sub"},
    {"audience", ClaimSet::Payload, "aud"},   {"expires_at", ClaimSet::Payload, "exp"},
    {"not_before", ClaimSet::Payload, "nbf"}, {"issued_at", ClaimSet::Payload, "iat"},
    {"id", ClaimSet::Payload, "jti"},         {"algorithm", ClaimSet::Header, "alg"},
    {"type", ClaimSet::Header, "typ"},        {"content_type", ClaimSet::Header, "cty"},
    {"key_id", ClaimSet::Header, "kid"},
};

// A claim name as written: "\"sub\"" for a literal, also when it is the
// initialiser of the `const` variable or static member named (a chain of
// them); "&<id>" for a `const` variable without a literal initialiser (the
// same variable is the same name).
std::optional<std::string> claimName(const Expr *Arg) {
  for (unsigned Depth = 0; Arg && Depth < MaxExpressionDepth; ++Depth) {
    Arg = withoutConversions(Arg);
    if (const auto *Literal = dyn_cast<StringLiteral>(Arg))
      return "\"" + Literal->getString().str() + "\"";
    const ValueDecl *Named = nullptr;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Arg))
      Named = Ref->getDecl();
    else if (const auto *Member = dyn_cast<MemberExpr>(Arg);
             Member && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      Named = Member->getMemberDecl();
    if (!Named || !Named->getType().isConstQualified())
      return std::nullopt;
    const auto *Var = dyn_cast<VarDecl>(Named);
    const VarDecl *Initialised = nullptr;
    const Expr *Init = Var ? Var->getAnyInitializer(Initialised) : nullptr;
    if (!Init)
      return "&" + std::to_string(reinterpret_cast<uintptr_t>(Named->getCanonicalDecl()));
    Arg = Init;
  }
  return std::nullopt;
}

// The claim a jwt-cpp member call reads (Prefix "get_") or tests (Prefix
// "has_"), or nothing when the call is not such an accessor.
std::optional<Claim> accessedClaim(const Expr *E, llvm::StringRef Prefix) {
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(E->IgnoreParenImpCasts());
  if (!Call)
    return std::nullopt;
  const CXXMethodDecl *Method = Call->getMethodDecl();
  if (!Method || !Method->getIdentifier())
    return std::nullopt;
  std::string Class = qualifiedName(*Method->getParent());
  if (Class != "jwt::payload" && Class != "jwt::header" && Class != "jwt::decoded_jwt")
    return std::nullopt;
  std::optional<ObjectPath> Token = objectPath(Call->getImplicitObjectArgument());
  if (!Token)
    return std::nullopt;
  llvm::StringRef Name = Method->getName();
  if (!Name.consume_front(Prefix))
    return std::nullopt;
  Claim Result;
  Result.Token = std::move(*Token);
  if (Name == "payload_claim" || Name == "header_claim") {
    std::optional<std::string> Written =
        Call->getNumArgs() == 1 ? claimName(Call->getArg(0)) : std::nullopt;
    if (!Written)
      return std::nullopt;
    Result.Set = Name == "payload_claim" ? ClaimSet::Payload : ClaimSet::Header;
    Result.Name = std::move(*Written);
    return Result;
  }
  for (const NamedAccessor &Accessor : NamedAccessors)
    if (Name == Accessor.Suffix && Call->getNumArgs() == 0) {
      Result.Set = Accessor.Set;
      Result.Name = ("\"" + Accessor.Name + "\"").str();
      return Result;
    }
  return std::nullopt;
}

// Whether a condition operand, when true, makes the call safe.
using Check = llvm::function_ref<bool(const Expr &)>;

// Whether Condition holds only when the check does: the check, alone or as
// an operand of &&.
bool requiresCheck(const Expr *Condition, Check Holds, unsigned Depth = 0) {
  if (!Condition || Depth > MaxExpressionDepth)
    return false;
  Condition = Condition->IgnoreParenImpCasts();
  if (const auto *Binary = dyn_cast<BinaryOperator>(Condition))
    if (Binary->getOpcode() == BO_LAnd)
      return requiresCheck(Binary->getLHS(), Holds, Depth + 1) ||
             requiresCheck(Binary->getRHS(), Holds, Depth + 1);
  return Holds(*Condition);
}

// Whether Condition holds whenever the check fails: its negation, alone or
// as an operand of ||.
bool holdsWhenFailed(const Expr *Condition, Check Holds, unsigned Depth = 0) {
  if (!Condition || Depth > MaxExpressionDepth)
    return false;
  Condition = Condition->IgnoreParenImpCasts();
  if (const auto *Binary = dyn_cast<BinaryOperator>(Condition))
    if (Binary->getOpcode() == BO_LOr)
      return holdsWhenFailed(Binary->getLHS(), Holds, Depth + 1) ||
             holdsWhenFailed(Binary->getRHS(), Holds, Depth + 1);
  if (const auto *Not = dyn_cast<UnaryOperator>(Condition))
    if (Not->getOpcode() == UO_LNot)
      return requiresCheck(Not->getSubExpr(), Holds, Depth + 1);
  return false;
}

// Whether running S always leaves the function: it ends in return, co_return
// or throw.
bool alwaysLeaves(const Stmt *S) {
  if (!S)
    return false;
  if (isa<ReturnStmt, CoreturnStmt>(S))
    return true;
  if (const auto *E = dyn_cast<Expr>(S))
    return isa<CXXThrowExpr>(E->IgnoreParenImpCasts());
  if (const auto *Block = dyn_cast<CompoundStmt>(S))
    return !Block->body_empty() && alwaysLeaves(Block->body_back());
  return false;
}

// The statements from Root down to Target (both included); false when Target
// is not in Root. Lambda bodies are functions of their own and not entered.
bool findPath(const Stmt *Root, const Stmt *Target, llvm::SmallVectorImpl<const Stmt *> &Path,
              unsigned Depth = 0) {
  if (!Root || Depth > MaxStatementDepth || (isa<LambdaExpr>(Root) && Root != Target))
    return false;
  Path.push_back(Root);
  if (Root == Target)
    return true;
  for (const Stmt *Child : Root->children())
    if (findPath(Child, Target, Path, Depth + 1))
      return true;
  Path.pop_back();
  return false;
}

// Whether Site runs only when the check held (see guardedBefore); Parents
// maps the statements of the body it is in.
bool guardedBy(const Expr &Site, const ParentMap &Parents, Check Holds) {
  llvm::SmallVector<const Stmt *, 16> Path;
  for (const Stmt *S = &Site; S && Path.size() <= MaxStatementDepth; S = Parents.getParent(S))
    Path.push_back(S);
  std::reverse(Path.begin(), Path.end());
  for (size_t I = 0; I + 1 < Path.size(); ++I) {
    const Stmt *Enclosing = Path[I];
    const Stmt *Inner = Path[I + 1];
    if (const auto *If = dyn_cast<IfStmt>(Enclosing)) {
      const VarDecl *Variable = If->getConditionVariable();
      if (Inner == If->getThen() &&
          (requiresCheck(If->getCond(), Holds) ||
           (Variable && Variable->getInit() && Holds(*Variable->getInit()))))
        return true;
      if (Inner == If->getElse() && holdsWhenFailed(If->getCond(), Holds))
        return true;
      continue;
    }
    const auto *Block = dyn_cast<CompoundStmt>(Enclosing);
    if (!Block)
      continue;
    for (const Stmt *Earlier : Block->body()) {
      if (Earlier == Inner)
        break;
      const auto *If = dyn_cast<IfStmt>(Earlier);
      if (If && If->getCond() && !If->getConditionVariable() &&
          holdsWhenFailed(If->getCond(), Holds) && alwaysLeaves(If->getThen()))
        return true;
    }
  }
  return false;
}

bool claimChecked(const Expr &Site, const FunctionDecl &Callee, llvm::StringRef ExceptionName,
                  const ParentMap &Parents) {
  if (ExceptionName != "jwt::error::claim_not_present_exception" ||
      !Callee.getName().starts_with("get_"))
    return false;
  std::optional<Claim> Read = accessedClaim(&Site, "get_");
  if (!Read)
    return false;
  return guardedBy(Site, Parents, [&](const Expr &Condition) {
    std::optional<Claim> Checked = accessedClaim(&Condition, "has_");
    return Checked && *Checked == *Read;
  });
}

// A value a predicate returns to say "not valid".
bool isFalseLike(const Expr *E) {
  if (!E)
    return false;
  E = E->IgnoreUnlessSpelledInSource();
  if (const auto *Bool = dyn_cast<CXXBoolLiteralExpr>(E))
    return !Bool->getValue();
  if (const auto *Int = dyn_cast<IntegerLiteral>(E))
    return Int->getValue().isZero();
  if (isa<CXXNullPtrLiteralExpr, GNUNullExpr>(E))
    return true;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl()->isInStdNamespace() && Ref->getDecl()->getName() == "nullopt";
  if (const auto *List = dyn_cast<InitListExpr>(E))
    return List->getNumInits() == 0;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getNumArgs() == 0 ||
           (Construct->getNumArgs() == 1 && isFalseLike(Construct->getArg(0)));
  return false;
}

// The text of a call's object and arguments with the parameters of the
// function it is written in replaced by what a call of that function passed
// (Arguments); nothing when an argument cannot be printed.
class ParameterSubstitution : public PrinterHelper {
public:
  llvm::DenseMap<const ParmVarDecl *, std::string> Arguments;
  bool handledStmt(Stmt *S, raw_ostream &OS) override {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      if (const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl())) {
        auto It = Arguments.find(Param);
        if (It != Arguments.end()) {
          OS << It->second;
          return true;
        }
      }
    return false;
  }
};

std::string printed(const Expr &E, const ASTContext &Ctx, PrinterHelper *Helper) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  E.printPretty(OS, Helper, Ctx.getPrintingPolicy());
  return Text;
}

// What a call passes: its object (for a member call) and its written
// arguments, as text.
std::string callText(const Expr &Call, const ASTContext &Ctx, PrinterHelper *Helper) {
  std::string Text;
  auto Add = [&](const Expr *Arg) {
    if (isa<CXXDefaultArgExpr>(Arg))
      return;
    Text += printed(*Arg, Ctx, Helper);
    Text += '\x1f';
  };
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    if (const Expr *Object = Member->getImplicitObjectArgument()) {
      Text += isa<CXXThisExpr>(Object->IgnoreParenImpCasts()) ? "this" : printed(*Object, Ctx, Helper);
      Text += '\x1e';
    }
  if (const auto *C = dyn_cast<CallExpr>(&Call)) {
    unsigned First = isa<CXXOperatorCallExpr>(C) && isa<CXXMethodDecl>(C->getCalleeDecl()) ? 1 : 0;
    for (unsigned I = First; I < C->getNumArgs(); ++I)
      Add(C->getArg(I));
  } else if (const auto *C = dyn_cast<CXXConstructExpr>(&Call)) {
    for (const Expr *Arg : C->arguments())
      Add(Arg);
  }
  return Text;
}

const FunctionDecl *calleeOf(const Expr &Call) {
  if (const auto *C = dyn_cast<CallExpr>(&Call))
    return C->getDirectCallee();
  if (const auto *C = dyn_cast<CXXConstructExpr>(&Call))
    return C->getConstructor();
  return nullptr;
}

// The calls of one function (Callee, with the text Wanted) in a predicate's
// body, with the try blocks around each.
class SameCallFinder : public FunctionBodyWalker<SameCallFinder> {
public:
  SameCallFinder(const FunctionDecl &Callee, std::string Wanted, const ASTContext &Ctx,
                 ParameterSubstitution &Substitution)
      : Callee(Callee), Wanted(std::move(Wanted)), Ctx(Ctx), Substitution(Substitution) {}

  struct Found {
    const Expr *Call;
    llvm::SmallVector<TryScope, 2> Tries;
  };
  std::vector<Found> Calls;

  bool VisitCallExpr(CallExpr *Call) { return visit(*Call); }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) { return visit(*Construct); }

private:
  bool visit(const Expr &Call) {
    const FunctionDecl *Called = calleeOf(Call);
    if (Called && Called->getCanonicalDecl() == Callee.getCanonicalDecl() &&
        callText(Call, Ctx, &Substitution) == Wanted)
      Calls.push_back({&Call, llvm::SmallVector<TryScope, 2>(Tries.begin(), Tries.end())});
    return true;
  }

  const FunctionDecl &Callee;
  const std::string Wanted; // owned: the caller passes a temporary
  const ASTContext &Ctx;
  ParameterSubstitution &Substitution;
};

// The return statements of a body, lambdas and local classes left out.
void returnsIn(const Stmt *S, llvm::SmallVectorImpl<const ReturnStmt *> &Out, unsigned Depth = 0) {
  if (!S || Depth > MaxStatementDepth || isa<LambdaExpr, BlockExpr>(S))
    return;
  if (const auto *Return = dyn_cast<ReturnStmt>(S))
    Out.push_back(Return);
  for (const Stmt *Child : S->children())
    returnsIn(Child, Out, Depth + 1);
}

bool contains(const Stmt *Root, const Stmt *Target, unsigned Depth = 0) {
  if (!Root || Depth > MaxStatementDepth)
    return false;
  if (Root == Target)
    return true;
  for (const Stmt *Child : Root->children())
    if (contains(Child, Target, Depth + 1))
      return true;
  return false;
}

// Whether Call, in Body, runs before every return of a value that is not
// false-like: it is reached from the body's start without a branch, and every
// such return comes after it (later in the body, and not in a handler of a
// try block around it).
bool runsBeforeEveryTrueReturn(const Stmt &Body, const Expr &Call, const SourceManager &SM) {
  llvm::SmallVector<const Stmt *, 16> Path;
  if (!findPath(&Body, &Call, Path) || Path.size() < 2 || !isa<CompoundStmt>(Path[0]))
    return false;
  for (size_t I = 0; I + 1 < Path.size(); ++I) {
    const Stmt *Enclosing = Path[I];
    const Stmt *Inner = Path[I + 1];
    if (isa<CompoundStmt, DeclStmt, ReturnStmt, ExprWithCleanups>(Enclosing))
      continue;
    if (const auto *Try = dyn_cast<CXXTryStmt>(Enclosing)) {
      if (Inner == Try->getTryBlock())
        continue;
      return false;
    }
    if (const auto *If = dyn_cast<IfStmt>(Enclosing)) {
      if (Inner == If->getCond() || Inner == If->getInit())
        continue;
      return false;
    }
    if (const auto *Switch = dyn_cast<SwitchStmt>(Enclosing)) {
      if (Inner == Switch->getCond() || Inner == Switch->getInit())
        continue;
      return false;
    }
    if (isa<AbstractConditionalOperator>(Enclosing))
      return false;
    if (const auto *Binary = dyn_cast<BinaryOperator>(Enclosing)) {
      if (Binary->isLogicalOp() && Inner != Binary->getLHS())
        return false;
      continue;
    }
    if (isa<Expr>(Enclosing) && !isa<LambdaExpr>(Enclosing))
      continue;
    return false;
  }
  llvm::SmallVector<const ReturnStmt *, 8> Returns;
  returnsIn(&Body, Returns);
  for (const ReturnStmt *Return : Returns) {
    if (isFalseLike(Return->getRetValue()))
      continue;
    if (!SM.isBeforeInTranslationUnit(Call.getEndLoc(), Return->getBeginLoc()))
      return false;
    for (const Stmt *On : Path)
      if (const auto *Try = dyn_cast<CXXTryStmt>(On))
        for (unsigned H = 0; H < Try->getNumHandlers(); ++H)
          if (contains(Try->getHandler(H), Return))
            return false;
  }
  return true;
}

// Whether the handler that stops the exception also ends the predicate with a
// false-like value (or a throw): every return in it is false-like and it
// never falls through.
bool rejects(const CXXCatchStmt &Handler) {
  if (!alwaysLeaves(Handler.getHandlerBlock()))
    return false;
  llvm::SmallVector<const ReturnStmt *, 4> Returns;
  returnsIn(Handler.getHandlerBlock(), Returns);
  return llvm::all_of(Returns, [](const ReturnStmt *R) { return isFalseLike(R->getRetValue()); });
}

// Whether Condition is a call of a predicate that makes Site's very call
// under a handler that stops the exception (see guardedBefore).
bool validates(const Expr &Condition, const Expr &Site, const FunctionDecl &Callee,
               const CXXRecordDecl *Type, llvm::StringRef ExceptionName, const ASTContext &Ctx) {
  const auto *Call = dyn_cast<CallExpr>(Condition.IgnoreUnlessSpelledInSource());
  if (!Call)
    return false;
  const FunctionDecl *Predicate = Call->getDirectCallee();
  const FunctionDecl *Def = nullptr;
  if (!Predicate || !Predicate->hasBody(Def) || !Def || !Def->getBody() ||
      Def->getCanonicalDecl() == Callee.getCanonicalDecl() ||
      Ctx.getSourceManager().isInSystemHeader(Def->getLocation()))
    return false;
  // A member predicate of another object would read that object's members:
  // only one called on `this` (or a lambda's call operator) counts.
  unsigned First = 0;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Predicate); Method && !Method->isStatic()) {
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
      const Expr *Object = Member->getImplicitObjectArgument();
      if (!Object || !isa<CXXThisExpr>(Object->IgnoreParenImpCasts()))
        return false;
    } else if (isa<CXXOperatorCallExpr>(Call)) {
      if (!Method->getParent()->isLambda())
        return false;
      First = 1;
    } else {
      return false;
    }
  }
  if (Call->getNumArgs() - First != Def->getNumParams())
    return false;
  ParameterSubstitution Substitution;
  for (unsigned I = 0; I < Def->getNumParams(); ++I)
    Substitution.Arguments[Def->getParamDecl(I)] = printed(*Call->getArg(I + First), Ctx, nullptr);
  SameCallFinder Finder(Callee, callText(Site, Ctx, nullptr), Ctx, Substitution);
  Finder.walkBody(*Def);
  for (const SameCallFinder::Found &Same : Finder.Calls) {
    Resolution Stopped = ExceptionFlow::resolve(Same.Tries, Type, ExceptionName.str());
    if (Stopped.Handler && rejects(*Stopped.Handler) &&
        runsBeforeEveryTrueReturn(*Def->getBody(), *Same.Call, Ctx.getSourceManager()))
      return true;
  }
  return false;
}

} // namespace

bool guardedBefore(const Expr &Site, const FunctionDecl &Callee, const CXXRecordDecl *Type,
                   llvm::StringRef ExceptionName, const ParentMap &Parents) {
  if (claimChecked(Site, Callee, ExceptionName, Parents))
    return true;
  const ASTContext &Ctx = Callee.getASTContext();
  return guardedBy(Site, Parents, [&](const Expr &Condition) {
    return validates(Condition, Site, Callee, Type, ExceptionName, Ctx);
  });
}

} // namespace failguard
