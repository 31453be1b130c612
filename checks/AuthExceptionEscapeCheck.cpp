// failguard-auth-exception-escape
#include "checks/AuthExceptionEscapeCheck.h"

#include "checks/DiagnosticText.h"
#include "checks/Nolint.h"

#include "lib/ExceptionSpecs.h"
#include "lib/MacroRegistrations.h"
#include "lib/NameMatching.h"
#include "lib/OptionList.h"
#include "lib/StoredCallables.h"
#include "lib/SummaryWriter.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

#include <set>
#include <tuple>
#include "lib/GitTree.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace failguard {

namespace {
// Virtual methods a framework calls for each request (drogon 1.9, Poco 1.11,
// Pistache 0.4): their overrides are request handlers.
constexpr char DefaultRequestHandlers[] =
    "drogon::HttpFilterBase::doFilter;drogon::HttpMiddlewareBase::invoke;"
    "drogon::HttpCoroFilter::doFilter;drogon::HttpCoroMiddleware::invoke;"
    "drogon::HttpSimpleControllerBase::asyncHandleHttpRequest;"
    "drogon::WebSocketControllerBase::handleNewMessage;"
    "drogon::WebSocketControllerBase::handleNewConnection;"
    "drogon::WebSocketControllerBase::handleConnectionClosed;"
    "Poco::Net::HTTPRequestHandler::handleRequest;Pistache::Http::Handler::onRequest";

// Calls that register a function, a member function or a lambda as a request
// handler; every callable argument they are given is a boundary. drogon 1.9:
// METHOD_ADD, ADD_METHOD_TO and ADD_METHOD_VIA_REGEX expand to the
// registerMethod* calls. Crow 1.3: CROW_ROUTE(app, url) and
// app.route_dynamic(url) return a rule whose operator() takes the handler,
// so do CROW_BP_ROUTE(blueprint, url) and CROW_CATCHALL_ROUTE(app) (a
// CatchallRule); CROW_WEBSOCKET_ROUTE(app, url) returns a WebSocketRule whose
// onopen/onmessage/onclose/onerror/onaccept take the callbacks.
// Pistache 0.4: Routes::bind and Routes::middleware wrap a member or free
// function, the Routes functions and Router methods take the handler.
constexpr llvm::StringLiteral RoutingCalls[] = {
    "drogon::HttpController::registerMethod",
    "drogon::HttpController::registerMethodViaRegex",
    "drogon::HttpAppFramework::registerHandler",
    "drogon::HttpAppFramework::registerHandlerViaRegex",
    "crow::TaggedRule::operator()",
    "crow::DynamicRule::operator()",
    "crow::CatchallRule::operator()",
    "crow::WebSocketRule::onopen",
    "crow::WebSocketRule::onmessage",
    "crow::WebSocketRule::onclose",
    "crow::WebSocketRule::onerror",
    "crow::WebSocketRule::onaccept",
    "Pistache::Rest::Routes::bind",
    "Pistache::Rest::Routes::Get",
    "Pistache::Rest::Routes::Post",
    "Pistache::Rest::Routes::Put",
    "Pistache::Rest::Routes::Patch",
    "Pistache::Rest::Routes::Delete",
    "Pistache::Rest::Routes::Options",
    "Pistache::Rest::Routes::Head",
    "Pistache::Rest::Routes::NotFound",
    "Pistache::Rest::Router::get",
    "Pistache::Rest::Router::post",
    "Pistache::Rest::Router::put",
    "Pistache::Rest::Router::patch",
    "Pistache::Rest::Router::del",
    "Pistache::Rest::Router::options",
    "Pistache::Rest::Router::head",
    "Pistache::Rest::Router::addRoute",
    "Pistache::Rest::Router::addCustomHandler",
    "Pistache::Rest::Router::addNotFoundHandler",
    "Pistache::Rest::Routes::middleware",
    "Pistache::Rest::Router::addMiddleware",
};

// Whether FD is a coroutine whose result type is drogon::AsyncTask: its
// promise calls std::terminate for an exception that reaches it.
bool isAsyncTaskCoroutine(const FunctionDecl &FD) {
  if (!isa_and_nonnull<CoroutineBodyStmt>(FD.getBody()))
    return false;
  const NamedDecl *Result = namedClassTemplate(FD.getReturnType());
  return Result && qualifiedName(*Result) == "drogon::AsyncTask";
}

// Whether FD is, or is declared inside, a template instantiation. Walking the
// declaration contexts is much cheaper than the isInstantiated() matcher, which
// builds the parent map of the whole translation unit.
bool isInstantiation(const FunctionDecl &FD) {
  for (const DeclContext *DC = &FD; DC; DC = DC->getParent()) {
    if (const auto *F = dyn_cast<FunctionDecl>(DC)) {
      if (F->isTemplateInstantiation())
        return true;
    } else if (const auto *RD = dyn_cast<CXXRecordDecl>(DC)) {
      if (isTemplateInstantiation(RD->getTemplateSpecializationKind()))
        return true;
    }
  }
  return false;
}

// Diagnostics name at most this many types or functions, then "and N more".
constexpr size_t ListedNames = 3;

} // namespace

