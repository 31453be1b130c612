// Builds ASTs from code for the unit tests of lib/.
#ifndef FAILGUARD_TEST_UNIT_ASTHELPERS_H
#define FAILGUARD_TEST_UNIT_ASTHELPERS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include <memory>
#include <string>

namespace failguard::test {

inline std::unique_ptr<clang::ASTUnit> buildAST(const std::string &Code) {
  return clang::tooling::buildASTFromCodeWithArgs(Code, {"-std=c++17", "-fexceptions", "-fcxx-exceptions"},
                                                  "input.cpp");
}

#ifdef FAILGUARD_TEST_HEADERS
/// An AST of \p Code that may include the test doubles of the frameworks and
/// JWT libraries (test/Inputs/Headers) and the standard library.
inline std::unique_ptr<clang::ASTUnit> buildASTWithHeaders(const std::string &Code,
                                                            const std::string &Standard = "-std=c++20") {
  return clang::tooling::buildASTFromCodeWithArgs(
      Code,
      {Standard, "-fexceptions", "-fcxx-exceptions", "-isystem", FAILGUARD_TEST_HEADERS,
       "-resource-dir", FAILGUARD_CLANG_RESOURCE_DIR},
      "input.cpp");
}
#endif

/// The first function definition named \p Name (qualified or not).
inline const clang::FunctionDecl *findFunction(clang::ASTUnit &AST, llvm::StringRef Name) {
  using namespace clang::ast_matchers;
  auto Matches = match(functionDecl(hasName(Name), isDefinition()).bind("f"), AST.getASTContext());
  return Matches.empty() ? nullptr : Matches.front().getNodeAs<clang::FunctionDecl>("f");
}

} // namespace failguard::test

#endif
