// The edge-case plan of one translation unit: its request boundaries, the auth calls that reach each, and what becomes of their exceptions.
#include "lib/Plan.h"

#include "lib/GitTree.h"
#include "lib/NameMatching.h"
#include "lib/TranslationUnitAnalysis.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"

#include <functional>

using namespace clang;

namespace failguard {

namespace {

// How deep the plan follows calls below a boundary for handlers on the way.
constexpr unsigned MaxPlanDepth = 8;

// The verifier settings whose first argument names a claim the token must
// carry: jwt-cpp 0.7.2's verifier (jwt.h) and cpp-jwt 1.4's decode parameters
// (jwt/parameters.hpp).
constexpr std::pair<llvm::StringLiteral, llvm::StringLiteral> VerifierClaims[] = {
    {"jwt::verifier::with_issuer", "issuer"},
    {"jwt::verifier::with_audience", "audience"},
    {"jwt::verifier::with_subject", "subject"},
    {"jwt::params::issuer", "issuer"},
    {"jwt::params::aud", "audience"},
    {"jwt::params::sub", "subject"},
};

// Adds to \p Out the claims the verifier settings in \p Body name as literals.
void verifierClaims(const Stmt *Body, std::map<std::string, std::string> &Out) {
  if (!Body)
    return;
  if (const auto *Call = dyn_cast<CallExpr>(Body); Call && Call->getNumArgs() > 0)
    if (const FunctionDecl *Callee = Call->getDirectCallee()) {
      std::string Name = qualifiedName(*Callee);
      for (const auto &[Setting, Claim] : VerifierClaims)
        if (Name == Setting)
          if (const auto *Literal =
                  dyn_cast_or_null<StringLiteral>(withoutConversions(Call->getArg(0)));
              Literal && Literal->getCharByteWidth() == 1)
            Out.try_emplace(Claim.str(), Literal->getString().str());
    }
  for (const Stmt *Child : Body->children())
    verifierClaims(Child, Out);
}

// The calls that read a request header whose name is their first argument,
// and those that read a cookie: drogon 1.9's HttpRequest, Crow 1.3's request,
// Pistache 0.4's Header::Collection and CookieJar. Poco's are below
// (tokenReads).
constexpr llvm::StringLiteral HeaderReaders[] = {
    "drogon::HttpRequest::getHeader", "crow::request::get_header_value",
    "Pistache::Http::Header::Collection::getRaw"};
constexpr llvm::StringLiteral CookieReaders[] = {"drogon::HttpRequest::getCookie",
                                                 "Pistache::Http::CookieJar::get"};

// Words of a header or cookie name that say it carries a credential.
constexpr llvm::StringLiteral CredentialWords[] = {"auth", "token", "jwt", "session", "bearer",
                                                   "credential", "key"};

bool isOrDerives(const CXXRecordDecl *RD, llvm::StringRef Name, unsigned Depth = 0) {
  if (!RD || Depth > 16)
    return false;
  if (qualifiedName(*RD) == Name)
    return true;
  if (!RD->hasDefinition())
    return false;
  for (const CXXBaseSpecifier &Base : RD->getDefinition()->bases())
    if (isOrDerives(classOf(Base.getType()), Name, Depth + 1))
      return true;
  return false;
}

std::optional<std::string> literalArgument(const CallExpr &Call, unsigned I) {
  if (I >= Call.getNumArgs())
    return std::nullopt;
  if (const auto *Literal = dyn_cast_or_null<StringLiteral>(withoutConversions(Call.getArg(I)));
      Literal && Literal->getCharByteWidth() == 1)
    return Literal->getString().str();
  return std::nullopt;
}

// The object a member call or member operator is called on, and the index of
// the call's first argument past it.
const Expr *objectOf(const CallExpr &Call, unsigned &First) {
  First = 0;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    return Member->getImplicitObjectArgument();
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call);
      Operator && isa_and_nonnull<CXXMethodDecl>(Operator->getDirectCallee()) &&
      Operator->getNumArgs() > 0) {
    First = 1;
    return Operator->getArg(0);
  }
  return nullptr;
}

