// Per-function facts of a translation unit, as compared with a baseline.
#include "lib/Facts.h"
#include "lib/BodyWalker.h"
#include "lib/ExceptionSpecs.h"

#include "lib/NameMatching.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/xxhash.h"

using namespace clang;

namespace failguard {

namespace {

constexpr int FactsFormat = 4;

// Longer argument texts are kept as a hash: equality is all alignment needs.
constexpr size_t ArgumentTextLimit = 48;

ReturnClass classFromNumber(int64_t N) {
  switch (N) {
  case 1:
    return ReturnClass::OptionalLike;
  case 2:
    return ReturnClass::ResultLike;
  default:
    return ReturnClass::Plain;
  }
}

int64_t numberOf(ReturnClass C) {
  switch (C) {
  case ReturnClass::OptionalLike:
    return 1;
  case ReturnClass::ResultLike:
    return 2;
  default:
    return 0;
  }
}

std::string withoutWhiteSpace(llvm::StringRef Text) {
  std::string Compact;
  Compact.reserve(Text.size());
  for (char C : Text)
    if (!isspace(static_cast<unsigned char>(C)))
      Compact += C;
  return Compact;
}

// The source text of \p E, white space removed; empty inside a macro
// argument that has no file range.
std::string compactText(const Expr &E, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange Range = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(E.getSourceRange()), SM, Ctx.getLangOpts());
  if (Range.isInvalid())
    return "";
  return withoutWhiteSpace(Lexer::getSourceText(Range, SM, Ctx.getLangOpts()));
}

// The lambda an argument or initialiser is, through the conversions that
// wrap it (into a std::function, a temporary, parentheses).
const LambdaExpr *lambdaIn(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *L = dyn_cast<LambdaExpr>(E))
      return L;
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
      E = Cleanups->getSubExpr();
    else if (const auto *Temporary = dyn_cast<MaterializeTemporaryExpr>(E))
      E = Temporary->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
      E = Bind->getSubExpr();
    else if (const auto *Cast = dyn_cast<CastExpr>(E))
      E = Cast->getSubExpr();
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
             Construct && Construct->getNumArgs() >= 1)
      E = Construct->getArg(0);
    else
      return nullptr;
  }
  return nullptr;
}

// The literal arguments of a call, as a route path or an HTTP method is written.
std::string literalArguments(llvm::ArrayRef<const Expr *> Args) {
  std::vector<std::string> Parts;
  for (const Expr *Arg : Args) {
    const Expr *E = withoutConversions(Arg);
    if (const auto *S = dyn_cast<StringLiteral>(E); S && S->getCharByteWidth() == 1)
      Parts.push_back(("\"" + S->getString() + "\"").str());
    else if (const auto *I = dyn_cast<IntegerLiteral>(E))
      Parts.push_back(llvm::toString(I->getValue(), 10, /*Signed=*/true));
    else if (const auto *Ref = dyn_cast<DeclRefExpr>(E); Ref && isa<EnumConstantDecl>(Ref->getDecl()))
      Parts.push_back(Ref->getDecl()->getNameAsString());
  }
  return llvm::join(Parts, ",");
}

// The object a member call (or a member operator call) is made on.
const Expr *receiverOf(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    return Member->getImplicitObjectArgument();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call);
      Op && Op->getNumArgs() >= 1 && isa_and_nonnull<CXXMethodDecl>(Op->getCalleeDecl()))
    return Op->getArg(0);
  return nullptr;
}

// The literal arguments of the calls a member call is made on, outermost
// last: in CROW_ROUTE(app, "/login").methods(Post)([...]), the lambda is
// passed to operator() of what route("/login") and methods(Post) return, so
// the route and the method tell two such lambdas apart. Empty when the
// receiver is no call (router.get("/profile", [...])).
std::string receiverLiterals(const CallExpr &Call) {
  std::vector<std::string> Parts;
  const Expr *Receiver = receiverOf(Call);
  for (unsigned Depth = 0; Receiver && Depth < 8; ++Depth) {
    const auto *Inner = dyn_cast<CallExpr>(Receiver->IgnoreImplicit()->IgnoreParens());
    if (!Inner)
      break;
    llvm::SmallVector<const Expr *, 4> Args;
    for (const Expr *Arg : Inner->arguments())
      if (Arg != receiverOf(*Inner))
        Args.push_back(Arg);
    std::string Literals = literalArguments(Args);
    if (!Literals.empty())
      Parts.insert(Parts.begin(), Literals);
    Receiver = receiverOf(*Inner);
  }
  return llvm::join(Parts, ";");
}

// Names the lambdas of one scope by what they initialise or are passed to,
// and lists them in order. Nested lambdas belong to the lambda around them.
class LambdaNamer : public RecursiveASTVisitor<LambdaNamer> {
  using Base = RecursiveASTVisitor<LambdaNamer>;

public:
  explicit LambdaNamer(bool NamespaceScope) : NamespaceScope(NamespaceScope) {}

