// Classifies return types: optional-like, result-like or plain.
#ifndef FAILGUARD_LIB_NULLABLETYPES_H
#define FAILGUARD_LIB_NULLABLETYPES_H

#include "clang/AST/Type.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"
#include <string>
#include <vector>

namespace failguard {

enum class ReturnClass { Plain, OptionalLike, ResultLike };

/// Default lists, as `;`-separated class template names.
extern const char DefaultOptionalLikeTypes[];
extern const char DefaultResultLikeTypes[];

/// Classifies a type after desugaring (aliases, typedefs, deduced `auto`) by
/// the class template it names. References are looked through: a function
/// returning `const std::optional<T> &` still reports failure in its value.
class NullableTypes {
public:
  NullableTypes(const std::vector<std::string> &OptionalLike,
                const std::vector<std::string> &ResultLike);

  ReturnClass classify(clang::QualType T) const;

  /// Text that changes whenever the lists do (for cache keys).
  std::string fingerprint() const;

private:
  llvm::StringSet<> OptionalLike;
  llvm::StringSet<> ResultLike;
  mutable llvm::DenseMap<const clang::Decl *, ReturnClass> Cache;
};

llvm::StringRef describe(ReturnClass C);

} // namespace failguard

#endif