const VarDecl *variableOf(const Expr *E) {
  if (!E)
    return nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
    return dyn_cast<VarDecl>(Ref->getDecl());
  return nullptr;
}

void forEachCall(const Stmt *S, llvm::function_ref<void(const CallExpr &)> F) {
  if (!S)
    return;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    F(*Call);
  for (const Stmt *Child : S->children())
    forEachCall(Child, F);
}

void forEachLiteral(const Stmt *S, llvm::function_ref<void(llvm::StringRef)> F) {
  if (!S)
    return;
  if (const auto *Literal = dyn_cast<StringLiteral>(S); Literal && Literal->getCharByteWidth() == 1)
    F(Literal->getString());
  for (const Stmt *Child : S->children())
    forEachLiteral(Child, F);
}

// The scheme a function strips from a header's value where it writes it as a
// literal: the one string literal of the function that is a word and a space
// ("Bearer ").
std::string literalScheme(const Stmt *Body) {
  std::string Scheme;
  bool Several = false;
  forEachLiteral(Body, [&](llvm::StringRef Text) {
    if (Text.size() < 2 || !Text.ends_with(" ") || !isLetter(Text.front()))
      return;
    llvm::StringRef Word = Text.drop_back();
    if (!llvm::all_of(Word, [](char C) { return isAlphanumeric(C) || C == '-' || C == '_'; }))
      return;
    if (!Scheme.empty() && Scheme != Word)
      Several = true;
    Scheme = Word.str();
  });
  return Several ? std::string() : Scheme;
}

// The reads of a request header or cookie named by a literal in \p Body
// (not in the functions it calls), in source order.
void tokenReads(const Stmt *Body, std::vector<std::pair<PlanTokenSource, SourceLocation>> &Out) {
  // Poco fills a NameValueCollection with the request's cookies.
  llvm::DenseSet<const VarDecl *> CookieJars;
  forEachCall(Body, [&](const CallExpr &Call) {
    const FunctionDecl *Callee = Call.getDirectCallee();
    unsigned First;
    if (Callee && objectOf(Call, First) && Call.getNumArgs() == 1 &&
        qualifiedName(*Callee) == "Poco::Net::HTTPRequest::getCookies")
      if (const VarDecl *Jar = variableOf(Call.getArg(0)))
        CookieJars.insert(Jar->getCanonicalDecl());
  });
  std::string Scheme;
  bool SchemeKnown = false;
  forEachCall(Body, [&](const CallExpr &Call) {
    const FunctionDecl *Callee = Call.getDirectCallee();
    if (!Callee)
      return;
    unsigned First;
    const Expr *Object = objectOf(Call, First);
    std::string Name = qualifiedName(*Callee);
    PlanTokenSource Read;
    std::optional<std::string> Literal = literalArgument(Call, First);
    if (llvm::is_contained(HeaderReaders, Name) && Literal)
      Read.Header = *Literal;
    else if (llvm::is_contained(CookieReaders, Name) && Literal)
      Read.Cookie = *Literal;
    else if (Name == "Poco::Net::HTTPRequest::getCredentials" && Object)
      // getCredentials(scheme, info) reads Authorization; (header, scheme, info) the header named.
      Read.Header = Call.getNumArgs() == 2   ? std::string("Authorization")
                    : Call.getNumArgs() == 3 ? Literal.value_or("")
                                             : std::string();
    else if (Object && Literal && (Callee->getNameAsString() == "get" ||
                                   Callee->getOverloadedOperator() == OO_Subscript) &&
             isOrDerives(dyn_cast<CXXRecordDecl>(Callee->getDeclContext()),
                         "Poco::Net::NameValueCollection")) {
      const VarDecl *Jar = variableOf(Object);
      // The request, before its conversion to the base class that declares get.
      QualType Type = Object->IgnoreParenImpCasts()->getType();
      if (Type->isPointerType())
        Type = Type->getPointeeType();
      if (Jar && CookieJars.count(Jar->getCanonicalDecl()))
        Read.Cookie = *Literal;
      else if (isOrDerives(classOf(Type), "Poco::Net::MessageHeader"))
        Read.Header = *Literal;
    }
    if (Read.Header.empty() && Read.Cookie.empty())
      return;
    if (!Read.Header.empty()) {
      if (!SchemeKnown)
        Scheme = literalScheme(Body);
      SchemeKnown = true;
      Read.Scheme = Scheme;
    }
    Out.push_back({std::move(Read), Call.getExprLoc()});
  });
}