  llvm::DenseMap<const LambdaExpr *, std::string> Names;
  std::vector<const LambdaExpr *> Order;

  bool shouldVisitTemplateInstantiations() const { return false; }

  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    // Function bodies are other scopes; at namespace scope, namespaces and
    // classes hold the variables and fields whose lambdas are ours.
    if (isa<FunctionDecl, FunctionTemplateDecl>(D))
      return true;
    if (!NamespaceScope && isa<TagDecl, ClassTemplateDecl>(D))
      return true;
    return Base::TraverseDecl(D);
  }

  bool TraverseLambdaExpr(LambdaExpr *L) {
    Order.push_back(L);
    for (Expr *Init : L->capture_inits())
      if (Init)
        TraverseStmt(Init);
    return true;
  }

  bool VisitVarDecl(VarDecl *V) {
    if (const LambdaExpr *L = lambdaIn(V->getInit()))
      Names.try_emplace(L, "=" + nameOf(*V));
    return true;
  }

  bool VisitFieldDecl(FieldDecl *F) {
    if (const LambdaExpr *L = lambdaIn(F->getInClassInitializer()))
      Names.try_emplace(L, "=" + nameOf(*F));
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    llvm::SmallVector<const Expr *, 4> Args(Call->arguments());
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
        Op && Op->isAssignmentOp() && Op->getNumArgs() == 2) {
      if (const LambdaExpr *L = lambdaIn(Op->getArg(1)))
        if (const NamedDecl *Target = assigned(Op->getArg(0)))
          Names.try_emplace(L, "=" + nameOf(*Target));
      return true;
    }
    const auto *Callee = dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl());
    // A lambda called where it is written is not passed to anything.
    if (const auto *Method = dyn_cast_or_null<FunctionDecl>(Callee);
        Method && isLambdaCallOperator(*Method))
      return true;
    std::string Receiver = receiverLiterals(*Call);
    nameArguments(Callee ? qualifiedName(*Callee) : std::string("?"), Args,
                  Receiver.empty() ? std::string() : " on (" + Receiver + ")");
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    // A lambda converted to a std::function is named by what receives it.
    if (Construct->getNumArgs() == 1)
      return true;
    llvm::SmallVector<const Expr *, 4> Args(Construct->arguments());
    nameArguments(qualifiedName(*Construct->getConstructor()->getParent()), Args);
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->isAssignmentOp())
      if (const LambdaExpr *L = lambdaIn(Op->getRHS()))
        if (const NamedDecl *Target = assigned(Op->getLHS()))
          Names.try_emplace(L, "=" + nameOf(*Target));
    return true;
  }

private:
  std::string nameOf(const NamedDecl &D) const {
    return NamespaceScope ? qualifiedName(D) : D.getNameAsString();
  }

  static const NamedDecl *assigned(const Expr *Target) {
    Target = Target->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Target))
      return Ref->getDecl();
    if (const auto *Member = dyn_cast<MemberExpr>(Target))
      return Member->getMemberDecl();
    return nullptr;
  }

  void nameArguments(const std::string &Callee, llvm::ArrayRef<const Expr *> Args,
                     const std::string &Receiver = std::string()) {
    std::string Literals;
    bool Computed = false;
    for (const Expr *Arg : Args)
      if (const LambdaExpr *L = lambdaIn(Arg)) {
        if (!Computed) {
          Literals = literalArguments(Args);
          Computed = true;
        }
        Names.try_emplace(L, "@" + Callee + "(" + Literals + ")" + Receiver);
      }
  }

  bool NamespaceScope;
};

// Every function declaration and lambda body outside template instantiations.
class FunctionLister : public RecursiveASTVisitor<FunctionLister> {
public:
  llvm::SetVector<const FunctionDecl *> Functions;
  bool VisitFunctionDecl(FunctionDecl *FD) {
    Functions.insert(FD);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *L) {
    Functions.insert(L->getCallOperator());
    return true;
  }
};

// Interns strings for the JSON form.
class StringTable {
public:
  int64_t operator()(llvm::StringRef S) {
    auto [It, Inserted] = Index.try_emplace(S, Strings.size());
    if (Inserted)
      Strings.push_back(S.str());
    return static_cast<int64_t>(It->second);
  }
  llvm::json::Array take() {
    llvm::json::Array Out;
    for (std::string &S : Strings)
      Out.push_back(std::move(S));
    return Out;
  }

private:
  llvm::StringMap<size_t> Index;
  std::vector<std::string> Strings;
};

} // namespace

FactsCollector::FactsCollector(
    ASTContext &Ctx, ExceptionFlow &Flow, const NullableTypes &Nullable,
    std::function<std::optional<std::string>(llvm::StringRef)> RelativePath)
    : Ctx(Ctx), Flow(Flow), Nullable(Nullable), RelativePath(std::move(RelativePath)) {}

FactsCollector::~FactsCollector() = default;

