// Where requests enter a program: web frameworks described as data.
#ifndef FAILGUARD_LIB_BOUNDARYMODEL_H
#define FAILGUARD_LIB_BOUNDARYMODEL_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <string>
#include <vector>

namespace failguard {

/// Which argument of a routing call (or macro) holds something: its index,
/// Any (every callable argument: the handler), Chain (the calls its object
/// was made by: `app.route("/x").methods(...)(handler)`), or None.
struct ArgumentRef {
  enum Kind { None, Index, Any, Chain } What = None;
  unsigned Position = 0;
};

/// A call that registers request handlers.
struct RouteCall {
  /// The routing function's qualified name (`crow::TaggedRule::operator()`).
  std::string Call;
  /// The handler: an argument, or every callable argument (Any).
  ArgumentRef Handler{ArgumentRef::Any, 0};
  /// The route path literal, where the code says it.
  ArgumentRef Path;
  /// The HTTP methods: an argument (enumerators, string literals, or a list
  /// of them), or Chain: the arguments of a call named `methods` on the chain.
  ArgumentRef Methods;
  /// The one HTTP method the call registers for (`GET` for Pistache's
  /// Routes::Get); empty when Methods says it or the code does not.
  std::string Method;
  /// drogon's METHOD_ADD: when this argument is the literal `true`, the path
  /// is under the controller's class path (`/ns/Class/`). -1: never.
  int ClassPathWhenTrue = -1;
};

/// A macro that registers a member function of the class it is written in,
/// for a parse that skipped the body it expands into (clangd's preamble).
struct RouteMacro {
  std::string Name;
  unsigned Handler = 0;
  int Path = -1;
  int Methods = -1;
  /// The routing call it expands to, as findings name it.
  std::string Via;
  /// Only in classes derived from this class template; with the function
  /// (named Registrar) whose skipped body holds the registrations.
  std::string Base;
  std::string Registrar;
  bool ClassPath = false;
};

/// A class template whose type arguments are middlewares: their methods
/// named in Methods handle every request (`crow::App<Auth>`).
struct MiddlewareHost {
  std::string Template;
  std::vector<std::string> Methods;
};

/// A factory method that picks the request handler it returns (`return new
/// Handler`) by comparing what the request says with literals: Poco's
/// HTTPRequestHandlerFactory::createRequestHandler and `request.getURI() ==
/// "/login"`.
struct HandlerFactory {
  /// The virtual factory method; its overrides are read.
  std::string Method;
  /// Calls whose result is the route path compared (`getURI`).
  std::vector<std::string> PathCalls;
  /// Calls whose result is the HTTP method compared (`getMethod`).
  std::vector<std::string> MethodCalls;
};

/// One framework.
struct Framework {
  std::string Name;
  /// Virtual methods the framework calls for each request: their overrides
  /// are request handlers.
  std::vector<std::string> HandlerMethods;
  std::vector<RouteCall> Routes;
  std::vector<RouteMacro> Macros;
  /// Coroutine return types whose promise terminates the process when an
  /// exception reaches it.
  std::vector<std::string> TerminatingCoroutines;
  std::vector<MiddlewareHost> Middlewares;
  std::vector<HandlerFactory> Factories;
};

/// Boundary model files larger than this are refused.
constexpr uint64_t MaxBoundaryFileBytes = 1u << 20;

/// The frameworks failguard knows: built-in (drogon 1.9, Crow 1.3, Pistache
/// 0.4, Poco 1.11), in the same YAML form a user writes for their own
/// (docs/boundaries.md). Pure data; it emits nothing.
class BoundaryModel {
public:
  BoundaryModel() = default;
  static const BoundaryModel &builtin();

  /// Adds the frameworks of a YAML boundary model. The error is one line that
  /// names \p SourceName and the line of the first problem.
  llvm::Error addFromYAML(llvm::StringRef Buffer, llvm::StringRef SourceName);
  /// Reads \p Path (a regular file of at most MaxBoundaryFileBytes) and adds it.
  llvm::Error addFromFile(llvm::StringRef Path);

  const std::vector<Framework> &frameworks() const { return Frameworks; }
  /// Every handler method of every framework.
  std::vector<std::string> handlerMethods() const;
  /// The routing call named \p QualifiedName, or null.
  const RouteCall *route(llvm::StringRef QualifiedName) const;
  /// The framework a routing call or handler method belongs to.
  llvm::StringRef frameworkOf(llvm::StringRef QualifiedName) const;

  /// Text that changes whenever the model does (for cache keys).
  std::string fingerprint() const;

private:
  std::vector<Framework> Frameworks;
};

} // namespace failguard

#endif