// The calls whose first argument names a claim the code requires of the
// token: jwt-cpp 0.7.2's verifier::with_claim (the value its second argument
// holds) and payload::has_payload_claim, get_payload_claim; cpp-jwt 1.4's
// jwt_payload::has_claim, has_claim_with_value (the value its second
// argument is), get_claim_value and jwt_object::has_claim.
constexpr std::pair<llvm::StringLiteral, bool> ClaimRequirements[] = {
    {"jwt::verifier::with_claim", true},
    {"jwt::payload::has_payload_claim", false},
    {"jwt::payload::get_payload_claim", false},
    {"jwt::decoded_jwt::get_payload_claim", false},
    {"jwt::jwt_payload::has_claim", false},
    {"jwt::jwt_payload::has_claim_with_value", true},
    {"jwt::jwt_payload::get_claim_value", false},
    {"jwt::jwt_object::has_claim", false},
};

// The claims every crafted token carries (tokens.py), which the plan's
// verifier members or the token cases cover.
constexpr llvm::StringLiteral RegisteredClaims[] = {"iss", "sub", "aud", "exp",
                                                    "nbf", "iat", "jti"};

// The one narrow string literal under \p E, else none.
std::optional<std::string> onlyLiteral(const Stmt *E) {
  std::optional<std::string> Found;
  unsigned Count = 0;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Count > 1)
      return;
    if (const auto *Literal = dyn_cast<StringLiteral>(S)) {
      ++Count;
      if (Literal->getCharByteWidth() == 1)
        Found = Literal->getString().str();
    }
    for (const Stmt *Child : S->children())
      Walk(Child);
  };
  Walk(E);
  return Count == 1 ? Found : std::nullopt;
}

// Adds to \p Out the claims \p Body requires of the token by literal names.
void requiredClaims(const Stmt *Body, std::map<std::string, std::optional<std::string>> &Out) {
  forEachCall(Body, [&](const CallExpr &Call) {
    const FunctionDecl *Callee = Call.getDirectCallee();
    if (!Callee)
      return;
    std::string Name = qualifiedName(*Callee);
    unsigned First;
    objectOf(Call, First);
    for (const auto &[Api, WithValue] : ClaimRequirements) {
      if (Name != Api)
        continue;
      std::optional<std::string> Claim = literalArgument(Call, First);
      if (!Claim || Claim->empty() || llvm::is_contained(RegisteredClaims, *Claim))
        return;
      std::optional<std::string> Value;
      if (WithValue && Call.getNumArgs() > First + 1)
        Value = onlyLiteral(Call.getArg(First + 1));
      auto [Known, Added] = Out.try_emplace(*Claim, Value);
      if (!Added && !Known->second)
        Known->second = Value;
      return;
    }
  });
}

PlanPlace placeOf(TranslationUnitAnalysis &Analysis, const WorkingTreePaths &Paths,
                  SourceLocation Loc) {
  const SourceManager &SM = Analysis.context().getSourceManager();
  Loc = SM.getExpansionLoc(Loc);
  PresumedLoc P = SM.getPresumedLoc(Loc, /*UseLineDirectives=*/false);
  if (P.isInvalid())
    return {};
  llvm::SmallString<256> Path(P.getFilename());
  SM.getFileManager().makeAbsolutePath(Path);
  std::optional<std::string> Relative =
      Analysis.repositoryRoot() ? Paths.relative(Path) : std::nullopt;
  return {Relative.value_or(std::string(Path)), P.getLine()};
}

