// The request boundaries of one translation unit, found with a BoundaryModel.
#include "lib/Boundaries.h"

#include "lib/ExceptionSpecs.h"
#include "lib/NameMatching.h"
#include "lib/StoredCallables.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace failguard {

namespace {

// Bounds on the walks over bases, chains and macro arguments: real code is far
// below them.
constexpr unsigned MaxBaseDepth = 16;
constexpr unsigned MaxChainDepth = 16;
constexpr unsigned MaxMacroArgumentTokens = 512;

// The class a base specifier names, also when it is a dependent
// specialization in a template pattern (then its primary template's pattern).
const CXXRecordDecl *baseClass(const CXXBaseSpecifier &Base) {
  if (const CXXRecordDecl *RD = classOf(Base.getType()))
    return RD->hasDefinition() ? RD->getDefinition() : nullptr;
  if (const auto *Template = dyn_cast_or_null<ClassTemplateDecl>(namedClassTemplate(Base.getType())))
    return Template->getTemplatedDecl()->getDefinition();
  return nullptr;
}

// Whether Class derives, directly or not, from a specialization of the class
// template named Template; also through dependent bases of a pattern.
bool derivesFromTemplate(const CXXRecordDecl &Class, llvm::StringRef Template, unsigned Depth = 0) {
  if (Depth > MaxBaseDepth)
    return false;
  for (const CXXBaseSpecifier &Spec : Class.bases()) {
    if (const NamedDecl *Named = namedClassTemplate(Spec.getType()))
      if (qualifiedName(*Named) == Template)
        return true;
    if (const CXXRecordDecl *Base = baseClass(Spec))
      if (derivesFromTemplate(*Base, Template, Depth + 1))
        return true;
  }
  return false;
}

// Through a dependent base, Sema cannot tell what a method of a class template
// pattern overrides: virtual methods of the same name in the bases are matched.
bool overridesThroughBases(const CXXRecordDecl &Class, DeclarationName Name,
                           llvm::function_ref<bool(llvm::StringRef)> Matches, unsigned Depth = 0) {
  if (Depth > MaxBaseDepth)
    return false;
  for (const CXXBaseSpecifier &Spec : Class.bases()) {
    const CXXRecordDecl *Base = baseClass(Spec);
    if (!Base)
      continue;
    for (const NamedDecl *Member : Base->lookup(Name))
      if (const auto *Method = dyn_cast<CXXMethodDecl>(Member))
        if (Method->isVirtual() && Matches(qualifiedName(*Method)))
          return true;
    if (overridesThroughBases(*Base, Name, Matches, Depth + 1))
      return true;
  }
  return false;
}

bool overridesAny(const CXXMethodDecl &MD, llvm::function_ref<bool(llvm::StringRef)> Matches,
                  unsigned Depth = 0) {
  if (Depth > MaxBaseDepth)
    return false;
  if (MD.getParent()->isDependentContext())
    return overridesThroughBases(*MD.getParent(), MD.getDeclName(), Matches);
  for (const CXXMethodDecl *Overridden : MD.overridden_methods())
    if (Matches(qualifiedName(*Overridden)) || overridesAny(*Overridden, Matches, Depth + 1))
      return true;
  return false;
}

const char *const HttpMethods[] = {"GET",    "POST",    "PUT",     "PATCH", "DELETE",
                                   "HEAD",   "OPTIONS", "CONNECT", "TRACE"};

// An HTTP method an enumerator or a `"POST"_method` literal names, upper case.
std::optional<std::string> httpMethod(llvm::StringRef Name) {
  std::string Upper = Name.upper();
  if (Upper == "DEL")
    Upper = "DELETE";
  for (const char *Method : HttpMethods)
    if (Upper == Method)
      return Upper;
  return std::nullopt;
}

class MethodCollector : public RecursiveASTVisitor<MethodCollector> {
public:
  std::vector<std::string> Methods;
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (isa<EnumConstantDecl>(Ref->getDecl()))
      add(httpMethod(Ref->getDecl()->getName()));
    return true;
  }
  bool VisitUserDefinedLiteral(UserDefinedLiteral *Literal) {
    if (Literal->getLiteralOperatorKind() != UserDefinedLiteral::LOK_String)
      return true;
    if (const auto *String =
            dyn_cast_or_null<StringLiteral>(Literal->getCookedLiteral()->IgnoreParenImpCasts()))
      add(httpMethod(String->getString()));
    return true;
  }

private:
  void add(std::optional<std::string> Method) {
    if (Method && !llvm::is_contained(Methods, *Method))
      Methods.push_back(*Method);
  }
};