AuthExceptionEscapeCheck::AuthExceptionEscapeCheck(StringRef Name,
                                                   tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), CheckName(Name.str()), ConfigErrors(*Context, Name),
      Models(Options, *Context, Name),
      RequestHandlers(Options.get("RequestHandlers", DefaultRequestHandlers)),
      BoundaryFunctions(Options.get("BoundaryFunctions", "")),
      CheckNoexceptFunctions(Options.get("CheckNoexceptFunctions", true)),
      CheckDestructors(Options.get("CheckDestructors", true)),
      CheckNullableReturns(Options.get("CheckNullableReturns", true)),
      OnlyChangedFunctions(Options.get("OnlyChangedFunctions", false) ||
                           llvm::sys::Process::GetEnv("FAILGUARD_CHANGED_FUNCTIONS_ONLY")
                                   .value_or("") == "1"),
      Baselines(Options), Indexes(Options),
      SummaryOutput(llvm::sys::Process::GetEnv("FAILGUARD_SUMMARY_OUT").value_or("")),
      SummaryOnly(llvm::sys::Process::GetEnv("FAILGUARD_SUMMARY_ONLY").value_or("") == "1"),
      BaselineIndexFile(
          absoluteIndexPath(llvm::sys::Process::GetEnv("FAILGUARD_BASELINE_INDEX").value_or(""))),
      Model(Models.buildModel(
          [this](std::string Message) { ConfigErrors.report(std::move(Message)); })),
      Nullable(Models.buildNullableTypes()),
      RequestHandlerNames(splitList(RequestHandlers)),
      BoundaryPatternTexts(splitList(BoundaryFunctions)) {
  // GlobPattern keeps a reference to its text: BoundaryPatternTexts owns it.
  for (const std::string &Pattern : BoundaryPatternTexts) {
    auto Glob = llvm::GlobPattern::create(llvm::StringRef(Pattern).ltrim(':'));
    if (Glob)
      BoundaryPatterns.push_back(std::move(*Glob));
    else
      reportConfigurationError(llvm::createStringError(
          llvm::inconvertibleErrorCode(), "BoundaryFunctions: invalid pattern '" + Pattern +
                                              "': " + llvm::toString(Glob.takeError())));
  }
}

void AuthExceptionEscapeCheck::reportConfigurationError(llvm::Error Error) {
  // The error names this check's own option: prefix the check to give its key.
  ConfigErrors.report(CheckName + "." + llvm::toString(std::move(Error)));
}

void AuthExceptionEscapeCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Models.store(Options, Opts);
  Options.store(Opts, "RequestHandlers", RequestHandlers);
  Options.store(Opts, "BoundaryFunctions", BoundaryFunctions);
  Options.store(Opts, "CheckNoexceptFunctions", CheckNoexceptFunctions);
  Options.store(Opts, "CheckDestructors", CheckDestructors);
  Options.store(Opts, "CheckNullableReturns", CheckNullableReturns);
  Options.store(Opts, "OnlyChangedFunctions", OnlyChangedFunctions);
  Indexes.store(Options, Opts);
  if (OnlyChangedFunctions)
    Baselines.store(Options, Opts);
}