std::optional<std::string> FactsCollector::repositoryFile(SourceLocation Loc) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Spelling = SM.getFileLoc(Loc);
  FileID File = SM.getFileID(Spelling);
  auto [It, Inserted] = FileCache.try_emplace(File.getHashValue());
  if (Inserted) {
    if (auto Entry = SM.getFileEntryRefForID(File); Entry && !SM.isInSystemHeader(Spelling))
      It->second = RelativePath(Entry->getName());
  }
  return It->second;
}

bool FactsCollector::isRepositoryFunction(const FunctionDecl &FD) {
  if (FD.isImplicit() || isa<CXXDeductionGuideDecl>(FD))
    return false;
  return repositoryFile(FD.getLocation()).has_value();
}

const llvm::DenseMap<const CXXRecordDecl *, std::string> &
FactsCollector::lambdaIdentities(const FunctionDecl *Enclosing) {
  auto [It, Inserted] = LambdaCache.try_emplace(Enclosing);
  if (!Inserted)
    return It->second;
  LambdaNamer Namer(/*NamespaceScope=*/!Enclosing);
  if (Enclosing) {
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Enclosing))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->isWritten())
          Namer.TraverseStmt(Init->getInit());
    Namer.TraverseStmt(Enclosing->getBody());
  } else {
    for (Decl *D : Ctx.getTranslationUnitDecl()->noload_decls())
      if (D->getLocation().isValid() && repositoryFile(D->getLocation()))
        Namer.TraverseDecl(D);
  }
  // Equal identities are numbered in order: that is the alignment of the
  // lambdas that nothing else tells apart.
  llvm::StringMap<unsigned> Seen;
  auto &Identities = LambdaCache[Enclosing];
  for (const LambdaExpr *L : Namer.Order) {
    auto Name = Namer.Names.find(L);
    std::string Identity = Name == Namer.Names.end() ? "?" : Name->second;
    unsigned N = Seen[Identity]++;
    if (N > 0)
      Identity += "/" + std::to_string(N);
    Identities[L->getLambdaClass()] = std::move(Identity);
  }
  return Identities;
}

std::string FactsCollector::lambdaIdentity(const FunctionDecl &Lambda) {
  const CXXRecordDecl *Class = cast<CXXMethodDecl>(Lambda).getParent();
  const FunctionDecl *Enclosing = enclosingFunction(Lambda);
  const auto &Identities = lambdaIdentities(Enclosing);
  auto It = Identities.find(Class);
  return It == Identities.end() ? std::string("?") : It->second;
}

std::string FactsCollector::functionKey(const FunctionDecl &FD) {
  const Decl *Canonical = FD.getCanonicalDecl();
  auto Cached = KeyCache.find(Canonical);
  if (Cached != KeyCache.end())
    return Cached->second;
  std::string Key;
  if (isLambdaCallOperator(FD)) {
    const FunctionDecl *Enclosing = enclosingFunction(FD);
    Key = (Enclosing ? functionKey(*Enclosing) : std::string("<global>")) + "#" +
          lambdaIdentity(FD);
  } else if (FD.getDescribedFunctionTemplate()) {
    // A function template's USR includes its return type, which is what the
    // narrowed-return check compares: key it by name and parameters instead.
    Key = "template:" + qualifiedName(FD) + "(";
    for (const ParmVarDecl *P : FD.parameters())
      Key += P->getType().getCanonicalType().getAsString() + ",";
    Key += ")";
  } else {
    llvm::SmallString<128> USR;
    if (index::generateUSRForDecl(&FD, USR))
      Key = qualifiedName(FD);
    else
      Key = USR.str().str();
  }
  KeyCache[Canonical] = Key;
  return Key;
}

std::string FactsCollector::signature(const FunctionDecl &FD) {
  PrintingPolicy Policy = Ctx.getPrintingPolicy();
  std::string Out = "(";
  for (const ParmVarDecl *P : FD.parameters()) {
    if (Out.size() > 1)
      Out += ", ";
    Out += P->getType().getAsString(Policy);
  }
  Out += ")";
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&FD); Method && Method->isConst())
    Out += " const";
  if (isWrittenNothrow(FD))
    Out += " noexcept";
  return Out;
}

bool FactsCollector::catchesModelledType(const CXXRecordDecl &Caught) {
  auto [It, Inserted] = ModelledBaseCache.try_emplace(Caught.getCanonicalDecl(), false);
  if (!Inserted)
    return It->second;
  if (!ModelledTypes) {
    ModelledTypes.emplace();
    for (const std::string &Name : Flow.model().exceptionTypes())
      if (const CXXRecordDecl *Type = Flow.resolveType(Name))
        ModelledTypes->push_back(Type);
  }
  const CXXRecordDecl *Canonical = Caught.getCanonicalDecl();
  bool Result = llvm::any_of(*ModelledTypes, [&](const CXXRecordDecl *Type) {
    return Type->getCanonicalDecl() == Canonical ||
           (Type->hasDefinition() && Caught.hasDefinition() && Type->isDerivedFrom(&Caught));
  });
  ModelledBaseCache[Canonical] = Result;
  return Result;
}