std::vector<std::string> methodsIn(const Expr *E) {
  MethodCollector Collector;
  Collector.TraverseStmt(const_cast<Expr *>(E));
  return Collector.Methods;
}

std::string stringLiteral(const Expr *E) {
  if (const auto *Literal = dyn_cast_or_null<StringLiteral>(withoutConversions(E));
      Literal && Literal->getCharByteWidth() == 1)
    return Literal->getString().str();
  return "";
}

// The object a member or call-operator call is made on.
const Expr *objectOf(const Expr *Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    return Member->getImplicitObjectArgument();
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Call))
    return Operator->getNumArgs() > 0 ? Operator->getArg(0) : nullptr;
  if (const auto *Call2 = dyn_cast<CallExpr>(Call))
    if (const auto *Member = dyn_cast<MemberExpr>(Call2->getCallee()->IgnoreParenImpCasts()))
      return Member->getBase();
  return nullptr;
}

// The calls a routing call's object was made by, nearest first
// (`app.route("/x").methods(m)(h)`: methods(m), then route("/x")).
llvm::SmallVector<const CallExpr *, 4> chainOf(const Expr &Call) {
  llvm::SmallVector<const CallExpr *, 4> Chain;
  const Expr *Object = objectOf(&Call);
  while (Object && Chain.size() < MaxChainDepth) {
    const auto *Inner = dyn_cast<CallExpr>(Object->IgnoreUnlessSpelledInSource());
    if (!Inner)
      break;
    Chain.push_back(Inner);
    Object = objectOf(Inner);
  }
  return Chain;
}

llvm::StringRef calleeName(const CallExpr &Call) {
  if (const FunctionDecl *Callee = Call.getDirectCallee())
    return Callee->getIdentifier() ? Callee->getName() : "";
  if (const auto *Overloads = dyn_cast<OverloadExpr>(Call.getCallee()->IgnoreParenImpCasts()))
    if (Overloads->getName().isIdentifier())
      return Overloads->getName().getAsIdentifierInfo()->getName();
  if (const auto *Member = dyn_cast<CXXDependentScopeMemberExpr>(Call.getCallee()))
    if (Member->getMember().isIdentifier())
      return Member->getMember().getAsIdentifierInfo()->getName();
  return "";
}

// The arguments of a call as written (an operator call's object left out).
llvm::SmallVector<const Expr *, 4> writtenArguments(const CallExpr &Call) {
  llvm::SmallVector<const Expr *, 4> Args;
  unsigned First = isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(Call.getCalleeDecl()) ? 1 : 0;
  for (unsigned I = First; I < Call.getNumArgs(); ++I)
    if (!isa<CXXDefaultArgExpr>(Call.getArg(I)))
      Args.push_back(Call.getArg(I));
  return Args;
}

// `/ns/Class`: the path drogon puts a controller's METHOD_ADD routes under.
std::string classPath(const CXXRecordDecl &Class) {
  std::string Qualified = qualifiedName(Class);
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  llvm::StringRef(Qualified).split(Parts, "::");
  return "/" + llvm::join(Parts, "/");
}

std::string underClassPath(const CXXRecordDecl &Class, llvm::StringRef Pattern) {
  std::string Prefix = classPath(Class);
  Pattern = Pattern.ltrim('/');
  return Pattern.empty() ? Prefix : Prefix + "/" + Pattern.str();
}

