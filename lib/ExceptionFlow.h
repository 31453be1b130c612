// Which modelled exceptions escape a function, through which calls.
#ifndef FAILGUARD_LIB_EXCEPTIONFLOW_H
#define FAILGUARD_LIB_EXCEPTIONFLOW_H

#include "lib/ApiModel.h"
#include "lib/BodyWalker.h"
#include "lib/StoredCallables.h"
#include "lib/SummaryIndex.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include <memory>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CallExpr;
class CXXCatchStmt;
class CXXRecordDecl;
class Expr;
class FunctionDecl;
} // namespace clang

namespace failguard {

/// A modelled exception that leaves a function.
struct Escape {
  /// The exception's class as it leaves the function (a handler that
  /// rethrows its parameter by name slices it to the caught type); null when
  /// the translation unit does not declare the class a model names.
  const clang::CXXRecordDecl *Type;
  /// Its qualified name, always set.
  std::string TypeName;
  /// The call in the function through which it leaves.
  const clang::Expr *Site;
  /// The function called at Site.
  const clang::FunctionDecl *Callee;
  /// The modelled auth/decode function the exception comes from; null when
  /// it is called in another translation unit (Remote).
  const clang::FunctionDecl *Api;
  /// Index of the escape from Callee that this one continues; -1 when Site
  /// is the call of the modelled function itself, or of a function defined in
  /// another translation unit (Remote).
  int CalleeEscape;
  /// How many calls lie between Site and the modelled call (0: Site is it).
  unsigned Depth = 0;
  /// The modelled function's qualified name, always set.
  std::string ApiName;
  /// At a call of a function this translation unit does not define: the
  /// path beyond it, from the project index.
  const RemoteEscape *Remote = nullptr;
};

/// A call of a modelled function written in a function's own body.
struct ModelledCall {
  const clang::Expr *Site;
  const clang::FunctionDecl *Api;
};

/// A modelled exception that a handler in the function's own body stops
/// (catches and does not rethrow) at a call: of the modelled function itself
/// (Callee == Api) or of a function it escapes from.
struct HandledAt {
  const clang::Expr *Site;
  const clang::FunctionDecl *Callee;
  const clang::FunctionDecl *Api; // null when called in another unit
  const clang::CXXRecordDecl *Type; // null when undeclared, as in Escape
  std::string TypeName;
  const clang::CXXCatchStmt *Handler;
  std::string ApiName;
};

/// A call of a function that is not modelled, with the try blocks around it
/// (recorded for the project index only).
struct UserCall {
  const clang::Expr *Site;
  const clang::FunctionDecl *Callee;
  llvm::SmallVector<TryScope, 2> Tries;
};

/// A call written in a function's own body, as the walk met it: every call
/// and construction, in source order, for the comparisons with a baseline.
struct CallRecord {
  const clang::Expr *Site;
  const clang::FunctionDecl *Callee; // null for an unresolved call
  /// The innermost statement of a block around the call.
  const clang::Stmt *Statement;
  llvm::SmallVector<TryScope, 2> Tries;
};

/// What the analysis knows about one function.
struct FunctionSummary {
  std::vector<Escape> Escapes;
  std::vector<ModelledCall> Calls;
  std::vector<HandledAt> Handled;
  std::vector<CallRecord> Sites;
  /// Only with ExceptionFlow::recordUserCalls.
  std::vector<UserCall> UserCalls;
};

/// What a function's handlers do with an exception at one call.
struct Resolution {
  /// The handler that stops it, or null when it leaves the function.
  const clang::CXXCatchStmt *Handler = nullptr;
  /// The class it leaves as (null when undeclared), and its name.
  const clang::CXXRecordDecl *Type = nullptr;
  std::string TypeName;
};

/// Interprocedural, per translation unit: for each function, the modelled
/// exceptions that may escape it, taking into account try blocks (nested,
/// function-try-blocks with the implicit rethrow of constructors and
/// destructors), handlers matched through the real class hierarchy,
/// `catch (...)`, handlers that rethrow, and the summaries of the functions
/// it calls. Lambdas are functions of their own. Function templates are
/// analysed on their pattern, where dependent calls to modelled names count.
/// A handler catches a class through an unambiguous public base only, as in
/// C++; a modelled exception class the translation unit does not declare is
/// matched by name (see KnownExceptions). Default member initialisers count
/// for the constructors that use them.
///
/// The call graph is walked without recursion: a function's callees are
/// summarised first, and the functions of a recursive cycle (a strongly
/// connected component) together, to a fixpoint, so that no result depends
/// on declaration order or on the depth of a call chain. Summaries are cached
/// per function once complete; the analysis emits nothing.
class ExceptionFlow {
public:
  ExceptionFlow(const ApiModel &Model, clang::ASTContext &Ctx);
  ~ExceptionFlow();