const std::vector<CallSite> &FactsCollector::callSites(const FunctionDecl &FD) {
  const FunctionDecl *Def = nullptr;
  if (!FD.hasBody(Def) || !Def)
    Def = &FD;
  auto [Cached, Inserted] = CallCache.try_emplace(Def);
  if (!Inserted || !Def->doesThisDeclarationHaveABody())
    return Cached->second;

  // The calls the exception flow follows, named by their callee.
  const FunctionSummary &Summary = Flow.summary(*Def);
  llvm::DenseMap<const Expr *, const FunctionDecl *> Followed;
  for (const ModelledCall &C : Summary.Calls)
    Followed.try_emplace(C.Site, C.Api);
  for (const Escape &E : Summary.Escapes)
    Followed.try_emplace(E.Site, E.Callee);
  for (const HandledAt &H : Summary.Handled)
    Followed.try_emplace(H.Site, H.Callee);

  std::vector<CallSite> Sites;
  for (const CallRecord &Record : Summary.Sites) {
    const Expr *Site = Record.Site;
    const FunctionDecl *Callee = Record.Callee;
    const Stmt *Statement = Record.Statement;
    auto Known = Followed.find(Site);
    bool Opaque = false;
    if (Known != Followed.end()) {
      Callee = Known->second;
    } else {
      // A repository function whose body this translation unit lacks.
      if (!Callee || Callee->hasBody() || Flow.modelledThrows(*Callee) ||
          !isRepositoryFunction(*Callee) || isKnownNothrow(*Callee))
        continue;
      Opaque = true;
    }
    CallSite Call;
    Call.Site = Site;
    Call.Fact.Callee = qualifiedName(*Callee);
    Call.Fact.Opaque = Opaque;
    std::string Arguments;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Site))
      if (const Expr *Object = Member->getImplicitObjectArgument())
        if (!Object->isImplicitCXXThis())
          Arguments = compactText(*Object, Ctx) + ".";
    auto AddArguments = [&](auto Args) {
      for (const Expr *Arg : Args) {
        if (isa<CXXDefaultArgExpr>(Arg))
          continue;
        if (!Arguments.empty() && Arguments.back() != '.')
          Arguments += ",";
        Arguments += lambdaIn(Arg) ? std::string("[]") : compactText(*Arg, Ctx);
      }
    };
    if (const auto *C = dyn_cast<CallExpr>(Site))
      AddArguments(C->arguments());
    else if (const auto *C = dyn_cast<CXXConstructExpr>(Site))
      AddArguments(C->arguments());
    if (Arguments.size() > ArgumentTextLimit)
      Arguments = "#" + llvm::utohexstr(llvm::xxh3_64bits(Arguments));
    Call.Fact.Arguments = std::move(Arguments);
    if (Statement) {
      CharSourceRange Range = Lexer::makeFileCharRange(
          CharSourceRange::getTokenRange(Statement->getSourceRange()), Ctx.getSourceManager(),
          Ctx.getLangOpts());
      if (Range.isValid())
        Call.Fact.Context = llvm::utohexstr(static_cast<uint32_t>(llvm::xxh3_64bits(
            withoutWhiteSpace(Lexer::getSourceText(Range, Ctx.getSourceManager(), Ctx.getLangOpts())))));
    }
    if (Opaque)
      for (const TryScope &Scope : llvm::reverse(Record.Tries)) {
        if (Scope.ImplicitRethrow)
          continue;
        for (unsigned I = 0; I < Scope.Try->getNumHandlers(); ++I) {
          const CXXCatchStmt *Handler = Scope.Try->getHandler(I);
          if (ExceptionFlow::rethrows(*Handler))
            continue;
          const CXXRecordDecl *Caught =
              Handler->getExceptionDecl() ? classOf(Handler->getCaughtType()) : nullptr;
          if (Handler->getExceptionDecl() && !Caught)
            continue;
          Call.Handlers.push_back({Handler, Caught});
        }
      }
    Sites.push_back(std::move(Call));
  }
  auto &Slot = CallCache[Def];
  Slot = std::move(Sites);
  return Slot;
}

