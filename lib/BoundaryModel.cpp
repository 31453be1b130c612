// Where requests enter a program: web frameworks described as data.
#include "lib/BoundaryModel.h"

#include "lib/NameMatching.h"
#include "lib/SafeRead.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"

namespace {
struct YamlRoute {
  std::string Call, Handler = "any", Path, Methods, Method;
  std::optional<int> ClassPathWhenTrue;
};
struct YamlMacro {
  std::string Name, Via, Base, Registrar;
  unsigned Handler = 0;
  std::optional<int> Path, Methods;
  bool ClassPath = false;
};
struct YamlMiddlewareHost {
  std::string Template;
  std::vector<std::string> Methods;
};
struct YamlFactory {
  std::string Method;
  std::vector<std::string> Path, Methods;
};
struct YamlFramework {
  std::string Name;
  std::vector<std::string> HandlerMethods, TerminatingCoroutines;
  std::vector<YamlRoute> Routes;
  std::vector<YamlMacro> Macros;
  std::vector<YamlMiddlewareHost> Middlewares;
  std::vector<YamlFactory> Factories;
};
struct YamlBoundaries {
  std::vector<YamlFramework> Frameworks;
};
} // namespace

LLVM_YAML_IS_SEQUENCE_VECTOR(YamlRoute)
LLVM_YAML_IS_SEQUENCE_VECTOR(YamlMacro)
LLVM_YAML_IS_SEQUENCE_VECTOR(YamlMiddlewareHost)
LLVM_YAML_IS_SEQUENCE_VECTOR(YamlFramework)
LLVM_YAML_IS_SEQUENCE_VECTOR(YamlFactory)

namespace llvm::yaml {
template <> struct MappingTraits<YamlRoute> {
  static void mapping(IO &IO, YamlRoute &R) {
    IO.mapRequired("call", R.Call);
    IO.mapOptional("handler", R.Handler);
    IO.mapOptional("path", R.Path);
    IO.mapOptional("methods", R.Methods);
    IO.mapOptional("method", R.Method);
    IO.mapOptional("class-path-when-true", R.ClassPathWhenTrue);
  }
};
template <> struct MappingTraits<YamlMacro> {
  static void mapping(IO &IO, YamlMacro &M) {
    IO.mapRequired("name", M.Name);
    IO.mapRequired("via", M.Via);
    IO.mapRequired("base", M.Base);
    IO.mapRequired("registrar", M.Registrar);
    IO.mapOptional("handler", M.Handler);
    IO.mapOptional("path", M.Path);
    IO.mapOptional("methods", M.Methods);
    IO.mapOptional("class-path", M.ClassPath);
  }
};
template <> struct MappingTraits<YamlMiddlewareHost> {
  static void mapping(IO &IO, YamlMiddlewareHost &H) {
    IO.mapRequired("template", H.Template);
    IO.mapRequired("methods", H.Methods);
  }
};
template <> struct MappingTraits<YamlFactory> {
  static void mapping(IO &IO, YamlFactory &F) {
    IO.mapRequired("method", F.Method);
    IO.mapOptional("path", F.Path);
    IO.mapOptional("methods", F.Methods);
  }
};
template <> struct MappingTraits<YamlFramework> {
  static void mapping(IO &IO, YamlFramework &F) {
    IO.mapRequired("name", F.Name);
    IO.mapOptional("handler-methods", F.HandlerMethods);
    IO.mapOptional("routes", F.Routes);
    IO.mapOptional("macros", F.Macros);
    IO.mapOptional("terminating-coroutines", F.TerminatingCoroutines);
    IO.mapOptional("middlewares", F.Middlewares);
    IO.mapOptional("factories", F.Factories);
  }
};
template <> struct MappingTraits<YamlBoundaries> {
  static void mapping(IO &IO, YamlBoundaries &B) { IO.mapRequired("frameworks", B.Frameworks); }
};
} // namespace llvm::yaml