void AuthExceptionEscapeCheck::registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                                                   Preprocessor *) {
  this->PP = PP;
  ConfigErrors.publish(SM);
}

bool AuthExceptionEscapeCheck::changedSinceBaseline(const FunctionDecl &FD, ASTContext &Ctx) {
  if (!Bodies) {
    Bodies.emplace();
    auto Before = PP ? computeBaseline(Baselines.Config, Ctx, *PP, Model, Nullable)
                     : llvm::createStringError(llvm::inconvertibleErrorCode(), "no preprocessor");
    if (!Before) {
      llvm::consumeError(Before.takeError());
      Bodies->Everything = true;
    } else if ((*Before)->NewFile) {
      Bodies->Everything = true;
    } else if ((*Before)->Unchanged) {
      Bodies->Nothing = true;
    } else {
      Bodies->Before = *Before;
      Bodies->Keys = std::make_unique<FactsCollector>(
          Ctx, *Flow, Nullable, [B = *Before](StringRef Path) { return B->relativePath(Path); });
      Bodies->Matcher = std::make_unique<FunctionMatcher>(Bodies->Before->Facts, *Bodies->Keys);
    }
  }
  if (Bodies->Everything)
    return true;
  if (Bodies->Nothing) {
    // The unit reads what it read at the baseline; what it calls in other
    // units may have changed.
    for (const Escape &E : Flow->escapes(FD))
      if (newThroughIndex(*Flow->path(E).back()))
        return true;
    return false;
  }
  const FunctionDecl *Outer = &FD;
  while (isLambdaCallOperator(*Outer)) {
    Outer = enclosingFunction(*Outer);
    if (!Outer)
      break;
  }
  if (Outer) {
    const FunctionFact *OuterWas = Bodies->Matcher->baselineOf(*Outer);
    if (!OuterWas || OuterWas->BodyHash != bodyHash(*Outer))
      return true;
  }
  // The text is the baseline's: changed only if something escapes that did
  // not, through a callee that changed.
  const FunctionFact *Was = Bodies->Matcher->baselineOf(FD);
  if (!Was && !Outer)
    return true;
  for (const Escape &E : Flow->escapes(FD)) {
    EscapeFact Now{E.ApiName, E.TypeName};
    if (!Was || !llvm::is_contained(Was->Escapes, Now))
      return true;
  }
  return false;
}

bool AuthExceptionEscapeCheck::newThroughIndex(const Escape &Last) {
  if (!Last.Remote || BaselineIndexFile.empty())
    return false;
  if (!BaselineIndex) {
    auto Index = loadProjectIndex(BaselineIndexFile, /*Named=*/true);
    if (!Index)
      return false;
    // Built by git-failguard for the baseline commit: fresh by construction.
    BaselineIndex = std::make_unique<IndexView>(std::move(Index), nullptr);
  }
  for (const RemoteEscape &Was : BaselineIndex->escapesOf(Flow->usrOf(*Last.Callee)))
    if (Was.Type == Last.Remote->Type && Was.Api == Last.Remote->Api)
      return false;
  return true;
}

ExceptionFlow &AuthExceptionEscapeCheck::flowFor(ASTContext &Ctx) {
  if (!Flow || &Flow->context() != &Ctx) {
    Flow = std::make_unique<ExceptionFlow>(Model, Ctx);
    if (!SummaryOutput.empty() || refreshIndexInProcess())
      Flow->recordUserCalls();
    if (!SummaryOnly)
      Indexes.attach(*Flow, Baselines.CacheDirectory);
  }
  return *Flow;
}

