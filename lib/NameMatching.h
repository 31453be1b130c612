// Qualified names in the form users write them in models and options.
#ifndef FAILGUARD_LIB_NAMEMATCHING_H
#define FAILGUARD_LIB_NAMEMATCHING_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace clang {
class ASTContext;
class CXXRecordDecl;
class Expr;
class FunctionDecl;
class NamedDecl;
class QualType;
} // namespace clang

namespace failguard {

/// The qualified name of \p D without template arguments and without inline or
/// anonymous namespaces: `jwt::verifier::verify`, `std::optional`,
/// `jwt::decoded_jwt::decoded_jwt` for a constructor.
std::string qualifiedName(const clang::NamedDecl &D);

/// The last component of qualifiedName(): `verify` for `jwt::verifier::verify`,
/// `operator()` for a lambda. Cheap: for filtering before keys are computed.
std::string unqualifiedName(const clang::NamedDecl &D);
llvm::StringRef unqualifiedName(llvm::StringRef QualifiedName);

/// Whether \p FD is the body of a lambda (its class's call operator).
bool isLambdaCallOperator(const clang::FunctionDecl &FD);

/// The function a lambda is written in, or null for a lambda outside any
/// function (at namespace scope).
const clang::FunctionDecl *enclosingFunction(const clang::FunctionDecl &Lambda);

/// How diagnostics name a function: `'ns::f'` in quotes, or a lambda by
/// where it is: `lambda in 'ns::f'`.
std::string describeFunction(const clang::FunctionDecl &FD);

/// Whether \p Name is a well-formed qualified name as written in a model or an
/// option (`ns::Class::member`, optionally with a leading `::`).
bool isValidQualifiedName(llvm::StringRef Name);

/// The class \p T names after desugaring, references and cv-qualifiers
/// stripped; null for non-class types.
const clang::CXXRecordDecl *classOf(clang::QualType T);

/// The class template (or, for a non-template, the class) that \p T names
/// once aliases, typedefs, deduced types and references are looked through;
/// null for other types. Works on dependent types in template patterns too.
const clang::NamedDecl *namedClassTemplate(clang::QualType T);

/// The expression \p E is once the implicit conversions, temporaries and
/// converting constructors around it are looked through: the string literal
/// of a `std::string` or `std::string_view` argument, the lambda of a
/// `std::function` one. Bounded: hostile nesting gives up.
const clang::Expr *withoutConversions(const clang::Expr *E);

/// Finds the class definition with qualified name \p Name in \p Ctx, looking
/// through inline namespaces and typedefs; null when the TU has none.
const clang::CXXRecordDecl *findClass(clang::ASTContext &Ctx, llvm::StringRef Name);

} // namespace failguard

#endif