// The registration macros written between a class's braces, read with the
// raw lexer (comments and directive lines skipped).
struct MacroUse {
  const RouteMacro *Macro;
  llvm::SmallVector<std::string, 4> Arguments; // each argument's tokens, spelled and joined
  std::string Handler;                         // the last identifier of the handler argument
  SourceLocation At;
};

std::vector<MacroUse> macroUses(const CXXRecordDecl &Class, llvm::ArrayRef<const RouteMacro *> Macros) {
  std::vector<MacroUse> Found;
  const ASTContext &Ctx = Class.getASTContext();
  const SourceManager &SM = Ctx.getSourceManager();
  SourceRange Braces = Class.getBraceRange();
  if (Braces.isInvalid() || Braces.getBegin().isMacroID() || Braces.getEnd().isMacroID())
    return Found;
  auto [File, Begin] = SM.getDecomposedLoc(Braces.getBegin());
  auto [EndFile, End] = SM.getDecomposedLoc(Braces.getEnd());
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(File, &Invalid);
  if (Invalid || File != EndFile || End > Buffer.size() || Begin >= End)
    return Found;
  Lexer Raw(SM.getLocForStartOfFile(File), Ctx.getLangOpts(), Buffer.begin(),
            Buffer.begin() + Begin, Buffer.end());
  Token Tok;
  auto Next = [&] {
    Raw.LexFromRawLexer(Tok);
    while (Tok.is(tok::hash) && Tok.isAtStartOfLine() && SM.getFileOffset(Tok.getLocation()) < End) {
      do
        Raw.LexFromRawLexer(Tok);
      while (!Tok.is(tok::eof) && !Tok.isAtStartOfLine());
    }
    return !Tok.is(tok::eof) && SM.getFileOffset(Tok.getLocation()) < End;
  };
  while (Next()) {
    if (!Tok.is(tok::raw_identifier))
      continue;
    llvm::StringRef Name = Tok.getRawIdentifier();
    const RouteMacro *const *Macro =
        llvm::find_if(Macros, [&](const RouteMacro *M) { return M->Name == Name; });
    if (Macro == Macros.end())
      continue;
    MacroUse Use{*Macro, {""}, "", Tok.getLocation()};
    if (!Next() || !Tok.is(tok::l_paren))
      continue;
    unsigned Depth = 0, Count = 0;
    bool Closed = false;
    while (Next() && ++Count < MaxMacroArgumentTokens) {
      if (Tok.isOneOf(tok::l_paren, tok::l_brace, tok::l_square)) {
        ++Depth;
      } else if (Tok.isOneOf(tok::r_paren, tok::r_brace, tok::r_square)) {
        if (Depth == 0) {
          Closed = Tok.is(tok::r_paren);
          break;
        }
        --Depth;
      } else if (Tok.is(tok::comma) && Depth == 0) {
        Use.Arguments.emplace_back();
        continue;
      }
      if (Use.Arguments.size() == Use.Macro->Handler + 1 && Tok.is(tok::raw_identifier))
        Use.Handler = Tok.getRawIdentifier().str();
      if (Tok.is(tok::string_literal))
        Use.Arguments.back() +=
            llvm::StringRef(Tok.getLiteralData(), Tok.getLength()).drop_front().drop_back().str();
      else if (Tok.is(tok::raw_identifier))
        Use.Arguments.back() += " " + Tok.getRawIdentifier().str();
    }
    if (Closed && !Use.Handler.empty())
      Found.push_back(std::move(Use));
  }
  return Found;
}

// What a handler factory's conditions say of the request on the way to a
// statement: the path and the methods compared with literals.
struct RequestTest {
  std::string Path;
  std::vector<std::string> Methods;
  SourceLocation At; // the comparison of the path
};

