// Exception specifications, read without asking Sema to resolve them.
#ifndef FAILGUARD_LIB_EXCEPTIONSPECS_H
#define FAILGUARD_LIB_EXCEPTIONSPECS_H

namespace clang {
class FunctionDecl;
} // namespace clang

namespace failguard {

/// Whether \p FD is known not to throw: its exception specification is
/// resolved and says so. An implicit specification that Sema has not computed
/// yet (an in-class defaulted special member or comparison nobody used, a
/// destructor's before the class is complete) says nothing: the function may
/// throw. FunctionProtoType::isNothrow() must not be asked about those (it
/// reaches llvm_unreachable, which a release build turns into a crash).
bool isKnownNothrow(const clang::FunctionDecl &FD);

/// Whether the source says \p FD does not throw: a written `noexcept`,
/// `noexcept(true)` or `throw()`. Implicit specifications never count, so the
/// answer does not depend on whether the translation unit used the function.
bool isWrittenNothrow(const clang::FunctionDecl &FD);

} // namespace failguard

#endif