namespace failguard {

namespace {

// The frameworks failguard knows, in the form users write theirs. Each
// entry was read off the framework's headers at the release named.
//
// drogon 1.9 (drogon/HttpFilter.h, HttpMiddleware.h, HttpSimpleController.h,
// WebSocketController.h, HttpController.h, HttpAppFramework.h, utils/coroutine.h):
// filters, middlewares and simple/WebSocket controllers override the
// framework's per-request virtual methods; METHOD_ADD, ADD_METHOD_TO and
// ADD_METHOD_VIA_REGEX expand to registerMethod / registerMethodViaRegex in
// the static initPathRouting() (METHOD_ADD passes classNameInPath = true:
// the path is under /namespace/Class/); app().registerHandler(path,
// handler, constraints); AsyncTask's promise calls std::terminate.
// Crow 1.3 (crow/app.h, routing.h, websocket.h, middleware.h): CROW_ROUTE(app,
// url) is app.route<tag>(url), CROW_BP_ROUTE(bp, url) bp.new_rule_tagged<tag>(url),
// route_dynamic(url) and catchall_route(); the rule's methods(...) names the
// HTTP methods and its operator() takes the handler; CROW_WEBSOCKET_ROUTE's
// rule takes onopen/onmessage/onclose/onerror/onaccept callbacks; the
// middlewares of crow::Crow<M...> (App, SimpleApp) run before_handle and
// after_handle around every request.
// Pistache 0.4 (pistache/router.h, http.h): Routes::Get(router, path,
// handler) and its siblings, Routes::bind and Routes::middleware wrap
// functions, Router's methods; Http::Handler::onRequest.
// Poco 1.11 (Net/HTTPRequestHandler.h, HTTPRequestHandlerFactory.h,
// HTTPRequest.h): handleRequest; the factory's createRequestHandler returns
// the handler for the request, often after comparing getURI() and
// getMethod() with literals.
constexpr llvm::StringLiteral BuiltinFrameworks = R"yaml(
frameworks:
  - name: drogon
    handler-methods:
      - drogon::HttpFilterBase::doFilter
      - drogon::HttpMiddlewareBase::invoke
      - drogon::HttpCoroFilter::doFilter
      - drogon::HttpCoroMiddleware::invoke
      - drogon::HttpSimpleControllerBase::asyncHandleHttpRequest
      - drogon::WebSocketControllerBase::handleNewMessage
      - drogon::WebSocketControllerBase::handleNewConnection
      - drogon::WebSocketControllerBase::handleConnectionClosed
    routes:
      - {call: drogon::HttpController::registerMethod, handler: 0, path: 1, methods: 2, class-path-when-true: 3}
      - {call: drogon::HttpController::registerMethodViaRegex, handler: 0, path: 1, methods: 2}
      - {call: drogon::HttpAppFramework::registerHandler, handler: 1, path: 0, methods: 2}
      - {call: drogon::HttpAppFramework::registerHandlerViaRegex, handler: 1, path: 0, methods: 2}
    macros:
      - {name: METHOD_ADD, handler: 0, path: 1, methods: 2, class-path: true, via: drogon::HttpController::registerMethod, base: drogon::HttpController, registrar: initPathRouting}
      - {name: ADD_METHOD_TO, handler: 0, path: 1, methods: 2, via: drogon::HttpController::registerMethod, base: drogon::HttpController, registrar: initPathRouting}
      - {name: ADD_METHOD_VIA_REGEX, handler: 0, path: 1, methods: 2, via: drogon::HttpController::registerMethodViaRegex, base: drogon::HttpController, registrar: initPathRouting}
    terminating-coroutines: [drogon::AsyncTask]
  - name: crow
    routes:
      - {call: "crow::TaggedRule::operator()", path: chain, methods: chain}
      - {call: "crow::DynamicRule::operator()", path: chain, methods: chain}
      - {call: "crow::CatchallRule::operator()"}
      - {call: crow::WebSocketRule::onopen, path: chain}
      - {call: crow::WebSocketRule::onmessage, path: chain}
      - {call: crow::WebSocketRule::onclose, path: chain}
      - {call: crow::WebSocketRule::onerror, path: chain}
      - {call: crow::WebSocketRule::onaccept, path: chain}
    middlewares:
      - {template: crow::Crow, methods: [before_handle, after_handle]}
  - name: poco
    handler-methods: [Poco::Net::HTTPRequestHandler::handleRequest]
    factories:
      - {method: Poco::Net::HTTPRequestHandlerFactory::createRequestHandler,
         path: [Poco::Net::HTTPRequest::getURI], methods: [Poco::Net::HTTPRequest::getMethod]}
  - name: pistache
    handler-methods: [Pistache::Http::Handler::onRequest]
    routes:
      - {call: Pistache::Rest::Routes::bind}
      - {call: Pistache::Rest::Routes::Get, handler: 2, path: 1, method: GET}
      - {call: Pistache::Rest::Routes::Post, handler: 2, path: 1, method: POST}
      - {call: Pistache::Rest::Routes::Put, handler: 2, path: 1, method: PUT}
      - {call: Pistache::Rest::Routes::Patch, handler: 2, path: 1, method: PATCH}
      - {call: Pistache::Rest::Routes::Delete, handler: 2, path: 1, method: DELETE}
      - {call: Pistache::Rest::Routes::Options, handler: 2, path: 1, method: OPTIONS}
      - {call: Pistache::Rest::Routes::Head, handler: 2, path: 1, method: HEAD}
      - {call: Pistache::Rest::Routes::NotFound}
      - {call: Pistache::Rest::Router::get, handler: 1, path: 0, method: GET}
      - {call: Pistache::Rest::Router::post, handler: 1, path: 0, method: POST}
      - {call: Pistache::Rest::Router::put, handler: 1, path: 0, method: PUT}
      - {call: Pistache::Rest::Router::patch, handler: 1, path: 0, method: PATCH}
      - {call: Pistache::Rest::Router::del, handler: 1, path: 0, method: DELETE}
      - {call: Pistache::Rest::Router::options, handler: 1, path: 0, method: OPTIONS}
      - {call: Pistache::Rest::Router::head, handler: 1, path: 0, method: HEAD}
      - {call: Pistache::Rest::Router::addRoute, handler: 2, path: 1, methods: 0}
      - {call: Pistache::Rest::Router::addCustomHandler}
      - {call: Pistache::Rest::Router::addNotFoundHandler}
      - {call: Pistache::Rest::Routes::middleware}
      - {call: Pistache::Rest::Router::addMiddleware}
)yaml";

llvm::Error invalid(llvm::StringRef Source, const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Source + ": " + Why);
}