std::optional<FunctionFact> FactsCollector::factOf(const FunctionDecl &FD) {
  bool Lambda = isLambdaCallOperator(FD);
  FunctionFact Fact;
  Fact.Key = functionKey(FD);
  const SourceManager &SM = Ctx.getSourceManager();
  if (FD.doesThisDeclarationHaveABody()) {
    const FunctionSummary &Summary = Flow.summary(FD);
    const std::vector<CallSite> &Sites = callSites(FD);
    // A handler is evidence for an opaque call only when it stops nothing the
    // analysis sees (otherwise that is what it was written for) and catches a
    // modelled exception class or a base of one.
    llvm::DenseSet<const CXXCatchStmt *> Explained;
    for (const HandledAt &H : Summary.Handled)
      Explained.insert(H.Handler);
    auto Evidence = [&](const std::pair<const CXXCatchStmt *, const CXXRecordDecl *> &H) {
      return H.second && !Explained.contains(H.first) && catchesModelledType(*H.second);
    };
    llvm::DenseMap<const Expr *, unsigned> Stored;
    for (const CallSite &Site : Sites) {
      if (Site.Fact.Opaque && llvm::none_of(Site.Handlers, Evidence))
        continue;
      Stored[Site.Site] = Fact.Calls.size();
      Fact.Calls.push_back(Site.Fact);
    }
    for (const HandledAt &H : Summary.Handled) {
      auto Call = Stored.find(H.Site);
      if (Call == Stored.end())
        continue;
      std::string Api = H.ApiName;
      std::string Type = H.TypeName;
      unsigned Line = SM.getExpansionLineNumber(H.Handler->getBeginLoc());
      auto Same = llvm::find_if(Fact.Handled, [&](const HandledFact &F) {
        return F.Call == Call->second && F.Api == Api && F.HandlerLine == Line;
      });
      if (Same == Fact.Handled.end()) {
        Fact.Handled.push_back({Call->second, Api, {}, repositoryFile(H.Handler->getBeginLoc()).value_or(""), Line});
        Same = std::prev(Fact.Handled.end());
      }
      if (!llvm::is_contained(Same->Types, Type))
        Same->Types.push_back(std::move(Type));
    }
    for (const CallSite &Site : Sites) {
      if (!Site.Fact.Opaque)
        continue;
      auto Call = Stored.find(Site.Site);
      if (Call == Stored.end())
        continue;
      for (const auto &H : Site.Handlers)
        if (Evidence(H))
          Fact.Handled.push_back({Call->second, "", {qualifiedName(*H.second)},
                                  repositoryFile(H.first->getBeginLoc()).value_or(""),
                                  SM.getExpansionLineNumber(H.first->getBeginLoc())});
    }
    for (const Escape &E : Summary.Escapes) {
      EscapeFact Out{E.ApiName, E.TypeName};
      if (!llvm::is_contained(Fact.Escapes, Out))
        Fact.Escapes.push_back(std::move(Out));
    }
    Fact.BodyHash = bodyHash(FD);
  }
  if (Lambda) {
    if (Fact.Calls.empty() && Fact.Escapes.empty())
      return std::nullopt;
    Fact.Lambda = lambdaIdentity(FD);
  } else {
    Fact.Name = qualifiedName(FD);
    Fact.Signature = signature(FD);
    Fact.Class = Nullable.classify(FD.getReturnType());
    if (Fact.Class != ReturnClass::Plain) {
      PrintingPolicy Policy = Ctx.getPrintingPolicy();
      Fact.ReturnWritten = FD.getDeclaredReturnType().getAsString(Policy);
      if (llvm::StringRef(Fact.ReturnWritten).contains("auto"))
        Fact.ReturnDesugared = FD.getReturnType().getCanonicalType().getAsString(Policy);
    }
  }
  Fact.File = *repositoryFile(FD.getLocation());
  Fact.Line = SM.getSpellingLineNumber(FD.getLocation());
  return Fact;
}

const std::vector<const FunctionDecl *> &FactsCollector::repositoryFunctions() {
  if (!Functions) {
    // Only the top-level declarations written in the repository are walked:
    // the translation unit's system headers hold far more functions. Nothing
    // is loaded from an external AST source: in clangd that is the preamble,
    // whose declarations it does not report on.
    FunctionLister Lister;
    for (Decl *D : Ctx.getTranslationUnitDecl()->noload_decls())
      if (D->getLocation().isValid() && repositoryFile(D->getLocation()))
        Lister.TraverseDecl(D);
    Functions.emplace();
    for (const FunctionDecl *FD : Lister.Functions)
      if (isRepositoryFunction(*FD))
        Functions->push_back(FD);
  }
  return *Functions;
}

std::string bodyHash(const FunctionDecl &FD) {
  if (!FD.doesThisDeclarationHaveABody())
    return "";
  const ASTContext &Ctx = FD.getASTContext();
  llvm::StringRef Text = Lexer::getSourceText(CharSourceRange::getTokenRange(FD.getSourceRange()),
                                              Ctx.getSourceManager(), Ctx.getLangOpts());
  return llvm::utohexstr(llvm::xxh3_64bits(withoutWhiteSpace(Text)));
}

TranslationUnitFacts FactsCollector::collect() {
  TranslationUnitFacts Out;
  llvm::StringMap<size_t> ByKey;
  for (const FunctionDecl *FD : repositoryFunctions()) {
    std::optional<FunctionFact> Fact = factOf(*FD);
    if (!Fact)
      continue;
    auto [It, Inserted] = ByKey.try_emplace(Fact->Key, Out.Functions.size());
    if (Inserted)
      Out.Functions.push_back(std::move(*Fact));
    else if (FD->isThisDeclarationADefinition())
      Out.Functions[It->second] = std::move(*Fact);
  }
  return Out;
}

