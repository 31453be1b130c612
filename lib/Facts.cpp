// Per-function facts of a translation unit, as compared with a baseline.
#include "lib/Facts.h"

#include "lib/NameMatching.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/xxhash.h"
#include "llvm/ADT/SetVector.h"

using namespace clang;

namespace failguard {

namespace {

constexpr int FactsFormat = 2;

ReturnClass classFromName(llvm::StringRef Name) {
  if (Name == "optional-like")
    return ReturnClass::OptionalLike;
  if (Name == "result-like")
    return ReturnClass::ResultLike;
  return ReturnClass::Plain;
}

// The lambdas written directly in a function body (not inside other lambdas), in order.
class LambdaLister : public RecursiveASTVisitor<LambdaLister> {
public:
  std::vector<const LambdaExpr *> Lambdas;
  bool TraverseLambdaExpr(LambdaExpr *L) {
    Lambdas.push_back(L);
    for (Expr *Init : L->capture_inits())
      if (Init)
        TraverseStmt(Init);
    return true;
  }
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

} // namespace

FactsCollector::FactsCollector(
    ASTContext &Ctx, ExceptionFlow &Flow, const NullableTypes &Nullable,
    std::function<std::optional<std::string>(llvm::StringRef)> RelativePath)
    : Ctx(Ctx), Flow(Flow), Nullable(Nullable), RelativePath(std::move(RelativePath)) {}

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

std::string FactsCollector::functionKey(const FunctionDecl &FD) {
  const Decl *Canonical = FD.getCanonicalDecl();
  auto Cached = KeyCache.find(Canonical);
  if (Cached != KeyCache.end())
    return Cached->second;
  std::string Key;
  if (isLambdaCallOperator(FD)) {
    const CXXRecordDecl *Class = cast<CXXMethodDecl>(FD).getParent();
    const FunctionDecl *Enclosing = enclosingFunction(FD);
    Key = Enclosing ? functionKey(*Enclosing) : std::string("<global>");
    if (Enclosing && Enclosing->getBody()) {
      LambdaLister Lister;
      Lister.TraverseStmt(Enclosing->getBody());
      auto It = llvm::find_if(Lister.Lambdas,
                              [&](const LambdaExpr *L) { return L->getLambdaClass() == Class; });
      Key += "#lambda" + std::to_string(It - Lister.Lambdas.begin());
    } else {
      Key += "#lambda";
    }
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

std::optional<unsigned> FactsCollector::ordinalOf(const FunctionDecl &Function, const Expr *Site) {
  const FunctionSummary &Summary = Flow.summary(Function);
  auto It = llvm::find_if(Summary.Calls, [&](const ModelledCall &C) { return C.Site == Site; });
  if (It == Summary.Calls.end())
    return std::nullopt;
  std::string Name = qualifiedName(*It->Api);
  return static_cast<unsigned>(llvm::count_if(
      llvm::make_range(Summary.Calls.begin(), It),
      [&](const ModelledCall &C) { return qualifiedName(*C.Api) == Name; }));
}

void FactsCollector::addFunction(const FunctionDecl &FD, TranslationUnitFacts &Out) {
  if (isLambdaCallOperator(FD))
    return;
  PrintingPolicy Policy = Ctx.getPrintingPolicy();
  FunctionFact Fact;
  Fact.Key = functionKey(FD);
  Fact.Name = qualifiedName(FD);
  Fact.ReturnWritten = FD.getDeclaredReturnType().getAsString(Policy);
  Fact.ReturnDesugared = FD.getReturnType().getCanonicalType().getAsString(Policy);
  Fact.Class = Nullable.classify(FD.getReturnType());
  Fact.File = *repositoryFile(FD.getLocation());
  Fact.Line = Ctx.getSourceManager().getSpellingLineNumber(FD.getLocation());
  Fact.BodyHash = bodyHash(FD);
  auto Existing = llvm::find_if(Out.Functions, [&](const FunctionFact &F) { return F.Key == Fact.Key; });
  if (Existing == Out.Functions.end())
    Out.Functions.push_back(std::move(Fact));
  else if (FD.isThisDeclarationADefinition())
    *Existing = std::move(Fact);
}

void FactsCollector::addHandled(const FunctionDecl &FD, TranslationUnitFacts &Out) {
  if (!FD.doesThisDeclarationHaveABody())
    return;
  const FunctionSummary &Summary = Flow.summary(FD);
  for (const HandledAt &H : Summary.Handled) {
    if (H.Callee != H.Api)
      continue;
    std::optional<unsigned> Ordinal = ordinalOf(FD, H.Site);
    if (!Ordinal)
      continue;
    HandledFact Fact;
    Fact.FunctionKey = functionKey(FD);
    Fact.FunctionName = qualifiedName(FD);
    Fact.Api = qualifiedName(*H.Api);
    Fact.Ordinal = *Ordinal;
    Fact.Type = H.TypeName;
    Fact.HandlerFile = repositoryFile(H.Handler->getBeginLoc()).value_or("");
    Fact.HandlerLine = Ctx.getSourceManager().getExpansionLineNumber(H.Handler->getBeginLoc());
    Out.Handled.push_back(std::move(Fact));
  }
}

std::vector<const FunctionDecl *> FactsCollector::repositoryFunctions() {
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
  std::string Compact;
  Compact.reserve(Text.size());
  for (char C : Text)
    if (!isspace(static_cast<unsigned char>(C)))
      Compact += C;
  return llvm::utohexstr(llvm::xxh3_64bits(Compact));
}

TranslationUnitFacts FactsCollector::collect() {
  TranslationUnitFacts Out;
  for (const FunctionDecl *FD : repositoryFunctions()) {
    addFunction(*FD, Out);
    addHandled(*FD, Out);
  }
  return Out;
}

llvm::json::Value toJSON(const TranslationUnitFacts &Facts) {
  llvm::json::Array Functions, Handled;
  for (const FunctionFact &F : Facts.Functions)
    Functions.push_back(llvm::json::Object{{"key", F.Key},
                                           {"name", F.Name},
                                           {"return", F.ReturnWritten},
                                           {"desugared", F.ReturnDesugared},
                                           {"class", describe(F.Class)},
                                           {"file", F.File},
                                           {"line", F.Line},
                                           {"body", F.BodyHash}});
  for (const HandledFact &H : Facts.Handled)
    Handled.push_back(llvm::json::Object{{"function", H.FunctionKey},
                                         {"name", H.FunctionName},
                                         {"api", H.Api},
                                         {"ordinal", H.Ordinal},
                                         {"type", H.Type},
                                         {"file", H.HandlerFile},
                                         {"line", H.HandlerLine}});
  return llvm::json::Object{{"format", FactsFormat},
                            {"functions", std::move(Functions)},
                            {"handled", std::move(Handled)}};
}

llvm::Expected<TranslationUnitFacts> factsFromJSON(const llvm::json::Value &Value) {
  auto Invalid = [](const llvm::Twine &What) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "invalid facts: " + What);
  };
  const llvm::json::Object *Root = Value.getAsObject();
  if (!Root || Root->getInteger("format") != FactsFormat)
    return Invalid("unknown format");
  const llvm::json::Array *Functions = Root->getArray("functions");
  const llvm::json::Array *Handled = Root->getArray("handled");
  if (!Functions || !Handled)
    return Invalid("missing arrays");
  TranslationUnitFacts Facts;
  for (const llvm::json::Value &V : *Functions) {
    const llvm::json::Object *O = V.getAsObject();
    if (!O)
      return Invalid("function entry");
    auto Key = O->getString("key"), Name = O->getString("name"), Ret = O->getString("return"),
         Desugared = O->getString("desugared"), Class = O->getString("class"),
         File = O->getString("file"), Body = O->getString("body");
    auto Line = O->getInteger("line");
    if (!Key || !Name || !Ret || !Desugared || !Class || !File || !Line || !Body)
      return Invalid("function entry fields");
    Facts.Functions.push_back({Key->str(), Name->str(), Ret->str(), Desugared->str(),
                               classFromName(*Class), File->str(), static_cast<unsigned>(*Line),
                               Body->str()});
  }
  for (const llvm::json::Value &V : *Handled) {
    const llvm::json::Object *O = V.getAsObject();
    if (!O)
      return Invalid("handled entry");
    auto Function = O->getString("function"), Name = O->getString("name"),
         Api = O->getString("api"), Type = O->getString("type"), File = O->getString("file");
    auto Ordinal = O->getInteger("ordinal"), Line = O->getInteger("line");
    if (!Function || !Name || !Api || !Type || !File || !Ordinal || !Line)
      return Invalid("handled entry fields");
    Facts.Handled.push_back({Function->str(), Name->str(), Api->str(),
                             static_cast<unsigned>(*Ordinal), Type->str(), File->str(),
                             static_cast<unsigned>(*Line)});
  }
  return Facts;
}

} // namespace failguard
