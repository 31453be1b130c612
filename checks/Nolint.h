// NOLINT comments read as clang-tidy reads them, at the lines failguard anchors findings to.
#ifndef FAILGUARD_CHECKS_NOLINT_H
#define FAILGUARD_CHECKS_NOLINT_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringRef.h"

namespace clang {
class Expr;
class FunctionDecl;
class LangOptions;
class SourceManager;
} // namespace clang

namespace failguard {

/// Whether clang-tidy's NOLINT comments suppress \p Check's diagnostic at
/// \p Loc: NOLINT on its line, NOLINTNEXTLINE on the line above, or a
/// NOLINTBEGIN/NOLINTEND pair around it, each without a check list or with
/// one (globs, as `failguard-*`) that names \p Check. In a macro, the spelling
/// and then each expansion is looked at, as clang-tidy does.
bool nolintSuppresses(const clang::SourceManager &SM, clang::SourceLocation Loc,
                      llvm::StringRef Check);

/// Where the statement that contains \p Site in \p Function starts: the
/// statement in a block, the `if`, `return` or declaration around an
/// expression, or a constructor's member initializer. \p Site's own start
/// when \p Function's body does not contain it.
clang::SourceLocation statementBegin(const clang::FunctionDecl &Function, const clang::Expr &Site);

/// The text of the statement statementBegin() finds for \p Site, comments and
/// white space outside literals left out, at most 4 KiB; \p Site's own text
/// when \p Function's body does not contain it.
std::string statementText(const clang::SourceManager &SM, const clang::LangOptions &Lang,
                          const clang::FunctionDecl &Function, const clang::Expr &Site);

/// How NOLINT comments treat \p Check's warning at the call \p Site.
struct CallSuppression {
  /// A NOLINT comment at the statement's first line (which is not the
  /// warning's line) suppresses it: clang-tidy would not, so the check must
  /// not emit the warning.
  bool AtStatement = false;
  /// A NOLINT comment suppresses it at the warning's own line; clang-tidy
  /// drops it there.
  bool AtWarning = false;
  bool any() const { return AtStatement || AtWarning; }
};

/// Reads the NOLINT comments that apply to \p Check's warning at
/// \p Site->getExprLoc() in \p Function.
CallSuppression callSuppression(const clang::SourceManager &SM, const clang::FunctionDecl &Function,
                                const clang::Expr &Site, llvm::StringRef Check);

} // namespace failguard

#endif
