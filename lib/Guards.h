// Modelled calls that an earlier check in the same function keeps from throwing.
#ifndef FAILGUARD_LIB_GUARDS_H
#define FAILGUARD_LIB_GUARDS_H

#include "llvm/ADT/StringRef.h"

namespace clang {
class CXXRecordDecl;
class Expr;
class FunctionDecl;
class ParentMap;
} // namespace clang

namespace failguard {

/// Whether the call \p Site of the modelled function \p Callee cannot throw
/// the exception named \p ExceptionName (of class \p Type, null when the
/// translation unit does not declare it) because the function \p Site is
/// in (whose body \p Parents maps) checked first. A check guards the call when the
/// call runs only if the check held: the call is in the `then` branch of an
/// `if` whose condition requires it (alone or among `&&` operands; or the
/// condition variable's initialiser), in the `else` branch of one whose
/// condition holds whenever it fails (a negation, alone or among `||`
/// alternatives), or after such an `if`, in a block that encloses the call,
/// whose branch ends in `return`, `co_return` or `throw`. Two checks count:
///
/// - A jwt-cpp claim presence check rules out
///   `jwt::error::claim_not_present_exception` of a getter of the same claim
///   (`get_payload_claim("sub")`, `get_header_claim("kid")` or a named one
///   like `get_subject()`): `tok.has_payload_claim("sub")`,
///   `tok.has_subject()`. "The same claim" is the same token object and the
///   same name. The object is the same variable, or member of one, also
///   reached through `->`, `*`, `.value()` or `.get()` (a pointer, a smart
///   pointer or a `std::optional` holding the decoded token). The name is the
///   same string literal, the same `const` variable or static member (by its
///   literal initialiser, or else by identity), or implied by the named
///   accessor.
/// - A validating predicate rules out every exception it stops: a call
///   `P(args)` of a function defined in the translation unit (a free
///   function, a lambda, or a member function called on `this`) whose body
///   makes the very same call, with its parameters standing for `args`
///   (`jwt::decode(token)` in `verify(std::string token)` and
///   `jwt::decode(header)` after `if (verify(header))`), where that call
///   runs before any `return` of a value that is not false-like (`false`, 0,
///   `nullptr`, `std::nullopt`, `{}`) and a handler around it stops the
///   exception and returns only false-like values or throws.
///
/// An assignment to a variable between the check and the call is not looked
/// for: decoded tokens and the headers they came from are rarely reassigned.
bool guardedBefore(const clang::Expr &Site, const clang::FunctionDecl &Callee,
                   const clang::CXXRecordDecl *Type, llvm::StringRef ExceptionName,
                   const clang::ParentMap &Parents);

} // namespace failguard

#endif