void AuthExceptionEscapeCheck::writeSummaries() {
  if ((SummaryOutput.empty() && !refreshIndexInProcess()) || !Context)
    return;
  // A unit with compile errors has a partial AST: its summaries would say
  // less than its code does. Nothing is written (the index keeps, or lacks,
  // the unit's previous summaries).
  if (Context->getDiagnostics().hasUncompilableErrorOccurred()) {
    if (!SummaryOutput.empty())
      llvm::errs() << "failguard: error: no summaries: the translation unit has compile errors\n";
    return;
  }
  SourceManager &SM = Context->getSourceManager();
  OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
  std::optional<std::string> Root = Main ? repositoryRootOf(Main->getName()) : std::nullopt;
  if (!Root) {
    if (!SummaryOutput.empty())
      llvm::errs() << "failguard: error: no summaries: the translation unit is not in a git "
                      "working tree\n";
    return;
  }
  WorkingTreePaths Paths(*Root);
  UnitSummary Unit = summariseUnit(flowFor(*Context), Definitions, Paths,
                                   FailguardContext::of(*Context).noteOnlyFiles());
  if (SummaryOutput.empty()) {
    std::string Path = Indexes.pathFor(Baselines.CacheDirectory, *Root);
    if (!Path.empty())
      refreshInProcess(Path, std::move(Unit));
    return;
  }
  // Written whole or not at all: a reader never sees half a summary.
  if (std::error_code EC =
          writeFileAtomically(SummaryOutput, SummaryIndex({std::move(Unit)}).serialise()))
    llvm::errs() << "failguard: error: cannot write the summaries to '" << SummaryOutput
                 << "': " << EC.message() << "\n";
}

void AuthExceptionEscapeCheck::registerMatchers(MatchFinder *Finder) {
  // Every unit, even one that defines no function (its summaries say so).
  Finder->addMatcher(translationUnitDecl().bind("unit"), this);
  Finder->addMatcher(
      functionDecl(isDefinition(), unless(isImplicit()), unless(isExpansionInSystemHeader()))
          .bind("function"),
      this);
  // hasName() does not see through class template specializations: the
  // matcher filters by the last name component, recordRegistrations by the
  // qualified name.
  std::vector<llvm::StringRef> RoutingNames;
  for (llvm::StringRef Name : RoutingCalls)
    RoutingNames.push_back(unqualifiedName(Name));
  Finder->addMatcher(callExpr(unless(isExpansionInSystemHeader()),
                              callee(functionDecl(hasAnyName(RoutingNames))))
                         .bind("routing"),
                     this);
}

void AuthExceptionEscapeCheck::recordRegistrations(const CallExpr &RoutingCall) {
  const FunctionDecl *Callee = RoutingCall.getDirectCallee();
  if (!Callee)
    return;
  std::string Via = qualifiedName(*Callee);
  if (!llvm::is_contained(RoutingCalls, Via))
    return;
  recordHandlers(RoutingCall, Via);
}

void AuthExceptionEscapeCheck::recordHandlers(const CallExpr &RoutingCall, llvm::StringRef Via) {
  if (!RouteStores)
    RouteStores = std::make_unique<StoredCallables>(*Context);
  llvm::SmallVector<const FunctionDecl *, 4> Handlers;
  for (const Expr *Argument : RoutingCall.arguments())
    registeredCallables(Argument, *RouteStores, Handlers);
  for (const FunctionDecl *Handler : Handlers) {
    // Registered in a template instantiation: the pattern is what is analysed.
    if (const FunctionDecl *Pattern = Handler->getTemplateInstantiationPattern())
      Handler = Pattern;
    Registered.try_emplace(Handler->getCanonicalDecl(), Via.str());
  }
}