CallAlignment alignCalls(llvm::ArrayRef<CallFact> Before, llvm::ArrayRef<CallFact> Now) {
  size_t B = Before.size(), N = Now.size();
  CallAlignment Out;
  std::vector<int> &Result = Out.Partner;
  Result.assign(B, -1);
  Out.Exact.assign(B, false);
  // A pair of equal calls weighs 2, 3 when their statements are equal too.
  auto Weight = [&](size_t I, size_t J) -> unsigned {
    if (Before[I].Callee != Now[J].Callee || Before[I].Arguments != Now[J].Arguments)
      return 0;
    return Before[I].Context == Now[J].Context ? 3 : 2;
  };
  // Suffix weights of the heaviest common subsequence, then a forward walk
  // that takes the earliest pair.
  std::vector<std::vector<unsigned>> Length(B + 1, std::vector<unsigned>(N + 1, 0));
  for (size_t I = B; I-- > 0;)
    for (size_t J = N; J-- > 0;) {
      unsigned W = Weight(I, J);
      Length[I][J] = std::max({Length[I + 1][J], Length[I][J + 1],
                               W ? W + Length[I + 1][J + 1] : 0u});
    }
  std::vector<std::pair<size_t, size_t>> Anchors;
  for (size_t I = 0, J = 0; I < B && J < N;) {
    unsigned W = Weight(I, J);
    if (W && Length[I][J] == W + Length[I + 1][J + 1]) {
      Result[I] = static_cast<int>(J);
      Out.Exact[I] = W == 3;
      Anchors.push_back({I, J});
      ++I;
      ++J;
    } else if (Length[I + 1][J] >= Length[I][J + 1]) {
      ++I;
    } else {
      ++J;
    }
  }
  // Between anchors, a changed call (arguments renamed) keeps its callee.
  Anchors.push_back({B, N});
  size_t FromI = 0, FromJ = 0;
  for (auto [ToI, ToJ] : Anchors) {
    std::vector<bool> Taken(ToJ - FromJ, false);
    for (size_t I = FromI; I < ToI; ++I)
      for (size_t J = FromJ; J < ToJ; ++J)
        if (!Taken[J - FromJ] && Before[I].Callee == Now[J].Callee) {
          Result[I] = static_cast<int>(J);
          Taken[J - FromJ] = true;
          break;
        }
    FromI = ToI + 1;
    FromJ = ToJ + 1;
  }
  return Out;
}

llvm::json::Value toJSON(const TranslationUnitFacts &Facts) {
  StringTable Strings;
  llvm::json::Array Functions;
  for (const FunctionFact &F : Facts.Functions) {
    llvm::json::Array Calls, Handled, Escapes;
    for (const CallFact &C : F.Calls)
      Calls.push_back(llvm::json::Array{Strings(C.Callee), Strings(C.Arguments), C.Opaque ? 1 : 0,
                                        C.Context});
    for (const HandledFact &H : F.Handled) {
      llvm::json::Array Types;
      for (const std::string &T : H.Types)
        Types.push_back(Strings(T));
      Handled.push_back(llvm::json::Array{H.Call, Strings(H.Api), std::move(Types),
                                          Strings(H.HandlerFile), H.HandlerLine});
    }
    for (const EscapeFact &E : F.Escapes)
      Escapes.push_back(llvm::json::Array{Strings(E.Api), Strings(E.Type)});
    Functions.push_back(llvm::json::Array{
        Strings(F.Key), Strings(F.Name), Strings(F.Signature), Strings(F.Lambda),
        numberOf(F.Class), Strings(F.ReturnWritten), Strings(F.ReturnDesugared),
        Strings(F.File), F.Line, Strings(F.BodyHash), std::move(Calls), std::move(Handled),
        std::move(Escapes)});
  }
  return llvm::json::Object{
      {"format", FactsFormat}, {"strings", Strings.take()}, {"functions", std::move(Functions)}};
}