// Whether \p E is a call of one of \p Calls, or a local variable initialised
// with one (`const std::string &uri = request.getURI();`).
bool isCallOf(const Expr *E, llvm::ArrayRef<std::string> Calls) {
  E = withoutConversions(E);
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()); Var && Var->isLocalVarDecl())
      E = withoutConversions(Var->getInit());
  const auto *Call = dyn_cast_or_null<CallExpr>(E);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && llvm::is_contained(Calls, qualifiedName(*Callee));
}

// The HTTP method a literal or a constant named like Poco's
// `HTTPRequest::HTTP_POST` says.
std::optional<std::string> methodConstant(const Expr *E) {
  if (std::string Literal = stringLiteral(E); !Literal.empty())
    return httpMethod(Literal);
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(withoutConversions(E))) {
    llvm::StringRef Name = Ref->getDecl()->getName();
    if (Name.consume_front("HTTP_"))
      return httpMethod(Name);
  }
  return std::nullopt;
}

// Adds to \p Test what the condition \p Cond (equalities joined by &&) says.
void readRequestTest(const Expr *Cond, const HandlerFactory &Factory, RequestTest &Test) {
  Cond = withoutConversions(Cond);
  const Expr *Left = nullptr, *Right = nullptr;
  if (const auto *Binary = dyn_cast_or_null<BinaryOperator>(Cond)) {
    if (Binary->getOpcode() == BO_LAnd) {
      readRequestTest(Binary->getLHS(), Factory, Test);
      readRequestTest(Binary->getRHS(), Factory, Test);
      return;
    }
    if (Binary->getOpcode() == BO_EQ)
      std::tie(Left, Right) = std::pair(Binary->getLHS(), Binary->getRHS());
  } else if (const auto *Operator = dyn_cast_or_null<CXXOperatorCallExpr>(Cond)) {
    if (Operator->getOperator() == OO_EqualEqual && Operator->getNumArgs() == 2)
      std::tie(Left, Right) = std::pair(Operator->getArg(0), Operator->getArg(1));
  }
  if (!Left)
    return;
  for (auto [Asked, Said] : {std::pair(Left, Right), std::pair(Right, Left)}) {
    if (isCallOf(Asked, Factory.PathCalls)) {
      if (std::string Path = stringLiteral(Said); !Path.empty()) {
        Test.Path = std::move(Path);
        Test.At = Cond->getBeginLoc();
      }
    } else if (isCallOf(Asked, Factory.MethodCalls)) {
      if (std::optional<std::string> Method = methodConstant(Said);
          Method && !llvm::is_contained(Test.Methods, *Method))
        Test.Methods.push_back(*Method);
    }
  }
}

// The handler method of \p Class (or of a base) that overrides one of
// \p HandlerMethods.
const CXXMethodDecl *handlerMethodOf(const CXXRecordDecl &Class,
                                     llvm::ArrayRef<std::string> HandlerMethods,
                                     unsigned Depth = 0) {
  if (Depth > MaxBaseDepth || !Class.hasDefinition())
    return nullptr;
  auto IsHandlerMethod = [&](llvm::StringRef Name) {
    return llvm::is_contained(HandlerMethods, Name);
  };
  for (const std::string &Name : HandlerMethods)
    for (const NamedDecl *Found :
         Class.getDefinition()->lookup(&Class.getASTContext().Idents.get(unqualifiedName(Name))))
      if (const auto *Method = dyn_cast<CXXMethodDecl>(Found))
        if (!IsHandlerMethod(qualifiedName(*Method)) && overridesAny(*Method, IsHandlerMethod))
          return Method;
  for (const CXXBaseSpecifier &Spec : Class.getDefinition()->bases())
    if (const CXXRecordDecl *Base = baseClass(Spec))
      if (const CXXMethodDecl *Method = handlerMethodOf(*Base, HandlerMethods, Depth + 1))
        return Method;
  return nullptr;
}

} // namespace

BoundaryFinder::BoundaryFinder(ASTContext &Ctx, const BoundaryModel &Model, StoredCallables &Stores)
    : Ctx(Ctx), Model(Model), Stores(Stores) {}
