// Per-function facts of a translation unit, as compared with a baseline.
#ifndef FAILGUARD_LIB_FACTS_H
#define FAILGUARD_LIB_FACTS_H

#include "lib/ExceptionFlow.h"
#include "lib/NullableTypes.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Decl;
class FunctionDecl;
class SourceLocation;
} // namespace clang

namespace failguard {

/// A function declared in the repository.
struct FunctionFact {
  std::string Key;             // see FactsCollector::functionKey
  std::string Name;            // qualified, for messages
  std::string ReturnWritten;   // the return type as written
  std::string ReturnDesugared; // canonical, `auto` deduced
  ReturnClass Class = ReturnClass::Plain;
  std::string File;            // relative to the repository root
  unsigned Line = 0;
  std::string BodyHash;        // of the definition's text, white space ignored
};

/// A modelled exception handled in a function's own body at a modelled call.
struct HandledFact {
  std::string FunctionKey;
  std::string FunctionName;
  std::string Api;      // qualified name of the modelled function
  unsigned Ordinal = 0; // among the function's calls of that name, in order
  std::string Type;     // qualified name of the exception class
  std::string HandlerFile;
  unsigned HandlerLine = 0;
};

struct TranslationUnitFacts {
  std::vector<FunctionFact> Functions;
  std::vector<HandledFact> Handled;
};

/// A hash of \p FD's definition as written, white space ignored; empty when
/// \p FD is not a definition.
std::string bodyHash(const clang::FunctionDecl &FD);

llvm::json::Value toJSON(const TranslationUnitFacts &Facts);
llvm::Expected<TranslationUnitFacts> factsFromJSON(const llvm::json::Value &Value);

/// Collects the facts of the functions declared in the repository. The same
/// keys and ordinals serve the current translation unit, so the checks can
/// compare both sides.
class FactsCollector {
public:
  /// \p RelativePath maps a file path to its path in the repository, or
  /// nothing for files outside it.
  FactsCollector(clang::ASTContext &Ctx, ExceptionFlow &Flow, const NullableTypes &Nullable,
                 std::function<std::optional<std::string>(llvm::StringRef)> RelativePath);

  TranslationUnitFacts collect();

  /// The functions (and lambda bodies) declared in the repository, outside
  /// template instantiations, in declaration order.
  std::vector<const clang::FunctionDecl *> repositoryFunctions();

  /// A stable key for a function: its USR; a lambda is keyed by its enclosing
  /// function and its position among that function's lambdas, not by where it
  /// is in the file.
  std::string functionKey(const clang::FunctionDecl &FD);

  /// The position of \p Site among \p Function's calls of \p Api's name.
  std::optional<unsigned> ordinalOf(const clang::FunctionDecl &Function, const clang::Expr *Site);

  /// The repository-relative file of \p Loc, or nothing outside the repository.
  std::optional<std::string> repositoryFile(clang::SourceLocation Loc);

  /// Whether \p D is a function facts are collected for.
  bool isRepositoryFunction(const clang::FunctionDecl &FD);

private:
  void addFunction(const clang::FunctionDecl &FD, TranslationUnitFacts &Out);
  void addHandled(const clang::FunctionDecl &FD, TranslationUnitFacts &Out);
  std::optional<std::vector<const clang::FunctionDecl *>> Functions;

  clang::ASTContext &Ctx;
  ExceptionFlow &Flow;
  const NullableTypes &Nullable;
  std::function<std::optional<std::string>(llvm::StringRef)> RelativePath;
  llvm::DenseMap<unsigned, std::optional<std::string>> FileCache;
  llvm::DenseMap<const clang::Decl *, std::string> KeyCache;
};

} // namespace failguard

#endif
