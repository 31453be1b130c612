// Which lambdas and functions a call through a std::function field or variable may run.
#ifndef FAILGUARD_LIB_STOREDCALLABLES_H
#define FAILGUARD_LIB_STOREDCALLABLES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace clang {
class ASTContext;
class CallExpr;
class Expr;
class FunctionDecl;
class ValueDecl;
} // namespace clang

namespace failguard {

/// The function an expression names as a callable: a lambda (also once
/// converted to std::function), `&Class::method`, `&function` or `function`,
/// or the callable a `std::bind` / `std::bind_front` call binds (its first
/// argument); null for anything else.
const clang::FunctionDecl *callableOf(const clang::Expr *E);

class StoredCallables;

/// What an argument of a routing call registers (appended to \p Out):
/// - callableOf(E);
/// - a functor object: its class's call operators;
/// - a variable (possibly through std::move): a lambda variable's, a const
///   variable's or a reference's initialiser, and every lambda or function
///   the translation unit stores into a std::function or function pointer
///   variable (see StoredCallables);
/// - a parameter of the function the call is in: what every call of that
///   function in the translation unit passes for it;
/// - a call of a function defined in the repository (a helper that builds
///   the handler): what its return statements return.
/// The last three follow each other a few levels deep at most.
void registeredCallables(const clang::Expr *E, StoredCallables &Stores,
                         llvm::SmallVectorImpl<const clang::FunctionDecl *> &Out);

/// The lambdas and functions that the translation unit stores into each
/// std::function field or variable outside system headers: in a variable's
/// initialiser, in aggregate initialisation (`Route{"/login", [](...) {...}}`,
/// also as an element of a table), in a default member initialiser, in a
/// constructor's member initialiser and by assignment. A call through such a
/// field (of any object) or variable may run any of them: route tables keep
/// their handlers this way. Built on the first question, once per unit.
class StoredCallables {
public:
  explicit StoredCallables(clang::ASTContext &Ctx) : Ctx(Ctx) {}

  /// What \p Call may run when it calls std::function's operator() on a field
  /// or a variable; empty otherwise.
  llvm::ArrayRef<const clang::FunctionDecl *> calledThrough(const clang::CallExpr &Call);

  /// What the translation unit stores into the std::function field or
  /// variable \p Store (a variable by its canonical declaration), or into
  /// the function pointer variable \p Store.
  llvm::ArrayRef<const clang::FunctionDecl *> storedIn(const clang::ValueDecl *Store);

  /// The calls of \p Callee (any declaration) outside system headers.
  llvm::ArrayRef<const clang::CallExpr *> callsOf(const clang::FunctionDecl &Callee);

  clang::ASTContext &context() const { return Ctx; }

private:
  friend class StoreCollector;
  void record(const clang::ValueDecl *Store, const clang::Expr *Value);

  clang::ASTContext &Ctx;
  bool Indexed = false;
  llvm::DenseMap<const clang::ValueDecl *, llvm::SmallVector<const clang::FunctionDecl *, 2>>
      Stores;
  llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallVector<const clang::CallExpr *, 2>> Calls;
};

} // namespace failguard

#endif
