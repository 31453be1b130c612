// Exception specifications, read without asking Sema to resolve them.
#include "lib/ExceptionSpecs.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Type.h"

using namespace clang;

namespace failguard {

bool isKnownNothrow(const FunctionDecl &FD) {
  const auto *Proto = FD.getType()->getAs<FunctionProtoType>();
  if (!Proto || isUnresolvedExceptionSpec(Proto->getExceptionSpecType()))
    return false;
  return Proto->isNothrow();
}

bool isWrittenNothrow(const FunctionDecl &FD) {
  return FD.getExceptionSpecSourceRange().isValid() && isKnownNothrow(FD);
}

} // namespace failguard
