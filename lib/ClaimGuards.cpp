// Claim getters of jwt-cpp that an earlier presence check keeps from throwing.
#include "lib/ClaimGuards.h"

#include "lib/NameMatching.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

using namespace clang;

namespace failguard {

namespace {

enum class ClaimSet { Payload, Header };

// A claim of one token variable: which set, which name.
struct Claim {
  const ValueDecl *Token = nullptr;
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

// The text of a string literal argument, also through the implicit
// conversion to std::string.
std::optional<std::string> literalText(const Expr *E) {
  E = E->IgnoreUnlessSpelledInSource();
  while (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (Construct->getNumArgs() == 0)
      return std::nullopt;
    E = Construct->getArg(0)->IgnoreUnlessSpelledInSource();
  }
  if (const auto *Literal = dyn_cast<StringLiteral>(E))
    return Literal->getString().str();
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
  const auto *Object =
      dyn_cast<DeclRefExpr>(Call->getImplicitObjectArgument()->IgnoreParenImpCasts());
  if (!Object)
    return std::nullopt;
  llvm::StringRef Name = Method->getName();
  if (!Name.consume_front(Prefix))
    return std::nullopt;
  Claim Result;
  Result.Token = Object->getDecl();
  if (Name == "payload_claim" || Name == "header_claim") {
    std::optional<std::string> Literal =
        Call->getNumArgs() == 1 ? literalText(Call->getArg(0)) : std::nullopt;
    if (!Literal)
      return std::nullopt;
    Result.Set = Name == "payload_claim" ? ClaimSet::Payload : ClaimSet::Header;
    Result.Name = *Literal;
    return Result;
  }
  for (const NamedAccessor &Accessor : NamedAccessors)
    if (Name == Accessor.Suffix && Call->getNumArgs() == 0) {
      Result.Set = Accessor.Set;
      Result.Name = Accessor.Name.str();
      return Result;
    }
  return std::nullopt;
}

// Whether Condition holds only when Wanted is present: a presence check,
// alone or as an operand of &&.
bool requiresClaim(const Expr *Condition, const Claim &Wanted) {
  Condition = Condition->IgnoreParenImpCasts();
  if (const auto *Binary = dyn_cast<BinaryOperator>(Condition))
    if (Binary->getOpcode() == BO_LAnd)
      return requiresClaim(Binary->getLHS(), Wanted) || requiresClaim(Binary->getRHS(), Wanted);
  std::optional<Claim> Checked = accessedClaim(Condition, "has_");
  return Checked && *Checked == Wanted;
}

// Whether Condition holds whenever Wanted is missing: a negated presence
// check, alone or as an operand of ||.
bool holdsWhenMissing(const Expr *Condition, const Claim &Wanted) {
  Condition = Condition->IgnoreParenImpCasts();
  if (const auto *Binary = dyn_cast<BinaryOperator>(Condition))
    if (Binary->getOpcode() == BO_LOr)
      return holdsWhenMissing(Binary->getLHS(), Wanted) ||
             holdsWhenMissing(Binary->getRHS(), Wanted);
  if (const auto *Not = dyn_cast<UnaryOperator>(Condition))
    if (Not->getOpcode() == UO_LNot)
      return requiresClaim(Not->getSubExpr(), Wanted);
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

// The statements from Root down to Target (both included); empty when Target
// is not in Root. Lambda bodies are functions of their own and not entered.
bool findPath(const Stmt *Root, const Stmt *Target, llvm::SmallVectorImpl<const Stmt *> &Path,
              unsigned Depth = 0) {
  if (!Root || Depth > 256 || isa<LambdaExpr>(Root) && Root != Target)
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

} // namespace

bool claimCheckedBefore(const Expr &Site, const FunctionDecl &Callee,
                        llvm::StringRef ExceptionName, const Stmt &Body) {
  if (ExceptionName != "jwt::error::claim_not_present_exception" ||
      !Callee.getName().starts_with("get_"))
    return false;
  std::optional<Claim> Read = accessedClaim(&Site, "get_");
  if (!Read)
    return false;
  llvm::SmallVector<const Stmt *, 16> Path;
  if (!findPath(&Body, &Site, Path))
    return false;
  for (size_t I = 0; I + 1 < Path.size(); ++I) {
    const Stmt *Enclosing = Path[I];
    const Stmt *Inner = Path[I + 1];
    if (const auto *If = dyn_cast<IfStmt>(Enclosing)) {
      if (If->getCond() && ((Inner == If->getThen() && requiresClaim(If->getCond(), *Read)) ||
                            (Inner == If->getElse() && holdsWhenMissing(If->getCond(), *Read))))
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
          holdsWhenMissing(If->getCond(), *Read) && alwaysLeaves(If->getThen()))
        return true;
    }
  }
  return false;
}

} // namespace failguard