BoundaryFinder::~BoundaryFinder() = default;

void BoundaryFinder::add(const FunctionDecl &Handler, const RouteRegistration &Route) {
  const FunctionDecl *Analysed = &Handler;
  // Registered in a template instantiation: the pattern is what is analysed.
  if (const FunctionDecl *Pattern = Handler.getTemplateInstantiationPattern())
    Analysed = Pattern;
  RouteRegistration Added = Route;
  Added.Handler = Analysed->getCanonicalDecl();
  ByHandler.try_emplace(Added.Handler, Registrations.size());
  Registrations.push_back(std::move(Added));
}

void BoundaryFinder::registerHandlers(const CallExpr &Call, const RouteCall &Route) {
  llvm::SmallVector<const Expr *, 4> Args = writtenArguments(Call);
  RouteRegistration Registration;
  Registration.Via = Route.Call;
  Registration.Framework = Model.frameworkOf(Route.Call).str();
  Registration.At = Ctx.getSourceManager().getExpansionLoc(Call.getBeginLoc());
  llvm::SmallVector<const CallExpr *, 4> Chain;
  if (Route.Path.What == ArgumentRef::Chain || Route.Methods.What == ArgumentRef::Chain)
    Chain = chainOf(Call);
  if (Route.Path.What == ArgumentRef::Index && Route.Path.Position < Args.size())
    Registration.Path = stringLiteral(Args[Route.Path.Position]);
  else if (Route.Path.What == ArgumentRef::Chain)
    for (const CallExpr *Link : Chain) {
      for (const Expr *Arg : writtenArguments(*Link))
        if (Registration.Path = stringLiteral(Arg); !Registration.Path.empty())
          break;
      if (!Registration.Path.empty())
        break;
    }
  if (!Route.Method.empty())
    Registration.Methods.push_back(Route.Method);
  else if (Route.Methods.What == ArgumentRef::Index && Route.Methods.Position < Args.size())
    Registration.Methods = methodsIn(Args[Route.Methods.Position]);
  else if (Route.Methods.What == ArgumentRef::Chain)
    for (const CallExpr *Link : Chain)
      if (calleeName(*Link) == "methods")
        for (const Expr *Arg : writtenArguments(*Link))
          for (std::string &Method : methodsIn(Arg))
            if (!llvm::is_contained(Registration.Methods, Method))
              Registration.Methods.push_back(std::move(Method));
  bool ClassPath = Route.ClassPathWhenTrue >= 0 &&
                   unsigned(Route.ClassPathWhenTrue) < Args.size() && [&] {
                     const auto *Bool = dyn_cast<CXXBoolLiteralExpr>(
                         Args[Route.ClassPathWhenTrue]->IgnoreUnlessSpelledInSource());
                     return Bool && Bool->getValue();
                   }();

  // Inside another routing call's handler argument: that call's route.
  if (auto Outer = Enclosing.find(&Call); Outer != Enclosing.end()) {
    if (Registration.Path.empty())
      Registration.Path = Outer->second.Path;
    if (Registration.Methods.empty())
      Registration.Methods = Outer->second.Methods;
  }
  auto IsHandlerArgument = [&](size_t I) {
    return Route.Handler.What == ArgumentRef::Any || Route.Handler.Position == I;
  };
  for (size_t I = 0; I < Args.size(); ++I)
    if (IsHandlerArgument(I))
      if (const auto *Inner = dyn_cast<CallExpr>(Args[I]->IgnoreUnlessSpelledInSource()))
        Enclosing.try_emplace(Inner, Registration);

  llvm::SmallVector<const FunctionDecl *, 4> Handlers;
  for (size_t I = 0; I < Args.size(); ++I) {
    if (!IsHandlerArgument(I))
      continue;
    // Another routing call registers its own handler (above).
    if (const auto *Inner = dyn_cast<CallExpr>(Args[I]->IgnoreUnlessSpelledInSource()))
      if (const FunctionDecl *Callee = Inner->getDirectCallee(); Callee && Model.route(qualifiedName(*Callee)))
        continue;
    registeredCallables(Args[I], Stores, Handlers);
  }
  for (const FunctionDecl *Handler : Handlers) {
    RouteRegistration ForHandler = Registration;
    if (ClassPath)
      if (const auto *Method = dyn_cast<CXXMethodDecl>(Handler))
        ForHandler.Path = underClassPath(*Method->getParent(), Registration.Path);
    add(*Handler, ForHandler);
  }
}

