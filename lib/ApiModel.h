// Which calls are authentication/token-decode calls and which exceptions each may throw.
#ifndef FAILGUARD_LIB_APIMODEL_H
#define FAILGUARD_LIB_APIMODEL_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace clang {
class FunctionDecl;
class QualType;
} // namespace clang

namespace failguard {

/// One modelled function: the overloads with this qualified name (and, when
/// Returns is set, this return type).
struct ApiFunction {
  /// Qualified name without template arguments, e.g. `jwt::verifier::verify`.
  std::string Name;
  /// When set, only overloads returning this class (template) match: it tells
  /// libraries apart that share a function name, like jwt-cpp's and cpp-jwt's
  /// `jwt::decode` (returning `jwt::decoded_jwt` and `jwt::jwt_object`).
  std::string Returns;
  /// What overloads without a `std::error_code &` parameter may throw.
  std::vector<std::string> Throws;
  /// What overloads with a `std::error_code &` parameter still throw; they
  /// report everything else through the error code.
  std::vector<std::string> ErrorCodeThrows;
  /// The token edge cases (`expired`, `bad-signature`, ...; tokenCases())
  /// that may make a call throw each exception class, as checked against the
  /// library named in Library; empty where the model does not say. Which of
  /// an exception's cases raise it depends on what the verifier is configured
  /// to check; a case listed under no class raises nothing.
  std::map<std::string, std::vector<std::string>> Cases;
  /// The library and release the entry (and its cases) was checked against.
  std::string Library;
};

/// One token edge case: its kebab-case name and what the crafted token has.
struct TokenCase {
  llvm::StringRef Name;
  llvm::StringRef Description;
};

/// The token edge cases models may name (docs/api-models.md), in the order a
/// plan lists them: the one vocabulary of the models, the plan and the
/// crafted tokens.
llvm::ArrayRef<TokenCase> tokenCases();

/// Whether \p Name is one of tokenCases().
bool isTokenCase(llvm::StringRef Name);

/// API model files larger than this are refused: a hand-written model is a few
/// kilobytes.
constexpr uint64_t MaxModelFileBytes = 1u << 20;

/// The set of modelled auth/decode functions: built-in models of real
/// libraries (jwt-cpp, cpp-jwt, Poco::JWT) plus the user's, from a check
/// option or a YAML file. Pure data; it emits nothing.
class ApiModel {
public:
  /// An empty model.
  ApiModel() = default;

  /// The models of jwt-cpp, cpp-jwt and Poco::JWT.
  static ApiModel builtin();

  /// Adds entries written as `name=Exception,Exception;name=Exception`.
  /// The error names the first malformed entry.
  llvm::Error addFromOption(llvm::StringRef Text);

  /// Adds entries from a YAML model (see docs/api-models.md).
  /// \p SourceName is used in error messages.
  llvm::Error addFromYAML(llvm::StringRef Buffer, llvm::StringRef SourceName);

  /// Reads \p Path and adds its YAML model. Only a regular file of at most
  /// MaxModelFileBytes is read; anything else is refused without blocking.
  llvm::Error addFromFile(llvm::StringRef Path);

  /// Adds one entry; an entry for the same name and return type merges into it.
  void add(ApiFunction Function);

  /// The entries named \p QualifiedName (one per return type discriminator).
  llvm::ArrayRef<ApiFunction> find(llvm::StringRef QualifiedName) const;

  /// The entry that models \p Callee, or null.
  const ApiFunction *match(const clang::FunctionDecl &Callee) const;

  /// What a call to \p Callee may throw: null when \p Callee is not modelled,
  /// otherwise the list for its overload kind (possibly empty).
  const std::vector<std::string> *thrownBy(const clang::FunctionDecl &Callee) const;

  /// How many entries the model has.
  size_t size() const;

  /// Every exception class the model names, sorted, without duplicates.
  std::vector<std::string> exceptionTypes() const;

  /// Text that changes whenever the model does (for cache keys).
  std::string fingerprint() const;

  /// Every entry, ordered by name and return type.
  std::vector<const ApiFunction *> entries() const;

  /// The model as a model file that addFromYAML reads back: YAML written as
  /// JSON, with every key an entry has.
  std::string toModelFile() const;

private:
  llvm::StringMap<std::vector<ApiFunction>> Functions;
};

/// Whether \p T is `std::error_code &` (non-const lvalue reference).
bool isErrorCodeOutParameter(clang::QualType T);

/// Whether \p FD reports failure through a `std::error_code &` parameter.
bool hasErrorCodeParameter(const clang::FunctionDecl &FD);

} // namespace failguard

#endif
