// The request boundaries of one translation unit, found with a BoundaryModel.
#ifndef FAILGUARD_LIB_BOUNDARIES_H
#define FAILGUARD_LIB_BOUNDARIES_H

#include "lib/BoundaryModel.h"
#include "lib/NullableTypes.h"

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/GlobPattern.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CallExpr;
class CXXMethodDecl;
class CXXRecordDecl;
class FunctionDecl;
} // namespace clang

namespace failguard {

class StoredCallables;

/// Which functions must not let an exception escape besides the frameworks'
/// handlers: the escape check's options.
struct BoundaryPolicy {
  /// Virtual methods whose overrides are request handlers (the frameworks'
  /// by default; the RequestHandlers option replaces them).
  std::vector<std::string> HandlerMethods;
  /// Functions (or methods they override) named by these patterns.
  std::vector<llvm::GlobPattern> Configured;
  bool Destructors = true;
  bool NoexceptFunctions = true;
  bool NullableReturns = true;
};

/// Why a function must not let an exception escape.
struct Boundary {
  enum Kind {
    Registered,   // a routing call or macro registers it; Via names the call
    Override,     // it overrides a framework's per-request method
    Middleware,   // a middleware's per-request method; Via names the host template
    Coroutine,    // a coroutine whose promise terminates; Via names its return type
    Configured,   // BoundaryFunctions
    Destructor,
    Noexcept,
    NullableReturn,
  } What;
  std::string Via;
  std::string Framework;
};

/// A request handler a routing call or macro registers, with what the code
/// says of the route.
struct RouteRegistration {
  const clang::FunctionDecl *Handler = nullptr; // canonical declaration
  std::string Framework;
  std::string Via;
  std::string Path;                  // as written; empty when the code does not say
  std::vector<std::string> Methods;  // upper case ("GET"); empty: not said
  clang::SourceLocation At;          // the routing call or macro
};

/// Finds the boundaries of one translation unit: the handlers its routing
/// calls and registration macros register (told by scan()), the overrides of
/// the frameworks' per-request methods (also through the dependent bases of
/// class templates), middlewares, terminating coroutines, and the policy's
/// own kinds. Emits nothing.
class BoundaryFinder {
public:
  BoundaryFinder(clang::ASTContext &Ctx, const BoundaryModel &Model, StoredCallables &Stores);
  ~BoundaryFinder();

  /// Tell the finder about every call of the unit outside system headers
  /// (template instantiations included) and every function definition, in
  /// any order, before asking boundaryOf().
  void sawCall(const clang::CallExpr &Call);
  void sawDefinition(const clang::FunctionDecl &FD);

  /// Why \p FD must not let an exception escape, or nothing.
  std::optional<Boundary> boundaryOf(const clang::FunctionDecl &FD, const BoundaryPolicy &Policy,
                                     const NullableTypes &Nullable);

  /// Every registration found so far, in source order of the routing calls.
  const std::vector<RouteRegistration> &registrations() const { return Registrations; }

private:
  void registerHandlers(const clang::CallExpr &Call, const RouteCall &Route);
  void dependentRegistrations(const clang::FunctionDecl &FD);
  void skippedRegistrations(const clang::CXXRecordDecl &Class);
  void factoryRegistrations(const clang::CXXMethodDecl &Factory, const Framework &F,
                            const HandlerFactory &Model);
  bool isMiddlewareMethod(const clang::CXXMethodDecl &Method, std::string &Host);
  void add(const clang::FunctionDecl &Handler, const RouteRegistration &Route);

  clang::ASTContext &Ctx;
  const BoundaryModel &Model;
  StoredCallables &Stores;
  std::vector<RouteRegistration> Registrations;
  /// Registered handler (canonical declaration) -> its first registration.
  llvm::DenseMap<const clang::FunctionDecl *, size_t> ByHandler;
  llvm::DenseSet<const clang::CXXRecordDecl *> MacroScanned;
  /// A routing call given as another's handler argument (Pistache's
  /// `Routes::Get(router, path, Routes::bind(...))`) registers under the
  /// outer call's route.
  llvm::DenseMap<const clang::CallExpr *, RouteRegistration> Enclosing;
  /// Middleware classes -> the host template that runs them; built once.
  std::optional<llvm::DenseMap<const clang::CXXRecordDecl *, std::string>> Middlewares;
};

} // namespace failguard

#endif