class PlanWalk {
public:
  PlanWalk(TranslationUnitAnalysis &Analysis, PlanBoundary &Out)
      : Analysis(Analysis), Flow(Analysis.flow()), Out(Out),
        Paths(Analysis.repositoryRoot().value_or("")) {}

  void boundary(const FunctionDecl &FD) {
    for (const Escape &E : Flow.escapes(FD)) {
      PlanCall Call = call(E.ApiName, E.TypeName);
      Call.Escapes = true;
      Call.Path = chain(FD, E);
      add(std::move(Call));
    }
    visit(FD, {}, 0);
    Out.Token = tokenSource();
  }

  PlanPlace place(SourceLocation Loc) { return placeOf(Analysis, Paths, Loc); }

private:
  PlanCall call(llvm::StringRef Api, llvm::StringRef Exception) {
    PlanCall Call;
    Call.Api = Api.str();
    Call.Exception = Exception.str();
    // The entry of the modelled function whose cases name the exception, else
    // one that throws it (two libraries may model one name: jwt-cpp's and
    // cpp-jwt's jwt::decode).
    llvm::ArrayRef<ApiFunction> Entries = Analysis.settings().Model.find(Api);
    const ApiFunction *Entry = Entries.empty() ? nullptr : &Entries.front();
    auto Throws = [&](const ApiFunction &Candidate) {
      return llvm::is_contained(Candidate.Throws, Call.Exception) ||
             llvm::is_contained(Candidate.ErrorCodeThrows, Call.Exception);
    };
    if (const ApiFunction *Thrower = llvm::find_if(Entries, Throws); Thrower != Entries.end())
      Entry = Thrower;
    for (const ApiFunction &Candidate : Entries)
      if (Candidate.Cases.count(Call.Exception))
        Entry = &Candidate;
    if (Entry) {
      Call.Library = Entry->Library;
      if (auto Found = Entry->Cases.find(Call.Exception); Found != Entry->Cases.end())
        Call.Cases = Found->second;
    }
    return Call;
  }

  // The hops of the path of \p E, which escapes \p Start: each function and
  // the call it lets the exception through, down to the modelled call, and
  // beyond this unit.
  std::vector<PlanHop> chain(const FunctionDecl &Start, const Escape &E) {
    std::vector<PlanHop> Hops;
    std::vector<const Escape *> Path = Flow.path(E);
    const FunctionDecl *In = &Start;
    for (const Escape *Step : Path) {
      Hops.push_back({describeFunction(*In), place(Step->Site->getExprLoc())});
      In = Step->Callee;
    }
    if (const RemoteEscape *Remote = Path.back()->Remote)
      for (const RemoteHop &Hop : Remote->Hops)
        Hops.push_back({Hop.Function, {Hop.At.File, Hop.At.Line}});
    return Hops;
  }

  void visit(const FunctionDecl &FD, std::vector<PlanHop> Prefix, unsigned Depth) {
    const FunctionDecl *Def = nullptr;
    if (Depth > MaxPlanDepth || !FD.hasBody(Def) || !Def || !Flow.isAnalysable(*Def) ||
        !Seen.insert(Def->getCanonicalDecl()).second)
      return;
    verifierClaims(Def->getBody(), Out.Verifier);
    tokenReads(Def->getBody(), Reads);
    requiredClaims(Def->getBody(), Out.Claims);
    const FunctionSummary &Summary = Flow.summary(*Def);
    for (const HandledAt &H : Summary.Handled) {
      PlanCall Call = call(H.ApiName, H.TypeName);
      Call.Handler = place(H.Handler->getBeginLoc());
      Call.Path = Prefix;
      Call.Path.push_back({describeFunction(*Def), place(H.Site->getExprLoc())});
      // Handled here at a call of a helper the exception escaped: its path below.
      if (H.Callee && H.Callee != H.Api)
        for (const Escape &Below : Flow.escapes(*H.Callee))
          if (Below.ApiName == H.ApiName && Below.TypeName == H.TypeName) {
            std::vector<PlanHop> Rest = chain(*H.Callee, Below);
            Call.Path.insert(Call.Path.end(), Rest.begin(), Rest.end());
            break;
          }
      add(std::move(Call));
    }
    for (const CallRecord &Site : Summary.Sites) {
      if (!Site.Callee)
        continue;
      std::vector<PlanHop> Deeper = Prefix;
      Deeper.push_back({describeFunction(*Def), place(Site.Site->getExprLoc())});
      visit(*Site.Callee, std::move(Deeper), Depth + 1);
    }
  }