void BoundaryFinder::sawCall(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee)
    return;
  if (const RouteCall *Route = Model.route(qualifiedName(*Callee)))
    registerHandlers(Call, *Route);
}

// In a template, a routing call whose arguments are dependent stays
// unresolved: it counts when its overload set holds a routing function
// (`drogon::app().registerHandler(path, lambda)` in a function template). In a
// class template controller, a macro's call names a member of the dependent
// base and finds nothing in the template: its name decides there.
void BoundaryFinder::dependentRegistrations(const FunctionDecl &FD) {
  class Unresolved : public RecursiveASTVisitor<Unresolved> {
  public:
    std::vector<const CallExpr *> Calls;
    bool VisitCallExpr(CallExpr *Call) {
      if (isa<UnresolvedLookupExpr, UnresolvedMemberExpr>(Call->getCallee()->IgnoreParens()))
        Calls.push_back(Call);
      return true;
    }
  } Finder;
  Finder.TraverseStmt(FD.getBody());
  const auto *Method = dyn_cast<CXXMethodDecl>(&FD);
  for (const CallExpr *Call : Finder.Calls) {
    const auto *Overloads = cast<OverloadExpr>(Call->getCallee()->IgnoreParens());
    if (Method && Method->isStatic() && isa<UnresolvedLookupExpr>(Overloads) &&
        !Overloads->getQualifier() && Overloads->getName().isIdentifier()) {
      llvm::StringRef Name = Overloads->getName().getAsIdentifierInfo()->getName();
      const RouteCall *Found = nullptr;
      for (const Framework &F : Model.frameworks())
        for (const RouteMacro &M : F.Macros)
          if (!Found && unqualifiedName(M.Via) == Name &&
              derivesFromTemplate(*Method->getParent(), M.Base))
            Found = Model.route(M.Via);
      if (Found) {
        registerHandlers(*Call, *Found);
        continue;
      }
    }
    for (const NamedDecl *D : Overloads->decls()) {
      const FunctionDecl *Callee = D->getUnderlyingDecl()->getAsFunction();
      if (!Callee)
        continue;
      if (const RouteCall *Route = Model.route(qualifiedName(*Callee))) {
        registerHandlers(*Call, *Route);
        break;
      }
    }
  }
}