llvm::Expected<TranslationUnitFacts> factsFromJSON(const llvm::json::Value &Value) {
  auto Invalid = [](const llvm::Twine &What) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "invalid facts: " + What);
  };
  const llvm::json::Object *Root = Value.getAsObject();
  if (!Root || Root->getInteger("format") != FactsFormat)
    return Invalid("unknown format");
  const llvm::json::Array *Strings = Root->getArray("strings");
  const llvm::json::Array *Functions = Root->getArray("functions");
  if (!Strings || !Functions)
    return Invalid("missing arrays");
  std::vector<std::string> Table;
  for (const llvm::json::Value &S : *Strings) {
    auto Text = S.getAsString();
    if (!Text)
      return Invalid("string table");
    Table.push_back(Text->str());
  }
  // Every reader checks its element: a bad entry is an error, never a crash.
  auto String = [&](const llvm::json::Value &V, std::string &Out) {
    auto I = V.getAsInteger();
    if (!I || *I < 0 || static_cast<size_t>(*I) >= Table.size())
      return false;
    Out = Table[*I];
    return true;
  };
  auto Number = [](const llvm::json::Value &V, unsigned &Out) {
    auto I = V.getAsInteger();
    if (!I || *I < 0 || *I > std::numeric_limits<unsigned>::max())
      return false;
    Out = static_cast<unsigned>(*I);
    return true;
  };
  TranslationUnitFacts Facts;
  for (const llvm::json::Value &V : *Functions) {
    const llvm::json::Array *A = V.getAsArray();
    if (!A || A->size() != 13)
      return Invalid("function entry");
    FunctionFact F;
    unsigned Class = 0;
    const llvm::json::Array *Calls = (*A)[10].getAsArray(), *Handled = (*A)[11].getAsArray(),
                            *Escapes = (*A)[12].getAsArray();
    if (!String((*A)[0], F.Key) || !String((*A)[1], F.Name) || !String((*A)[2], F.Signature) ||
        !String((*A)[3], F.Lambda) || !Number((*A)[4], Class) || Class > 2 ||
        !String((*A)[5], F.ReturnWritten) || !String((*A)[6], F.ReturnDesugared) ||
        !String((*A)[7], F.File) || !Number((*A)[8], F.Line) || !String((*A)[9], F.BodyHash) ||
        !Calls || !Handled || !Escapes)
      return Invalid("function entry fields");
    F.Class = classFromNumber(Class);
    for (const llvm::json::Value &CV : *Calls) {
      const llvm::json::Array *C = CV.getAsArray();
      CallFact Call;
      unsigned Opaque = 0;
      auto Context = C && C->size() == 4 ? (*C)[3].getAsString() : std::nullopt;
      if (!Context || !String((*C)[0], Call.Callee) || !String((*C)[1], Call.Arguments) ||
          !Number((*C)[2], Opaque))
        return Invalid("call entry");
      Call.Context = Context->str();
      Call.Opaque = Opaque != 0;
      F.Calls.push_back(std::move(Call));
    }
    for (const llvm::json::Value &HV : *Handled) {
      const llvm::json::Array *H = HV.getAsArray();
      HandledFact Fact;
      const llvm::json::Array *Types = H && H->size() == 5 ? (*H)[2].getAsArray() : nullptr;
      if (!Types || !Number((*H)[0], Fact.Call) || Fact.Call >= F.Calls.size() ||
          !String((*H)[1], Fact.Api) || !String((*H)[3], Fact.HandlerFile) ||
          !Number((*H)[4], Fact.HandlerLine))
        return Invalid("handled entry");
      for (const llvm::json::Value &T : *Types)
        if (!String(T, Fact.Types.emplace_back()))
          return Invalid("handled type");
      F.Handled.push_back(std::move(Fact));
    }
    for (const llvm::json::Value &EV : *Escapes) {
      const llvm::json::Array *E = EV.getAsArray();
      EscapeFact Fact;
      if (!E || E->size() != 2 || !String((*E)[0], Fact.Api) || !String((*E)[1], Fact.Type))
        return Invalid("escape entry");
      F.Escapes.push_back(std::move(Fact));
    }
    Facts.Functions.push_back(std::move(F));
  }
  return Facts;
}

FunctionMatcher::FunctionMatcher(const TranslationUnitFacts &Before, FactsCollector &Collector)
    : Collector(Collector) {
  for (const FunctionFact &F : Before.Functions) {
    ByKey.try_emplace(F.Key, &F);
    if (!F.Lambda.empty())
      LambdasOf[llvm::StringRef(F.Key).drop_back(F.Lambda.size() + 1)].push_back(&F);
    else
      ByName[F.Name].push_back(&F);
  }
}

namespace {

// How alike a current function and a baseline one are, for pairing overloads.
unsigned similarity(const FunctionFact &Was, llvm::StringRef Signature, llvm::StringRef Body,
                    llvm::ArrayRef<CallSite> Calls) {
  unsigned Score = 0;
  if (Was.Signature == Signature)
    Score += 8;
  llvm::SmallVector<llvm::StringRef, 4> WasParameters, Parameters;
  llvm::StringRef(Was.Signature).split(WasParameters, ", ");
  Signature.split(Parameters, ", ");
  if (WasParameters.size() == Parameters.size())
    Score += 2;
  for (size_t I = 0; I < std::min(WasParameters.size(), Parameters.size()); ++I)
    if (WasParameters[I] == Parameters[I])
      Score += 2;
  if (!Body.empty() && Was.BodyHash == Body)
    Score += 8;
  for (const CallFact &C : Was.Calls)
    if (llvm::any_of(Calls, [&](const CallSite &S) { return S.Fact.Callee == C.Callee; }))
      Score += 1;
  return Score;
}

const FunctionDecl &definitionOrSelf(const FunctionDecl &FD) {
  const FunctionDecl *Def = FD.getDefinition();
  return Def ? *Def : FD;
}

} // namespace