// In a template, a routing call whose arguments are dependent stays
// unresolved: it counts when its overload set holds a routing function
// (`drogon::app().registerHandler(path, lambda)` in a function template). In a
// class template controller, METHOD_ADD's registerMethod names a member of the
// dependent base drogon::HttpController and finds nothing in the template: the
// name decides there.
void AuthExceptionEscapeCheck::recordDependentRegistrations(const FunctionDecl &FD) {
  if (!FD.isDependentContext())
    return;
  const auto *Method = dyn_cast<CXXMethodDecl>(&FD);
  bool Controller = Method && Method->isStatic() &&
                    derivesFromTemplate(*Method->getParent(), "drogon::HttpController");
  for (const BoundNodes &Nodes :
       match(findAll(callExpr(callee(expr(anyOf(unresolvedLookupExpr(), unresolvedMemberExpr()))))
                         .bind("call")),
             *FD.getBody(), *Context)) {
    const auto *Call = Nodes.getNodeAs<CallExpr>("call");
    const auto *Overloads = dyn_cast<OverloadExpr>(Call->getCallee()->IgnoreParens());
    if (!Overloads)
      continue;
    if (Controller && isa<UnresolvedLookupExpr>(Overloads) && !Overloads->getQualifier() &&
        Overloads->getName().isIdentifier()) {
      llvm::StringRef Name = Overloads->getName().getAsIdentifierInfo()->getName();
      if (Name == "registerMethod" || Name == "registerMethodViaRegex") {
        recordHandlers(*Call, ("drogon::HttpController::" + Name).str());
        continue;
      }
    }
    for (const NamedDecl *D : Overloads->decls()) {
      const NamedDecl *Underlying = D->getUnderlyingDecl();
      const FunctionDecl *Callee = Underlying->getAsFunction();
      if (!Callee)
        continue;
      std::string Via = qualifiedName(*Callee);
      if (llvm::is_contained(RoutingCalls, Via)) {
        recordHandlers(*Call, Via);
        break;
      }
    }
  }
}

void AuthExceptionEscapeCheck::recordSkippedRegistrations(const FunctionDecl &FD) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&FD);
  if (!Method)
    return;
  const CXXRecordDecl *Class = Method->getParent()->getDefinition();
  if (!Class || !MacroScanned.insert(Class).second ||
      !derivesFromTemplate(*Class, "drogon::HttpController"))
    return;
  // With the body, the routing calls themselves are seen (recordRegistrations).
  for (const NamedDecl *Found : Class->lookup(&Context->Idents.get("initPathRouting")))
    if (const auto *Routing = dyn_cast<FunctionDecl>(Found); Routing && Routing->hasBody())
      return;
  for (const MacroRegistration &Registration :
       macroRegistrations(*Class, drogonControllerMacros()))
    for (const NamedDecl *Found : Class->lookup(&Context->Idents.get(Registration.Handler)))
      if (const auto *Handler = dyn_cast<FunctionDecl>(Found->getUnderlyingDecl()))
        Registered.try_emplace(Handler->getCanonicalDecl(), Registration.Via);
}

// The class a base specifier names, also when it is a dependent
// specialization in a template pattern (then its primary template's pattern).
static const CXXRecordDecl *baseClass(const CXXBaseSpecifier &Base) {
  if (const CXXRecordDecl *RD = classOf(Base.getType()))
    return RD->hasDefinition() ? RD->getDefinition() : nullptr;
  if (const auto *Template = dyn_cast_or_null<ClassTemplateDecl>(namedClassTemplate(Base.getType())))
    return Template->getTemplatedDecl()->getDefinition();
  return nullptr;
}