// A class whose registration function's body the parse skipped (clangd's
// preamble skips the bodies of header functions): its registration macros
// are read from the source text.
void BoundaryFinder::skippedRegistrations(const CXXRecordDecl &Class) {
  if (!MacroScanned.insert(&Class).second)
    return;
  llvm::SmallVector<const RouteMacro *, 4> Macros;
  for (const Framework &F : Model.frameworks())
    for (const RouteMacro &M : F.Macros) {
      if (!derivesFromTemplate(Class, M.Base))
        continue;
      // With the body, the routing calls themselves are seen.
      bool HasBody = false;
      for (const NamedDecl *Found : Class.lookup(&Ctx.Idents.get(M.Registrar)))
        if (const auto *Registrar = dyn_cast<FunctionDecl>(Found))
          HasBody |= Registrar->hasBody();
      if (!HasBody)
        Macros.push_back(&M);
    }
  if (Macros.empty())
    return;
  for (const MacroUse &Use : macroUses(Class, Macros)) {
    RouteRegistration Registration;
    Registration.Via = Use.Macro->Via;
    Registration.Framework = Model.frameworkOf(Use.Macro->Via).str();
    Registration.At = Use.At;
    if (Use.Macro->Path >= 0 && unsigned(Use.Macro->Path) < Use.Arguments.size())
      Registration.Path = Use.Macro->ClassPath
                              ? underClassPath(Class, Use.Arguments[Use.Macro->Path])
                              : llvm::StringRef(Use.Arguments[Use.Macro->Path]).trim().str();
    if (Use.Macro->Methods >= 0)
      for (size_t I = Use.Macro->Methods; I < Use.Arguments.size(); ++I)
        for (llvm::StringRef Word : llvm::split(Use.Arguments[I], ' '))
          if (auto Method = httpMethod(Word); Method && !llvm::is_contained(Registration.Methods, *Method))
            Registration.Methods.push_back(*Method);
    for (const NamedDecl *Found : Class.lookup(&Ctx.Idents.get(Use.Handler)))
      if (const auto *Handler = dyn_cast<FunctionDecl>(Found->getUnderlyingDecl()))
        add(*Handler, Registration);
  }
}

// A handler factory's `return new Handler(...)` registers Handler's handler
// method, under the path and methods the conditions on the way compare with
// literals (none where they do not).
void BoundaryFinder::factoryRegistrations(const CXXMethodDecl &Factory, const Framework &F,
                                          const HandlerFactory &Model) {
  auto Walk = [&](auto &Self, const Stmt *S, const RequestTest &Test) -> void {
    if (!S)
      return;
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      RequestTest Then = Test;
      readRequestTest(If->getCond(), Model, Then);
      Self(Self, If->getThen(), Then);
      Self(Self, If->getElse(), Test);
      return;
    }
    if (const auto *Return = dyn_cast<ReturnStmt>(S)) {
      const auto *New = dyn_cast_or_null<CXXNewExpr>(withoutConversions(Return->getRetValue()));
      const CXXRecordDecl *Class = New ? New->getAllocatedType()->getAsCXXRecordDecl() : nullptr;
      if (const CXXMethodDecl *Handler = Class ? handlerMethodOf(*Class, F.HandlerMethods) : nullptr) {
        RouteRegistration Registration;
        Registration.Via = Model.Method;
        Registration.Framework = F.Name;
        Registration.Path = Test.Path;
        Registration.Methods = Test.Methods;
        Registration.At = Ctx.getSourceManager().getExpansionLoc(
            Test.At.isValid() ? Test.At : Return->getBeginLoc());
        add(*Handler, Registration);
      }
      return;
    }
    for (const Stmt *Child : S->children())
      Self(Self, Child, Test);
  };
  Walk(Walk, Factory.getBody(), RequestTest{});
}

void BoundaryFinder::sawDefinition(const FunctionDecl &FD) {
  if (FD.isDependentContext() && FD.getBody())
    dependentRegistrations(FD);
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&FD)) {
    if (const CXXRecordDecl *Class = Method->getParent()->getDefinition())
      skippedRegistrations(*Class);
    if (Method->isVirtual() && !FD.isDependentContext())
      for (const Framework &F : Model.frameworks())
        for (const HandlerFactory &Factory : F.Factories)
          if (overridesAny(*Method, [&](llvm::StringRef Name) { return Name == Factory.Method; }))
            factoryRegistrations(*Method, F, Factory);
  }
}