llvm::Expected<ArgumentRef> argumentRef(llvm::StringRef Text, llvm::StringRef Source,
                                        llvm::StringRef Field, bool ChainAllowed) {
  ArgumentRef Ref;
  if (Text.empty())
    return Ref;
  if (Text == "any" && Field == "handler") {
    Ref.What = ArgumentRef::Any;
    return Ref;
  }
  if (Text == "chain" && ChainAllowed) {
    Ref.What = ArgumentRef::Chain;
    return Ref;
  }
  unsigned Position = 0;
  if (Text.getAsInteger(10, Position) || Position > 64)
    return invalid(Source, "'" + Field + ": " + Text + "' is not an argument index" +
                               (ChainAllowed ? ", 'chain'" : "") +
                               (Field == "handler" ? " or 'any'" : ""));
  Ref.What = ArgumentRef::Index;
  Ref.Position = Position;
  return Ref;
}

llvm::Error checkName(llvm::StringRef Name, llvm::StringRef Source, llvm::StringRef What) {
  // A routing call may be an operator: `crow::TaggedRule::operator()`.
  llvm::StringRef Scope = Name;
  if (size_t Operator = Name.rfind("::operator"); Operator != llvm::StringRef::npos &&
                                                  Name.size() > Operator + 10)
    Scope = Name.take_front(Operator);
  if (isValidQualifiedName(Scope))
    return llvm::Error::success();
  return invalid(Source, "'" + Name + "' is not a qualified " + What + " name");
}

