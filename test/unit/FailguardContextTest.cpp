// Unit tests of checks/FailguardContext: one shared context per translation unit.
#include "checks/FailguardContext.h"

#include "ASTHelpers.h"

#include "clang/AST/Expr.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace failguard {
namespace {

const std::string Code = "int f(); int g() { return f() + f(); }";

std::vector<const Expr *> calls(ASTUnit &AST) {
  std::vector<const Expr *> Calls;
  for (const BoundNodes &N :
       match(translationUnitDecl(forEachDescendant(callExpr().bind("c"))), AST.getASTContext()))
    Calls.push_back(N.getNodeAs<Expr>("c"));
  return Calls;
}

TEST(FailguardContextTest, OnePerTranslationUnit) {
  auto A = test::buildAST(Code);
  auto B = test::buildAST(Code);
  FailguardContext &OfA = FailguardContext::of(A->getASTContext());
  EXPECT_EQ(&OfA, &FailguardContext::of(A->getASTContext()));
  EXPECT_NE(&OfA, &FailguardContext::of(B->getASTContext()));
}

// Checks with the same settings share one analysis; other settings get their own.
TEST(FailguardContextTest, OneAnalysisPerSettings) {
  auto AST = test::buildAST(Code);
  ASTContext &Ctx = AST->getASTContext();
  FailguardContext &Shared = FailguardContext::of(Ctx);
  EXPECT_EQ(Shared.anyAnalysis(), nullptr);
  auto Settings = std::make_shared<AnalysisSettings>();
  auto Same = std::make_shared<AnalysisSettings>();
  auto Other = std::make_shared<AnalysisSettings>();
  Other->IndexFile = "none";
  TranslationUnitAnalysis &First = Shared.analysis(Ctx, nullptr, Settings);
  EXPECT_EQ(&First, &Shared.analysis(Ctx, nullptr, Same));
  EXPECT_NE(&First, &Shared.analysis(Ctx, nullptr, Other));
  EXPECT_EQ(Shared.anyAnalysis(), &First);
}

// What one check publishes for the other: the escape check's sites.
TEST(FailguardContextTest, EscapeSitesPublished) {
  auto AST = test::buildAST(Code);
  std::vector<const Expr *> Calls = calls(*AST);
  ASSERT_EQ(Calls.size(), 2u);
  FailguardContext &Shared = FailguardContext::of(AST->getASTContext());
  Shared.addEscapeSite(Calls[0]);
  EXPECT_TRUE(Shared.escapeReportedAt(Calls[0]));
  EXPECT_FALSE(Shared.escapeReportedAt(Calls[1]));
}

// Without the escape check nothing is reported by it.
TEST(FailguardContextTest, NoEscapeCheck) {
  auto AST = test::buildAST(Code);
  std::vector<const Expr *> Calls = calls(*AST);
  FailguardContext &Shared = FailguardContext::of(AST->getASTContext());
  EXPECT_FALSE(Shared.escapeReportedAt(Calls[0]));
  EXPECT_TRUE(Shared.removedHandlerViews(Calls[0]).empty());
  Shared.addRemovedHandlerView(Calls[0], {{Calls[0]->getExprLoc(), "view"}});
  ASSERT_EQ(Shared.removedHandlerViews(Calls[0]).size(), 1u);
  EXPECT_EQ(Shared.removedHandlerViews(Calls[0])[0][0].Message, "view");
  EXPECT_TRUE(Shared.removedHandlerViews(Calls[1]).empty());
}

// A context lives as long as its ASTContext: a new translation unit starts
// with an empty one even if its ASTContext reuses the address.
TEST(FailguardContextTest, ForgottenWithItsASTContext) {
  for (int I = 0; I < 4; ++I) {
    auto AST = test::buildAST(Code);
    std::vector<const Expr *> Calls = calls(*AST);
    FailguardContext &Shared = FailguardContext::of(AST->getASTContext());
    EXPECT_TRUE(Shared.removedHandlerViews(Calls[0]).empty());
    EXPECT_FALSE(Shared.escapeReportedAt(Calls[0]));
    Shared.addRemovedHandlerView(Calls[0], {{Calls[0]->getExprLoc(), "view"}});
    Shared.addEscapeSite(Calls[0]);
  }
}

} // namespace
} // namespace failguard