  /// The summary of \p FD's definition (empty without a body).
  const FunctionSummary &summary(const clang::FunctionDecl &FD);

  /// The escapes of \p FD's definition in source order (empty without a body).
  const std::vector<Escape> &escapes(const clang::FunctionDecl &FD) { return summary(FD).Escapes; }

  /// The chain of escapes from \p E down to the call of the modelled function:
  /// the first element is \p E, the last one has CalleeEscape == -1.
  std::vector<const Escape *> path(const Escape &E);

  /// The class a model names, or null when this TU does not declare it.
  const clang::CXXRecordDecl *resolveType(llvm::StringRef Name);

  /// Whether \p Handler catches an exception of class \p Type (null when
  /// undeclared) named \p TypeName.
  static bool catches(const clang::CXXCatchStmt &Handler, const clang::CXXRecordDecl *Type,
                      llvm::StringRef TypeName);

  /// Whether \p Handler sends what it caught on (a bare `throw;`, or `throw
  /// e;` of its own parameter, outside nested handlers that stop it and
  /// lambdas), for an exception of the class it catches.
  static bool rethrows(const clang::CXXCatchStmt &Handler);

  /// What the try blocks \p Tries (innermost last) do with an exception of
  /// class \p Type (null when undeclared) named \p TypeName.
  static Resolution resolve(llvm::ArrayRef<TryScope> Tries, const clang::CXXRecordDecl *Type,
                            std::string TypeName);

  /// Consults \p View for the functions this translation unit calls but does
  /// not define (or whose bodies it skipped): their escapes join the
  /// summaries, with the path beyond the call in Escape::Remote.
  void setIndex(std::unique_ptr<IndexView> View) { Index = std::move(View); }
  IndexView *index() const { return Index.get(); }

  /// Records UserCalls in the summaries made from now on (the project index
  /// writer).
  void recordUserCalls() { RecordUserCalls = true; }

  /// The USR that names \p FD across translation units: a template
  /// specialisation's is its pattern's. Empty when it has none.
  const std::string &usrOf(const clang::FunctionDecl &FD);

  /// What \p Callee may throw according to the model, or null if unmodelled.
  const std::vector<std::string> *modelledThrows(const clang::FunctionDecl &Callee);

  /// The modelled constructor that a standard library call runs on its
  /// arguments: `std::make_unique<T>(args...)`, `std::make_shared<T>`,
  /// `std::allocate_shared<T>(alloc, args...)`, `std::make_optional<T>`, and
  /// `emplace`, `emplace_back` and `emplace_front` of `std::optional` and the
  /// standard containers (T: their value_type). Null when T has no modelled
  /// constructor taking that many arguments, or the one argument is a T (a
  /// copy or a move). Their bodies are in system headers, which the analysis
  /// does not enter.
  const clang::FunctionDecl *forwardedConstructor(const clang::CallExpr &Call);

  /// Whether the body of \p FD is analysed when a call reaches it: user code
  /// with a body; not system headers, where the models stand for the code.
  bool isAnalysable(const clang::FunctionDecl &FD) const;

  const ApiModel &model() const { return Model; }
  clang::ASTContext &context() const { return Ctx; }
  /// What calls through std::function fields and variables may run.
  StoredCallables &stores() { return Stored; }

private:
  friend class FunctionWalker;

  /// The analysable functions \p Def calls whose escapes its summary needs.
  std::vector<const clang::FunctionDecl *> calleesOf(const clang::FunctionDecl &Def);
  /// Summarises \p Root and every function it reaches that has no summary yet.
  void solve(const clang::FunctionDecl *Root);
  void solveComponent(llvm::ArrayRef<const clang::FunctionDecl *> Members, bool Recursive);
  std::unique_ptr<FunctionSummary> walk(const clang::FunctionDecl &Def);
  /// The summary being built or already built for \p Def; empty otherwise.
  const FunctionSummary &known(const clang::FunctionDecl &Def) const;

  const ApiModel &Model;
  clang::ASTContext &Ctx;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionSummary>> Summaries;
  llvm::DenseMap<const clang::FunctionDecl *, const std::vector<std::string> *> ModelCache;
  llvm::StringMap<const clang::CXXRecordDecl *> TypeCache;
  /// Exception names in the order the analysis first met them: the order of
  /// a recursive cycle's escapes at one call, as elsewhere.
  llvm::StringMap<unsigned> TypeRank;
  FunctionSummary Empty;
  std::unique_ptr<IndexView> Index;
  bool RecordUserCalls = false;
  llvm::DenseMap<const clang::FunctionDecl *, std::string> Usrs;
  /// What calls through std::function fields and variables may run.
  StoredCallables Stored;
};

} // namespace failguard

#endif