  // The one header or cookie read on the way, else the one of those read that
  // is named like a credential; none when that is not one.
  std::optional<PlanTokenSource> tokenSource() {
    auto Key = [](const PlanTokenSource &S) {
      return S.Header.empty() ? "cookie:" + S.Cookie
                              : "header:" + llvm::StringRef(S.Header).lower();
    };
    auto Credential = [](const PlanTokenSource &S) {
      std::string Name = llvm::StringRef(S.Header.empty() ? S.Cookie : S.Header).lower();
      return llvm::any_of(CredentialWords, [&](llvm::StringRef Word) {
        return llvm::StringRef(Name).contains(Word);
      });
    };
    for (bool OnlyCredentials : {false, true}) {
      const std::pair<PlanTokenSource, SourceLocation> *Found = nullptr;
      bool Several = false;
      for (const auto &Read : Reads) {
        if (OnlyCredentials && !Credential(Read.first))
          continue;
        if (Found && Key(Found->first) != Key(Read.first))
          Several = true;
        if (!Found)
          Found = &Read;
      }
      if (Found && !Several) {
        PlanTokenSource Source = Found->first;
        Source.At = place(Found->second);
        return Source;
      }
    }
    return std::nullopt;
  }

  void add(PlanCall Call) {
    auto Same = [&](const PlanCall &Known) {
      return Known.Api == Call.Api && Known.Exception == Call.Exception &&
             Known.Escapes == Call.Escapes && Known.Handler.File == Call.Handler.File &&
             Known.Handler.Line == Call.Handler.Line;
    };
    if (llvm::none_of(Out.Calls, Same))
      Out.Calls.push_back(std::move(Call));
  }

  TranslationUnitAnalysis &Analysis;
  ExceptionFlow &Flow;
  PlanBoundary &Out;
  WorkingTreePaths Paths;
  llvm::DenseSet<const FunctionDecl *> Seen;
  std::vector<std::pair<PlanTokenSource, SourceLocation>> Reads;
};

llvm::json::Object placeJSON(const PlanPlace &P) {
  return llvm::json::Object{{"file", P.File}, {"line", P.Line}};
}

llvm::StringRef kindName(Boundary::Kind Kind) {
  switch (Kind) {
  case Boundary::Registered:
    return "registered";
  case Boundary::Override:
    return "override";
  case Boundary::Middleware:
    return "middleware";
  case Boundary::Coroutine:
    return "coroutine";
  case Boundary::Configured:
    return "configured";
  case Boundary::Destructor:
    return "destructor";
  case Boundary::Noexcept:
    return "noexcept";
  case Boundary::NullableReturn:
    return "nullable-return";
  }
  return "";
}

} // namespace

