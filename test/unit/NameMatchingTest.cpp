// Unit tests of qualified names and class lookup.
#include "lib/NameMatching.h"

#include "ASTHelpers.h"
#include "clang/AST/DeclCXX.h"
#include "gtest/gtest.h"

using namespace failguard;

namespace {

TEST(NameMatchingTest, DropsTemplateArgumentsAndInlineNamespaces) {
  auto AST = test::buildAST(R"(
    namespace jwt { inline namespace v1 {
      template <class C, class T> struct verifier { void verify() {} verifier() {} ~verifier() {} };
    } }
    namespace { void hidden() {} }
    void use() { jwt::verifier<int, long> v; v.verify(); hidden(); }
  )");
  using namespace clang::ast_matchers;
  auto &Ctx = AST->getASTContext();
  auto Inst = match(cxxMethodDecl(hasName("verify"), isTemplateInstantiation()).bind("m"), Ctx);
  ASSERT_EQ(Inst.size(), 1u);
  EXPECT_EQ(qualifiedName(*Inst[0].getNodeAs<clang::NamedDecl>("m")), "jwt::verifier::verify");
  auto Ctors = match(cxxConstructorDecl(isTemplateInstantiation()).bind("c"), Ctx);
  ASSERT_FALSE(Ctors.empty());
  EXPECT_EQ(qualifiedName(*Ctors[0].getNodeAs<clang::NamedDecl>("c")), "jwt::verifier::verifier");
  auto Dtors = match(cxxDestructorDecl(isTemplateInstantiation()).bind("d"), Ctx);
  ASSERT_FALSE(Dtors.empty());
  EXPECT_EQ(qualifiedName(*Dtors[0].getNodeAs<clang::NamedDecl>("d")), "jwt::verifier::~verifier");
  EXPECT_EQ(qualifiedName(*test::findFunction(*AST, "hidden")), "hidden");
}

TEST(NameMatchingTest, ValidatesNames) {
  EXPECT_TRUE(isValidQualifiedName("jwt::verifier::verify"));
  EXPECT_TRUE(isValidQualifiedName("::std::runtime_error"));
  EXPECT_TRUE(isValidQualifiedName("A::~A"));
  EXPECT_FALSE(isValidQualifiedName(""));
  EXPECT_FALSE(isValidQualifiedName("a b"));
  EXPECT_FALSE(isValidQualifiedName("a::"));
  EXPECT_FALSE(isValidQualifiedName("jwt::verifier<int>::verify"));
  EXPECT_FALSE(isValidQualifiedName("~A::f"));
}

TEST(NameMatchingTest, FindsClassesThroughInlineNamespacesAliasesAndTypedefs) {
  auto AST = test::buildAST(R"(
    namespace std { inline namespace __1 { class runtime_error {}; } }
    namespace lib { namespace detail { struct Error {}; } namespace alias = detail;
                    typedef detail::Error ErrorT; struct Outer { struct Inner {}; }; }
    struct Forward;
  )");
  auto &Ctx = AST->getASTContext();
  const auto *RE = findClass(Ctx, "std::runtime_error");
  ASSERT_NE(RE, nullptr);
  EXPECT_EQ(RE->getName(), "runtime_error");
  EXPECT_EQ(findClass(Ctx, "lib::alias::Error"), findClass(Ctx, "lib::detail::Error"));
  EXPECT_EQ(findClass(Ctx, "lib::ErrorT"), findClass(Ctx, "::lib::detail::Error"));
  EXPECT_NE(findClass(Ctx, "lib::Outer::Inner"), nullptr);
  EXPECT_NE(findClass(Ctx, "Forward"), nullptr);
  EXPECT_EQ(findClass(Ctx, "lib::Missing"), nullptr);
  EXPECT_EQ(findClass(Ctx, "nowhere::Error"), nullptr);
}

} // namespace