llvm::Expected<Framework> convert(const YamlFramework &In, llvm::StringRef Source) {
  Framework Out;
  Out.Name = In.Name;
  if (Out.Name.empty())
    return invalid(Source, "a framework without a name");
  for (const std::string &Method : In.HandlerMethods) {
    if (llvm::Error E = checkName(Method, Source, "method"))
      return std::move(E);
    Out.HandlerMethods.push_back(llvm::StringRef(Method).ltrim(':').str());
  }
  for (const YamlRoute &R : In.Routes) {
    RouteCall Route;
    Route.Call = llvm::StringRef(R.Call).ltrim(':').str();
    if (llvm::Error E = checkName(Route.Call, Source, "function"))
      return std::move(E);
    auto Handler = argumentRef(R.Handler, Source, "handler", false);
    auto Path = argumentRef(R.Path, Source, "path", true);
    auto Methods = argumentRef(R.Methods, Source, "methods", true);
    if (!Handler)
      return Handler.takeError();
    if (!Path)
      return Path.takeError();
    if (!Methods)
      return Methods.takeError();
    Route.Handler = *Handler;
    Route.Path = *Path;
    Route.Methods = *Methods;
    Route.Method = llvm::StringRef(R.Method).upper();
    Route.ClassPathWhenTrue = R.ClassPathWhenTrue.value_or(-1);
    Out.Routes.push_back(std::move(Route));
  }
  for (const YamlMacro &M : In.Macros) {
    if (M.Name.empty() || !llvm::all_of(M.Name, [](char C) { return llvm::isAlnum(C) || C == '_'; }))
      return invalid(Source, "'" + M.Name + "' is not a macro name");
    for (const std::string *Name : {&M.Via, &M.Base})
      if (llvm::Error E = checkName(*Name, Source, "function or class"))
        return std::move(E);
    Out.Macros.push_back({M.Name, M.Handler, M.Path.value_or(-1), M.Methods.value_or(-1),
                          llvm::StringRef(M.Via).ltrim(':').str(),
                          llvm::StringRef(M.Base).ltrim(':').str(), M.Registrar, M.ClassPath});
  }
  for (const std::string &Type : In.TerminatingCoroutines) {
    if (llvm::Error E = checkName(Type, Source, "class"))
      return std::move(E);
    Out.TerminatingCoroutines.push_back(llvm::StringRef(Type).ltrim(':').str());
  }
  for (const YamlMiddlewareHost &H : In.Middlewares) {
    if (llvm::Error E = checkName(H.Template, Source, "class template"))
      return std::move(E);
    Out.Middlewares.push_back({llvm::StringRef(H.Template).ltrim(':').str(), H.Methods});
  }
  for (const YamlFactory &F : In.Factories) {
    HandlerFactory Factory;
    if (llvm::Error E = checkName(F.Method, Source, "method"))
      return std::move(E);
    Factory.Method = llvm::StringRef(F.Method).ltrim(':').str();
    for (auto [From, To] : {std::pair(&F.Path, &Factory.PathCalls),
                            std::pair(&F.Methods, &Factory.MethodCalls)})
      for (const std::string &Call : *From) {
        if (llvm::Error E = checkName(Call, Source, "function"))
          return std::move(E);
        To->push_back(llvm::StringRef(Call).ltrim(':').str());
      }
    Out.Factories.push_back(std::move(Factory));
  }
  return Out;
}

} // namespace

const BoundaryModel &BoundaryModel::builtin() {
  static const BoundaryModel Model = [] {
    BoundaryModel Built;
    if (llvm::Error E = Built.addFromYAML(BuiltinFrameworks, "<built-in boundaries>"))
      llvm::report_fatal_error(std::move(E));
    return Built;
  }();
  return Model;
}