std::vector<PlanBoundary> planOf(TranslationUnitAnalysis &Analysis, const BoundaryPolicy &Policy) {
  // Requests enter at the frameworks' boundaries and the configured ones.
  BoundaryPolicy Requests = Policy;
  Requests.Destructors = Requests.NoexceptFunctions = Requests.NullableReturns = false;
  std::vector<PlanBoundary> Plan;
  BoundaryFinder &Boundaries = Analysis.boundaries();
  for (const FunctionDecl *FD : Analysis.definitions()) {
    std::optional<Boundary> Why = Boundaries.boundaryOf(*FD, Requests, Analysis.settings().Nullable);
    if (!Why)
      continue;
    PlanBoundary Out;
    Out.Why = *Why;
    Out.Name = describeFunction(*FD);
    Out.Function = Analysis.repositoryRoot() ? Analysis.facts().functionKey(*FD)
                                             : Analysis.flow().usrOf(*FD);
    PlanWalk Walk(Analysis, Out);
    for (const RouteRegistration &Route : Boundaries.registrations())
      if (Route.Handler == FD->getCanonicalDecl())
        Out.Routes.push_back({Route.Via, Route.Path, Route.Methods, Walk.place(Route.At)});
    Out.At = Walk.place(FD->getLocation());
    Walk.boundary(*FD);
    Plan.push_back(std::move(Out));
  }
  return Plan;
}

llvm::json::Value toJSON(const PlanBoundary &Boundary) {
  llvm::json::Array Routes;
  for (const PlanRoute &Route : Boundary.Routes) {
    llvm::json::Array Methods;
    for (const std::string &Method : Route.Methods)
      Methods.push_back(Method);
    llvm::json::Object Out{{"via", Route.Via}, {"methods", std::move(Methods)},
                           {"at", placeJSON(Route.At)}};
    if (!Route.Path.empty())
      Out["path"] = Route.Path;
    Routes.push_back(std::move(Out));
  }
  llvm::json::Array Calls;
  for (const PlanCall &Call : Boundary.Calls) {
    llvm::json::Array Cases, Path;
    for (const std::string &Case : Call.Cases)
      Cases.push_back(Case);
    for (const PlanHop &Hop : Call.Path)
      Path.push_back(llvm::json::Object{{"function", Hop.Function}, {"at", placeJSON(Hop.At)}});
    llvm::json::Object Out{{"api", Call.Api},
                           {"exception", Call.Exception},
                           {"cases", std::move(Cases)},
                           {"outcome", Call.Escapes ? "escapes" : "handled"},
                           {"path", std::move(Path)}};
    if (!Call.Library.empty())
      Out["library"] = Call.Library;
    if (!Call.Escapes)
      Out["handler"] = placeJSON(Call.Handler);
    Calls.push_back(std::move(Out));
  }
  llvm::json::Object Out{{"function", Boundary.Function},
                         {"name", Boundary.Name},
                         {"at", placeJSON(Boundary.At)},
                         {"kind", kindName(Boundary.Why.What)},
                         {"routes", std::move(Routes)},
                         {"calls", std::move(Calls)}};
  if (!Boundary.Verifier.empty()) {
    llvm::json::Object Verifier;
    for (const auto &[Claim, Value] : Boundary.Verifier)
      Verifier[Claim] = Value;
    Out["verifier"] = std::move(Verifier);
  }
  if (!Boundary.Claims.empty()) {
    llvm::json::Object Claims;
    for (const auto &[Claim, Value] : Boundary.Claims)
      Claims[Claim] = Value ? llvm::json::Value(*Value) : llvm::json::Value(nullptr);
    Out["claims"] = std::move(Claims);
  }
  if (Boundary.Token) {
    llvm::json::Object Token{{"at", placeJSON(Boundary.Token->At)}};
    if (!Boundary.Token->Header.empty())
      Token["header"] = Boundary.Token->Header;
    else
      Token["cookie"] = Boundary.Token->Cookie;
    if (!Boundary.Token->Scheme.empty())
      Token["scheme"] = Boundary.Token->Scheme;
    Out["token"] = std::move(Token);
  }
  if (!Boundary.Why.Framework.empty())
    Out["framework"] = Boundary.Why.Framework;
  if (!Boundary.Why.Via.empty())
    Out["via"] = Boundary.Why.Via;
  return Out;
}

} // namespace failguard
