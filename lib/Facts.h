// Per-function facts of a translation unit, as compared with a baseline.
#ifndef FAILGUARD_LIB_FACTS_H
#define FAILGUARD_LIB_FACTS_H

#include "lib/ExceptionFlow.h"
#include "lib/NullableTypes.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CXXCatchStmt;
class CXXRecordDecl;
class Decl;
class FunctionDecl;
class LambdaExpr;
class SourceLocation;
} // namespace clang

namespace failguard {

/// A call in a function's own body that the comparison follows: of a modelled
/// function, of a function a modelled exception may escape from, or (at the
/// baseline only when a handler of a modelled exception type surrounds it) of a
/// repository function whose body the translation unit does not have.
struct CallFact {
  std::string Callee;    // qualified name
  std::string Arguments; // normalised text, see FactsCollector::callSites
  bool Opaque = false;   // the callee's body is not in the translation unit
  /// A hash of the statement the call is in: among calls with equal callee
  /// and arguments, it tells which one kept its place.
  std::string Context;
};

/// One handler that stopped modelled exceptions at one call.
struct HandledFact {
  unsigned Call = 0; // index into the function's Calls
  /// The modelled function the exceptions come from; empty at an opaque call,
  /// where Types holds the handler's own caught class.
  std::string Api;
  std::vector<std::string> Types; // qualified exception class names
  std::string HandlerFile;
  unsigned HandlerLine = 0;
};

/// A modelled exception that leaves a function: (modelled function, class).
struct EscapeFact {
  std::string Api;
  std::string Type;
  bool operator==(const EscapeFact &O) const { return Api == O.Api && Type == O.Type; }
};

/// A function (or a lambda body) declared in the repository.
struct FunctionFact {
  std::string Key;       // see FactsCollector::functionKey
  std::string Name;      // qualified, for messages and name matching; empty for a lambda
  std::string Lambda;    // a lambda's identity (FactsCollector::lambdaIdentity)
  std::string Signature; // parameter types and qualifiers: "(const std::string &) const"
  ReturnClass Class = ReturnClass::Plain;
  /// The return type as written and desugared (`auto` deduced); kept only
  /// when Class is not Plain, the only case a check reads them.
  std::string ReturnWritten;
  std::string ReturnDesugared;
  std::string File; // relative to the repository root
  unsigned Line = 0;
  std::string BodyHash; // of the definition's text, white space ignored
  std::vector<CallFact> Calls;
  std::vector<HandledFact> Handled;
  std::vector<EscapeFact> Escapes;
};

struct TranslationUnitFacts {
  std::vector<FunctionFact> Functions;
};

/// A hash of \p FD's definition as written, white space ignored; empty when
/// \p FD is not a definition.
std::string bodyHash(const clang::FunctionDecl &FD);

/// The JSON form of the facts (a string table and positional arrays: cache
/// entries stay small). factsFromJSON rejects any other format version.
llvm::json::Value toJSON(const TranslationUnitFacts &Facts);
llvm::Expected<TranslationUnitFacts> factsFromJSON(const llvm::json::Value &Value);

/// Pairs the baseline's calls with the current ones the way `git diff` pairs
/// lines: a longest common subsequence of equal (callee, arguments) pairs,
/// preferring pairs whose statement is unchanged too, the earliest on ties; then, between two paired calls, the remaining calls of
/// the same callee in order.
struct CallAlignment {
  /// Partner[I]: the index in Now of Before[I]'s partner, or -1.
  std::vector<int> Partner;
  /// Exact[I]: the partners have equal callee, arguments and enclosing
  /// statement (not only the same callee, or the same call text in another
  /// statement, as an inserted copy of the call would have).
  std::vector<bool> Exact;
};
CallAlignment alignCalls(llvm::ArrayRef<CallFact> Before, llvm::ArrayRef<CallFact> Now);

/// A call site of the current translation unit, as CallFact describes it.
struct CallSite {
  const clang::Expr *Site = nullptr;
  CallFact Fact;
  /// At an opaque call: the handlers around it (innermost first) that do not
  /// rethrow, and the class each catches (null for `catch (...)`).
  llvm::SmallVector<std::pair<const clang::CXXCatchStmt *, const clang::CXXRecordDecl *>, 2>
      Handlers;
};

/// Collects the facts of the functions declared in the repository. The same
/// keys and call lists serve the current translation unit, so the checks can
/// compare both sides.
class FactsCollector {
public:
  /// \p RelativePath maps a file path to its path in the repository, or
  /// nothing for files outside it.
  FactsCollector(clang::ASTContext &Ctx, ExceptionFlow &Flow, const NullableTypes &Nullable,
                 std::function<std::optional<std::string>(llvm::StringRef)> RelativePath);
  ~FactsCollector();

