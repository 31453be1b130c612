// The edge-case plan of one translation unit: its request boundaries, the auth calls that reach each, and what becomes of their exceptions.
#include "lib/Plan.h"

#include "lib/GitTree.h"
#include "lib/NameMatching.h"
#include "lib/TranslationUnitAnalysis.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"

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
  if (!Boundary.Why.Framework.empty())
    Out["framework"] = Boundary.Why.Framework;
  if (!Boundary.Why.Via.empty())
    Out["via"] = Boundary.Why.Via;
  return Out;
}

} // namespace failguard
