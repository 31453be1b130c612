// Claim getters of jwt-cpp that an earlier presence check keeps from throwing.
#ifndef FAILGUARD_LIB_CLAIMGUARDS_H
#define FAILGUARD_LIB_CLAIMGUARDS_H

#include "llvm/ADT/StringRef.h"

namespace clang {
class Expr;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace failguard {

/// Whether the call \p Site of jwt-cpp's claim getter \p Callee cannot throw
/// \p ExceptionName because the claim was checked in \p Body first.
///
/// Only `jwt::error::claim_not_present_exception` is ruled out, and only for a
/// getter (`get_payload_claim("sub")`, `get_header_claim("kid")` or a named
/// one like `get_subject()`) when, in the same function body, either
/// - an `if` statement before it, in a block that encloses the call, tests
///   that the same claim is missing (`!tok.has_payload_claim("sub")`,
///   `!tok.has_subject()`, possibly among `||` alternatives) and its branch
///   ends in `return`, `co_return` or `throw`; or
/// - the call is in the `then` branch of an `if` whose condition requires the
///   claim (`tok.has_payload_claim("sub")`, possibly among `&&` operands), or
///   in the `else` branch of one that tests that it is missing.
/// "The same claim" means the same variable as the object and the same claim
/// name, written as a string literal or implied by the named accessor. An
/// assignment to the variable between the check and the getter is not looked
/// for: jwt-cpp's decoded tokens are rarely reassigned.
bool claimCheckedBefore(const clang::Expr &Site, const clang::FunctionDecl &Callee,
                        llvm::StringRef ExceptionName, const clang::Stmt &Body);

} // namespace failguard

#endif