bool BoundaryFinder::isMiddlewareMethod(const CXXMethodDecl &Method, std::string &Host) {
  if (!Middlewares) {
    Middlewares.emplace();
    for (const Framework &F : Model.frameworks())
      for (const MiddlewareHost &H : F.Middlewares) {
        const CXXRecordDecl *Pattern = findClass(Ctx, H.Template);
        const ClassTemplateDecl *Template = Pattern ? Pattern->getDescribedClassTemplate() : nullptr;
        if (!Template)
          continue;
        for (const ClassTemplateSpecializationDecl *Spec : Template->specializations())
          for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray()) {
            llvm::ArrayRef<TemplateArgument> Pack =
                Arg.getKind() == TemplateArgument::Pack ? Arg.pack_elements() : llvm::ArrayRef(Arg);
            for (const TemplateArgument &Element : Pack)
              if (Element.getKind() == TemplateArgument::Type)
                if (const CXXRecordDecl *Class = classOf(Element.getAsType()))
                  Middlewares->try_emplace(Class->getCanonicalDecl(), H.Template);
          }
      }
  }
  auto Found = Middlewares->find(Method.getParent()->getCanonicalDecl());
  if (Found == Middlewares->end() || !Method.getIdentifier())
    return false;
  for (const Framework &F : Model.frameworks())
    for (const MiddlewareHost &H : F.Middlewares)
      if (H.Template == Found->second && llvm::is_contained(H.Methods, Method.getName())) {
        Host = H.Template;
        return true;
      }
  return false;
}

std::optional<Boundary> BoundaryFinder::boundaryOf(const FunctionDecl &FD, const BoundaryPolicy &Policy,
                                                   const NullableTypes &Nullable) {
  if (auto It = ByHandler.find(FD.getCanonicalDecl()); It != ByHandler.end())
    return Boundary{Boundary::Registered, Registrations[It->second].Via,
                    Registrations[It->second].Framework};
  if (isa_and_nonnull<CoroutineBodyStmt>(FD.getBody()))
    if (const NamedDecl *Result = namedClassTemplate(FD.getReturnType())) {
      std::string Type = qualifiedName(*Result);
      for (const Framework &F : Model.frameworks())
        if (llvm::is_contained(F.TerminatingCoroutines, Type))
          return Boundary{Boundary::Coroutine, Type, F.Name};
    }

  const auto *Method = dyn_cast<CXXMethodDecl>(&FD);
  // In a class template pattern a method overriding through a dependent base
  // is not known to be virtual yet.
  bool MayOverride = Method && (Method->isVirtual() || Method->getParent()->isDependentContext());
  std::string Overridden;
  if (MayOverride && !Policy.HandlerMethods.empty() &&
      overridesAny(*Method, [&](llvm::StringRef Name) {
        if (!llvm::is_contained(Policy.HandlerMethods, Name))
          return false;
        Overridden = Name.str();
        return true;
      }))
    return Boundary{Boundary::Override, Overridden, Model.frameworkOf(Overridden).str()};
  if (std::string Host; Method && isMiddlewareMethod(*Method, Host))
    return Boundary{Boundary::Middleware, Host, Model.frameworkOf(Host).str()};

  if (!Policy.Configured.empty()) {
    auto Matches = [&](llvm::StringRef Name) {
      return llvm::any_of(Policy.Configured,
                          [Name](const llvm::GlobPattern &P) { return P.match(Name); });
    };
    if (Matches(qualifiedName(FD)) || (MayOverride && overridesAny(*Method, Matches)))
      return Boundary{Boundary::Configured, "", ""};
  }
  // As bugprone-exception-escape: a destructor written `noexcept(false)` or
  // with a throwing dynamic exception specification may throw by design.
  if (Policy.Destructors && isa<CXXDestructorDecl>(FD) &&
      !(isExplicitThrowExceptionSpec(FD.getExceptionSpecType()) &&
        FD.getExceptionSpecSourceRange().isValid()))
    return Boundary{Boundary::Destructor, "", ""};
  // Destructors are implicitly noexcept; the destructor policy alone decides for them.
  if (Policy.NoexceptFunctions && !isa<CXXDestructorDecl>(FD) && isWrittenNothrow(FD))
    return Boundary{Boundary::Noexcept, "", ""};
  if (Policy.NullableReturns && Nullable.classify(FD.getReturnType()) != ReturnClass::Plain)
    return Boundary{Boundary::NullableReturn, "", ""};
  return std::nullopt;
}

} // namespace failguard