void FunctionMatcher::matchName(llvm::StringRef QualifiedName) {
  if (!NamesMatched.try_emplace(QualifiedName, true).second)
    return;
  if (CurrentByName.empty())
    for (const FunctionDecl *FD : Collector.repositoryFunctions())
      if (!isLambdaCallOperator(*FD))
        CurrentByName[unqualifiedName(*FD)].push_back(FD);
  llvm::SetVector<const FunctionDecl *> Current;
  for (const FunctionDecl *FD : CurrentByName.lookup(unqualifiedName(QualifiedName)))
    if (qualifiedName(*FD) == QualifiedName)
      Current.insert(&definitionOrSelf(*FD->getCanonicalDecl()));
  std::vector<const FunctionFact *> Left;
  llvm::DenseSet<const FunctionFact *> Used;
  std::vector<const FunctionDecl *> Unpaired;
  for (const FunctionDecl *FD : Current) {
    auto It = ByKey.find(Collector.functionKey(*FD));
    if (It != ByKey.end() && It->second->Lambda.empty() && Used.insert(It->second).second)
      Matched[FD->getCanonicalDecl()] = It->second;
    else
      Unpaired.push_back(FD);
  }
  for (const FunctionFact *F : ByName.lookup(QualifiedName))
    if (!Used.contains(F))
      Left.push_back(F);
  if (Left.empty() || Unpaired.empty())
    return;
  if (Left.size() == 1 && Unpaired.size() == 1) {
    Matched[Unpaired.front()->getCanonicalDecl()] = Left.front();
    return;
  }
  // Overloads: the most alike pairs first.
  struct Candidate {
    unsigned Score;
    size_t Now, Was;
  };
  std::vector<Candidate> Candidates;
  for (size_t I = 0; I < Unpaired.size(); ++I) {
    std::string Signature = Collector.signature(*Unpaired[I]);
    std::string Body = bodyHash(*Unpaired[I]);
    const std::vector<CallSite> &Calls = Collector.callSites(*Unpaired[I]);
    for (size_t J = 0; J < Left.size(); ++J)
      Candidates.push_back({similarity(*Left[J], Signature, Body, Calls), I, J});
  }
  llvm::sort(Candidates, [](const Candidate &A, const Candidate &B) {
    return std::tie(B.Score, A.Now, A.Was) < std::tie(A.Score, B.Now, B.Was);
  });
  std::vector<bool> NowTaken(Unpaired.size()), WasTaken(Left.size());
  for (const Candidate &C : Candidates) {
    if (C.Score == 0 || NowTaken[C.Now] || WasTaken[C.Was])
      continue;
    NowTaken[C.Now] = WasTaken[C.Was] = true;
    Matched[Unpaired[C.Now]->getCanonicalDecl()] = Left[C.Was];
  }
}

void FunctionMatcher::matchLambdas(const FunctionDecl &Enclosing, const FunctionFact &EnclosingWas) {
  if (!LambdasMatched.try_emplace(Enclosing.getCanonicalDecl(), true).second)
    return;
  const FunctionDecl *Canonical = Enclosing.getCanonicalDecl();
  std::vector<const FunctionDecl *> Unpaired;
  llvm::DenseSet<const FunctionFact *> Used;
  for (const FunctionDecl *FD : Collector.repositoryFunctions()) {
    if (!isLambdaCallOperator(*FD))
      continue;
    const FunctionDecl *Outer = enclosingFunction(*FD);
    if (!Outer || Outer->getCanonicalDecl() != Canonical)
      continue;
    auto It = ByKey.find(EnclosingWas.Key + "#" + Collector.lambdaIdentity(*FD));
    if (It != ByKey.end() && !It->second->Lambda.empty() && Used.insert(It->second).second)
      Matched[FD->getCanonicalDecl()] = It->second;
    else if (!Collector.callSites(*FD).empty())
      Unpaired.push_back(FD);
  }
  std::vector<const FunctionFact *> Left;
  for (const FunctionFact *F : LambdasOf.lookup(EnclosingWas.Key))
    if (!Used.contains(F))
      Left.push_back(F);
  // One lambda left on each side: the same lambda, whatever became of its name.
  if (Left.size() == 1 && Unpaired.size() == 1)
    Matched[Unpaired.front()->getCanonicalDecl()] = Left.front();
}

const FunctionFact *FunctionMatcher::baselineOf(const FunctionDecl &FD) {
  const Decl *Canonical = FD.getCanonicalDecl();
  if (auto It = Matched.find(Canonical); It != Matched.end())
    return It->second;
  if (isLambdaCallOperator(FD)) {
    const FunctionDecl *Enclosing = enclosingFunction(FD);
    if (!Enclosing)
      return ByKey.lookup(Collector.functionKey(FD));
    const FunctionFact *EnclosingWas = baselineOf(*Enclosing);
    if (!EnclosingWas)
      return nullptr;
    matchLambdas(*Enclosing, *EnclosingWas);
  } else {
    matchName(qualifiedName(FD));
  }
  return Matched.lookup(Canonical);
}

bool FunctionMatcher::signatureChanged(const FunctionDecl &FD, const FunctionFact &Was) {
  return Was.Lambda.empty() && !isLambdaCallOperator(FD) && Was.Signature != Collector.signature(FD);
}

} // namespace failguard
