// Unit tests of return type classification.
#include "lib/NullableTypes.h"

#include "ASTHelpers.h"
#include "lib/OptionList.h"
#include "gtest/gtest.h"

using namespace failguard;

namespace {

ReturnClass classifyReturnOf(clang::ASTUnit &AST, llvm::StringRef Function) {
  NullableTypes Types(splitList(DefaultOptionalLikeTypes), splitList(DefaultResultLikeTypes));
  const clang::FunctionDecl *FD = test::findFunction(AST, Function);
  EXPECT_NE(FD, nullptr) << Function.str();
  return FD ? Types.classify(FD->getReturnType()) : ReturnClass::Plain;
}

TEST(NullableTypesTest, ClassifiesThroughSugar) {
  auto AST = test::buildAST(R"(
    namespace std { inline namespace __1 { template <class T> class optional {}; } }
    namespace absl { template <class T> class StatusOr {}; }
    namespace tl { template <class T, class E> class expected {}; }
    struct Claims {};
    template <class T> using Maybe = std::optional<T>;
    typedef absl::StatusOr<Claims> ClaimsOr;
    template <class T> using Result = tl::expected<T, int>;
    std::optional<Claims> direct() { return {}; }
    Maybe<Claims> alias() { return {}; }
    ClaimsOr typedefd() { return {}; }
    Result<Claims> aliasTemplate() { return {}; }
    auto deduced() { return std::optional<int>(); }
    const std::optional<Claims> &reference();
    const std::optional<Claims> &reference() { static std::optional<Claims> c; return c; }
    Claims plain() { return {}; }
    Claims &plainRef() { static Claims c; return c; }
    template <class T> std::optional<T> dependent() { return {}; }
    int scalar() { return 0; }
  )");
  EXPECT_EQ(classifyReturnOf(*AST, "direct"), ReturnClass::OptionalLike);
  EXPECT_EQ(classifyReturnOf(*AST, "alias"), ReturnClass::OptionalLike);
  EXPECT_EQ(classifyReturnOf(*AST, "typedefd"), ReturnClass::ResultLike);
  EXPECT_EQ(classifyReturnOf(*AST, "aliasTemplate"), ReturnClass::ResultLike);
  EXPECT_EQ(classifyReturnOf(*AST, "deduced"), ReturnClass::OptionalLike);
  EXPECT_EQ(classifyReturnOf(*AST, "reference"), ReturnClass::OptionalLike);
  EXPECT_EQ(classifyReturnOf(*AST, "plain"), ReturnClass::Plain);
  EXPECT_EQ(classifyReturnOf(*AST, "plainRef"), ReturnClass::Plain);
  EXPECT_EQ(classifyReturnOf(*AST, "dependent"), ReturnClass::OptionalLike);
  EXPECT_EQ(classifyReturnOf(*AST, "scalar"), ReturnClass::Plain);
}

TEST(NullableTypesTest, ListsAreConfigurable) {
  auto AST = test::buildAST(R"(
    namespace acme { template <class T> class Maybe {}; }
    namespace std { template <class T> class optional {}; }
    acme::Maybe<int> custom() { return {}; }
    std::optional<int> standard() { return {}; }
  )");
  NullableTypes Types({"acme::Maybe"}, {});
  EXPECT_EQ(Types.classify(test::findFunction(*AST, "custom")->getReturnType()), ReturnClass::OptionalLike);
  EXPECT_EQ(Types.classify(test::findFunction(*AST, "standard")->getReturnType()), ReturnClass::Plain);
}

} // namespace
