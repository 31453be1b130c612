// Classifies return types: optional-like, result-like or plain.
#include "lib/NullableTypes.h"

#include "lib/NameMatching.h"

#include "clang/AST/Decl.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace failguard {

const char DefaultOptionalLikeTypes[] =
    "std::optional;boost::optional;absl::optional;tl::optional;folly::Optional";
const char DefaultResultLikeTypes[] =
    "std::expected;tl::expected;absl::StatusOr;folly::Expected;"
    "boost::outcome_v2::basic_result;boost::outcome_v2::basic_outcome;"
    "outcome_v2::basic_result;outcome_v2::basic_outcome";

NullableTypes::NullableTypes(const std::vector<std::string> &OptionalLikeNames,
                             const std::vector<std::string> &ResultLikeNames) {
  for (const std::string &N : OptionalLikeNames)
    OptionalLike.insert(llvm::StringRef(N).ltrim(':'));
  for (const std::string &N : ResultLikeNames)
    ResultLike.insert(llvm::StringRef(N).ltrim(':'));
}

ReturnClass NullableTypes::classify(QualType T) const {
  if (T.isNull())
    return ReturnClass::Plain;
  const NamedDecl *D = namedClassTemplate(T);
  if (!D)
    return ReturnClass::Plain;
  D = cast<NamedDecl>(D->getCanonicalDecl());
  auto [It, Inserted] = Cache.try_emplace(D, ReturnClass::Plain);
  if (!Inserted)
    return It->second;
  std::string Name = qualifiedName(*D);
  if (OptionalLike.contains(Name))
    It->second = ReturnClass::OptionalLike;
  else if (ResultLike.contains(Name))
    It->second = ReturnClass::ResultLike;
  return It->second;
}

std::string NullableTypes::fingerprint() const {
  auto Sorted = [](const llvm::StringSet<> &Set) {
    std::vector<std::string> Names;
    for (const auto &Entry : Set)
      Names.push_back(Entry.getKey().str());
    llvm::sort(Names);
    return llvm::join(Names, ";");
  };
  return Sorted(OptionalLike) + "|" + Sorted(ResultLike);
}

llvm::StringRef describe(ReturnClass C) {
  switch (C) {
  case ReturnClass::OptionalLike:
    return "optional-like";
  case ReturnClass::ResultLike:
    return "result-like";
  case ReturnClass::Plain:
    return "plain";
  }
  llvm_unreachable("unknown return class");
}

} // namespace failguard