// Whether Class derives, directly or not, from a specialization of the class
// template named Template; also through dependent bases of a pattern.
bool AuthExceptionEscapeCheck::derivesFromTemplate(const CXXRecordDecl &Class,
                                                   llvm::StringRef Template, unsigned Depth) {
  if (Depth > 16)
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
// pattern overrides; look for virtual methods of the same name in the bases.
static bool overridesThroughBases(const CXXRecordDecl &Class, DeclarationName Name,
                                  llvm::function_ref<bool(StringRef)> Matches,
                                  unsigned Depth = 0) {
  if (Depth > 16)
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

bool AuthExceptionEscapeCheck::overridesAny(
    const CXXMethodDecl &MD, llvm::function_ref<bool(StringRef)> Matches) const {
  if (MD.getParent()->isDependentContext())
    return overridesThroughBases(*MD.getParent(), MD.getDeclName(), Matches);
  for (const CXXMethodDecl *Overridden : MD.overridden_methods())
    if (Matches(qualifiedName(*Overridden)) || overridesAny(*Overridden, Matches))
      return true;
  return false;
}

std::optional<std::string> AuthExceptionEscapeCheck::boundaryOf(const FunctionDecl &FD) const {
  auto Registration = Registered.find(FD.getCanonicalDecl());
  if (Registration != Registered.end())
    return "request handler " + describeFunction(FD) + " registered through " +
           quoted(Registration->second);
  if (isAsyncTaskCoroutine(FD))
    return "coroutine " + describeFunction(FD) +
           " returning 'drogon::AsyncTask', which terminates the process on an exception";

  const auto *Method = dyn_cast<CXXMethodDecl>(&FD);
  // In a class template pattern a method overriding through a dependent base
  // is not known to be virtual yet.
  bool MayOverride =
      Method && (Method->isVirtual() || Method->getParent()->isDependentContext());
  if (MayOverride && !RequestHandlerNames.empty() &&
      overridesAny(*Method, [this](StringRef Name) {
        return llvm::is_contained(RequestHandlerNames, Name);
      }))
    return "request handler " + describeFunction(FD);

  if (!BoundaryPatterns.empty()) {
    auto Matches = [this](StringRef Name) {
      return llvm::any_of(BoundaryPatterns,
                          [Name](const llvm::GlobPattern &P) { return P.match(Name); });
    };
    if (Matches(qualifiedName(FD)) || (MayOverride && overridesAny(*Method, Matches)))
      return "boundary function " + describeFunction(FD);
  }

  // As bugprone-exception-escape: a destructor written `noexcept(false)` or
  // with a throwing dynamic exception specification may throw by design.
  if (CheckDestructors && isa<CXXDestructorDecl>(FD) &&
      !(isExplicitThrowExceptionSpec(FD.getExceptionSpecType()) &&
        FD.getExceptionSpecSourceRange().isValid()))
    return "destructor " + describeFunction(FD);

  // Destructors are implicitly noexcept; CheckDestructors alone decides for them.
  if (CheckNoexceptFunctions && !isa<CXXDestructorDecl>(FD)) {
    if (isWrittenNothrow(FD))
      return (isLambdaCallOperator(FD) ? "noexcept " : "noexcept function ") + describeFunction(FD);
  }

  if (CheckNullableReturns) {
    QualType Returned = FD.getReturnType();
    ReturnClass Class = Nullable.classify(Returned);
    if (Class != ReturnClass::Plain)
      return describeFunction(FD) + ", which reports failure through its " +
             describe(Class).str() + " return type " +
             quoted(Returned.getAsString(FD.getASTContext().getPrintingPolicy()));
  }
  return std::nullopt;
}

void AuthExceptionEscapeCheck::check(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
  if (!Shared) {
    Shared = &FailguardContext::of(*Context);
    Shared->provideEscapeSites([this] { decideReports(); });
  }
  if (const auto *RoutingCall = Result.Nodes.getNodeAs<CallExpr>("routing")) {
    recordRegistrations(*RoutingCall);
    return;
  }
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("function");
  // Instantiations are skipped: a template is judged once, on its pattern.
  if (!FD || !FD->getBody() || isInstantiation(*FD))
    return;
  recordDependentRegistrations(*FD);
  recordSkippedRegistrations(*FD);
  if (SeenDefinitions.insert(FD).second)
    Definitions.push_back(FD);
}

void AuthExceptionEscapeCheck::findEscapes(const FunctionDecl &Function, ASTContext &Ctx) {
  const FunctionDecl *FD = &Function;
  std::optional<std::string> Boundary = boundaryOf(*FD);
  if (!Boundary)
    return;
  flowFor(Ctx);
  if (OnlyChangedFunctions && !changedSinceBaseline(*FD, Ctx))
    return;

  // One diagnostic per call site in the boundary, naming every exception type
  // and modelled function; notes follow the path to each modelled call.
  llvm::DenseMap<const Expr *, size_t> BySite;
  for (const Escape &E : Flow->escapes(*FD)) {
    auto [It, Inserted] = BySite.try_emplace(E.Site, Reports.size());
    if (Inserted) {
      Reports.emplace_back();
      Reports.back().Function = FD;
      Reports.back().Boundary = *Boundary;
      Reports.back().Site = E.Site;
    }
    SiteReport &Group = Reports[It->second];
    std::string Type = quoted(E.TypeName);
    if (!llvm::is_contained(Group.Types, Type))
      Group.Types.push_back(Type);
    std::string Api = quoted(E.ApiName);
    if (!llvm::is_contained(Group.Apis, Api)) {
      Group.Apis.push_back(Api);
      Group.FirstPerApi.push_back(&E);
    }
  }
}

void AuthExceptionEscapeCheck::decideReports() {
  if (Decided || !Context)
    return;
  Decided = true;
  if (SummaryOnly)
    return;
  for (const FunctionDecl *FD : Definitions)
    findEscapes(*FD, *Context);
  const SourceManager &SM = Context->getSourceManager();
  for (SiteReport &Report : Reports) {
    CallSuppression Nolint = callSuppression(SM, *Report.Function, *Report.Site, CheckName);
    Report.SuppressedAtStatement = Nolint.AtStatement;
    // A call whose warning the host drops is left to the removed-handler check.
    if (!Nolint.any() && Shared && !hostSuppresses(CheckName))
      Shared->addEscapeSite(Report.Site);
  }
}

void AuthExceptionEscapeCheck::onEndOfTranslationUnit() {
  decideReports();
  writeSummaries();
  if (Shared)
    Shared->decideEscapeSites();
  for (const SiteReport &Group : Reports) {
    if (Group.SuppressedAtStatement)
      continue;
    const Expr *Site = Group.Site;
    diag(Site->getExprLoc(),
         "%select{exception|exceptions}0 %1 thrown by %2 %select{escapes|escape}0 %3")
        << (Group.Types.size() > 1) << describeList(Group.Types, ListedNames)
        << describeList(Group.Apis, ListedNames)
        << Group.Boundary << Site->getSourceRange();

    llvm::SmallPtrSet<const Expr *, 8> NotedHops;
    std::set<std::tuple<std::string, unsigned, unsigned>> NotedRemoteHops;
    for (const Escape *First : Group.FirstPerApi) {
      std::vector<const Escape *> Path = Flow->path(*First);
      for (size_t I = 1; I < Path.size(); ++I) {
        const Escape &Hop = *Path[I];
        const FunctionDecl &Caller = *Path[I - 1]->Callee;
        if (Hop.CalleeEscape < 0 && !Hop.Remote)
          diag(Hop.Site->getExprLoc(), "%0 is called here in %1 without a handler for %2",
               DiagnosticIDs::Note)
              << quoted(Hop.ApiName) << describeFunction(Caller) << quoted(Hop.TypeName);
        else if (NotedHops.insert(Hop.Site).second)
          diag(Hop.Site->getExprLoc(), "%0 lets it escape through this call to %1",
               DiagnosticIDs::Note)
              << describeFunction(Caller) << describeFunction(*Hop.Callee);
      }
      // Beyond this unit: the hops the project index knows, where they are.
      const Escape &Last = *Path.back();
      if (!Last.Remote)
        continue;
      std::vector<DiagnosticText> Notes =
          remoteHopNotes(*Context, *Last.Remote, Last.Site->getExprLoc());
      for (size_t I = 0; I < Notes.size(); ++I) {
        const IndexLocation &At = Last.Remote->Hops[I].At;
        if (NotedRemoteHops.insert({At.File, At.Line, At.Column}).second)
          diag(Notes[I].Loc, "%0", DiagnosticIDs::Note) << Notes[I].Message;
      }
    }

    // The same call as failguard-removed-exception-handler sees it: one
    // warning for one problem, the removed handler as its notes.
    if (Shared)
      for (const std::vector<DiagnosticText> &View : Shared->removedHandlerViews(Site))
        for (size_t I = 0; I < View.size(); ++I) {
          if (I == 0)
            diag(View[I].Loc, "also reported by %0: %1", DiagnosticIDs::Note)
                << RemovedHandlerCheckName << View[I].Message;
          else
            diag(View[I].Loc, "%0", DiagnosticIDs::Note) << View[I].Message;
        }
  }
  Definitions.clear();
  SeenDefinitions.clear();
  Registered.clear();
  MacroScanned.clear();
  RouteStores.reset();
  Context = nullptr;
  Bodies.reset();
  Reports.clear();
  Decided = false;
  Shared = nullptr;
  Flow.reset();
  writeIndexGaps();
}

} // namespace failguard