  TranslationUnitFacts collect();

  /// The functions (and lambda bodies) declared in the repository, outside
  /// template instantiations, in declaration order.
  const std::vector<const clang::FunctionDecl *> &repositoryFunctions();

  /// A stable key for a function: its USR (a template by name and parameters).
  /// A lambda is keyed by its enclosing function's key and lambdaIdentity().
  std::string functionKey(const clang::FunctionDecl &FD);

  /// What a lambda is, independent of where it sits: `=name` for the variable,
  /// field or parameter it initialises; `@callee("literal",...)` for the call
  /// it is passed to, with that call's literal arguments (a route path);
  /// `?` otherwise. A `/N` suffix numbers lambdas of equal identity in one
  /// function, in order.
  std::string lambdaIdentity(const clang::FunctionDecl &Lambda);

  /// "(const std::string &) const noexcept"
  std::string signature(const clang::FunctionDecl &FD);

  /// The calls of \p FD's body the comparison follows, in source order, with
  /// every opaque call (the baseline keeps only handled ones).
  const std::vector<CallSite> &callSites(const clang::FunctionDecl &FD);

  /// The repository-relative file of \p Loc, or nothing outside the repository.
  std::optional<std::string> repositoryFile(clang::SourceLocation Loc);

  /// Whether \p D is a function facts are collected for.
  bool isRepositoryFunction(const clang::FunctionDecl &FD);

  /// Whether a handler of \p Caught is evidence of modelled exceptions: it is a
  /// modelled exception class or a base class of one.
  bool catchesModelledType(const clang::CXXRecordDecl &Caught);

  ExceptionFlow &flow() { return Flow; }

private:
  std::optional<FunctionFact> factOf(const clang::FunctionDecl &FD);
  const llvm::DenseMap<const clang::CXXRecordDecl *, std::string> &
  lambdaIdentities(const clang::FunctionDecl *Enclosing);

  std::optional<std::vector<const clang::FunctionDecl *>> Functions;

  clang::ASTContext &Ctx;
  ExceptionFlow &Flow;
  const NullableTypes &Nullable;
  std::function<std::optional<std::string>(llvm::StringRef)> RelativePath;
  llvm::DenseMap<unsigned, std::optional<std::string>> FileCache;
  llvm::DenseMap<const clang::Decl *, std::string> KeyCache;
  // Per enclosing function (null: namespace scope), lambda class -> identity.
  llvm::DenseMap<const clang::FunctionDecl *,
                 llvm::DenseMap<const clang::CXXRecordDecl *, std::string>>
      LambdaCache;
  llvm::DenseMap<const clang::FunctionDecl *, std::vector<CallSite>> CallCache;
  llvm::DenseMap<const clang::CXXRecordDecl *, bool> ModelledBaseCache;
  std::optional<std::vector<const clang::CXXRecordDecl *>> ModelledTypes;
};

/// Which baseline function a current one is: the same key (USR); else the
/// same qualified name when, after the equal keys, one function of that name
/// is left on each side; among overloads, the pairs most alike in parameter
/// types and calls. A lambda is its enclosing function's lambda with the same
/// identity, else the one lambda left on each side.
class FunctionMatcher {
public:
  FunctionMatcher(const TranslationUnitFacts &Before, FactsCollector &Collector);

  /// The baseline fact of \p FD (any declaration of it), or null when it is new.
  const FunctionFact *baselineOf(const clang::FunctionDecl &FD);

  /// Whether \p FD's signature differs from its baseline's.
  bool signatureChanged(const clang::FunctionDecl &FD, const FunctionFact &Was);

private:
  void matchName(llvm::StringRef QualifiedName);
  void matchLambdas(const clang::FunctionDecl &Enclosing, const FunctionFact &EnclosingWas);

  FactsCollector &Collector;
  llvm::StringMap<const FunctionFact *> ByKey;
  llvm::StringMap<std::vector<const FunctionFact *>> ByName; // lambdas excluded
  llvm::StringMap<std::vector<const FunctionFact *>> LambdasOf; // by enclosing key
  llvm::StringMap<bool> NamesMatched;
  // The current functions by unqualified name, lambdas excluded.
  llvm::StringMap<std::vector<const clang::FunctionDecl *>> CurrentByName;
  llvm::DenseMap<const clang::Decl *, const FunctionFact *> Matched;
  llvm::DenseMap<const clang::Decl *, bool> LambdasMatched;
};

} // namespace failguard

#endif