llvm::Error BoundaryModel::addFromYAML(llvm::StringRef Buffer, llvm::StringRef SourceName) {
  std::string FirstError;
  auto Handler = [](const llvm::SMDiagnostic &D, void *Ctx) {
    auto &Out = *static_cast<std::string *>(Ctx);
    if (Out.empty())
      Out = (llvm::Twine(D.getLineNo()) + ":" + llvm::Twine(D.getColumnNo() + 1) + ": " +
             D.getMessage())
                .str();
  };
  YamlBoundaries Parsed;
  llvm::yaml::Input In(Buffer, nullptr, Handler, &FirstError);
  In >> Parsed;
  if (In.error())
    return invalid(SourceName, FirstError.empty() ? "0: malformed YAML" : FirstError);
  std::vector<Framework> Added;
  for (const YamlFramework &F : Parsed.Frameworks) {
    auto Converted = convert(F, SourceName);
    if (!Converted)
      return Converted.takeError();
    Added.push_back(std::move(*Converted));
  }
  for (Framework &F : Added)
    Frameworks.push_back(std::move(F));
  return llvm::Error::success();
}

llvm::Error BoundaryModel::addFromFile(llvm::StringRef Path) {
  ReadLimits Limits;
  Limits.MaxBytes = MaxBoundaryFileBytes;
  auto Buffer = readRegularFile(Path, Limits);
  if (!Buffer)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot read boundary model file " +
                                       llvm::toString(Buffer.takeError()));
  return addFromYAML((*Buffer)->getBuffer(), Path);
}

std::vector<std::string> BoundaryModel::handlerMethods() const {
  std::vector<std::string> Methods;
  for (const Framework &F : Frameworks)
    Methods.insert(Methods.end(), F.HandlerMethods.begin(), F.HandlerMethods.end());
  return Methods;
}

const RouteCall *BoundaryModel::route(llvm::StringRef QualifiedName) const {
  for (const Framework &F : Frameworks)
    for (const RouteCall &R : F.Routes)
      if (R.Call == QualifiedName)
        return &R;
  return nullptr;
}

llvm::StringRef BoundaryModel::frameworkOf(llvm::StringRef QualifiedName) const {
  for (const Framework &F : Frameworks) {
    if (llvm::is_contained(F.HandlerMethods, QualifiedName))
      return F.Name;
    for (const RouteCall &R : F.Routes)
      if (R.Call == QualifiedName)
        return F.Name;
    for (const RouteMacro &M : F.Macros)
      if (M.Via == QualifiedName)
        return F.Name;
    for (const HandlerFactory &H : F.Factories)
      if (H.Method == QualifiedName)
        return F.Name;
  }
  return "";
}

std::string BoundaryModel::fingerprint() const {
  std::string Out;
  auto Ref = [](const ArgumentRef &A) { return std::to_string(A.What) + "." + std::to_string(A.Position); };
  for (const Framework &F : Frameworks) {
    Out += F.Name + "{" + llvm::join(F.HandlerMethods, ",") + "|";
    for (const RouteCall &R : F.Routes)
      Out += R.Call + "(" + Ref(R.Handler) + "," + Ref(R.Path) + "," + Ref(R.Methods) + "," +
             R.Method + "," + std::to_string(R.ClassPathWhenTrue) + ")";
    Out += "|";
    for (const RouteMacro &M : F.Macros)
      Out += M.Name + "(" + std::to_string(M.Handler) + "," + std::to_string(M.Path) + "," +
             std::to_string(M.Methods) + "," + M.Via + "," + M.Base + "," + M.Registrar + "," +
             (M.ClassPath ? "1" : "0") + ")";
    Out += "|" + llvm::join(F.TerminatingCoroutines, ",") + "|";
    for (const MiddlewareHost &H : F.Middlewares)
      Out += H.Template + "(" + llvm::join(H.Methods, ",") + ")";
    Out += "|";
    for (const HandlerFactory &H : F.Factories)
      Out += H.Method + "(" + llvm::join(H.PathCalls, ",") + ";" + llvm::join(H.MethodCalls, ",") + ")";
    Out += "}";
  }
  return Out;
}

} // namespace failguard
