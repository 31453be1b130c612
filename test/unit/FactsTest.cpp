// Unit tests of the facts: collection keys and the JSON round trip.
#include "lib/Facts.h"

#include "ASTHelpers.h"
#include "lib/OptionList.h"
#include "gtest/gtest.h"

using namespace failguard;

namespace {

TEST(FactsTest, JsonRoundTrip) {
  TranslationUnitFacts Facts;
  Facts.Functions.push_back({"c:@F@validate#", "validate", "Maybe<Claims>",
                             "std::optional<Claims>", ReturnClass::OptionalLike, "src/a.cpp", 12,
                             "1f2e"});
  Facts.Functions.push_back({"c:@F@plain#", "plain", "int", "int", ReturnClass::Plain, "a.h", 3, ""});
  Facts.Handled.push_back({"c:@F@validate#", "validate", "jwt::decode", 1, "std::runtime_error",
                           "src/a.cpp", 20});
  llvm::json::Value Json = toJSON(Facts);
  std::string Text;
  llvm::raw_string_ostream(Text) << Json;
  auto Parsed = llvm::json::parse(Text);
  ASSERT_TRUE(bool(Parsed));
  auto Back = factsFromJSON(*Parsed);
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  ASSERT_EQ(Back->Functions.size(), 2u);
  EXPECT_EQ(Back->Functions[0].ReturnWritten, "Maybe<Claims>");
  EXPECT_EQ(Back->Functions[0].Class, ReturnClass::OptionalLike);
  EXPECT_EQ(Back->Functions[1].Class, ReturnClass::Plain);
  EXPECT_EQ(Back->Functions[0].BodyHash, "1f2e");
  ASSERT_EQ(Back->Handled.size(), 1u);
  EXPECT_EQ(Back->Handled[0].Ordinal, 1u);
  EXPECT_EQ(Back->Handled[0].HandlerLine, 20u);
}

TEST(FactsTest, MalformedJsonIsAnError) {
  for (const char *Text : {"{}", R"({"format": 99, "functions": [], "handled": []})",
                           R"({"format": 2, "functions": [{"key": 1}], "handled": []})",
                           R"({"format": 2, "functions": [], "handled": [{"api": "x"}]})"}) {
    auto Parsed = llvm::json::parse(Text);
    ASSERT_TRUE(bool(Parsed));
    auto Facts = factsFromJSON(*Parsed);
    EXPECT_FALSE(bool(Facts)) << Text;
    llvm::consumeError(Facts.takeError());
  }
}

TEST(FactsTest, CollectsKeysOrdinalsAndLambdas) {
  auto AST = test::buildAST(R"(
    namespace std { template <class T> class optional {}; }
    namespace auth { struct Error {}; int check(int); }
    std::optional<int> validate(int t) {
      try { auth::check(t); } catch (auth::Error &) {}
      auth::check(t);
      try { auth::check(t); } catch (...) {}
      return {};
    }
    void outer(int t) {
      auto first = [] {};
      auto second = [t] { try { auth::check(t); } catch (...) {} };
    }
  )");
  ApiModel Model;
  Model.add({"auth::check", "", {"auth::Error"}, {}});
  ExceptionFlow Flow(Model, AST->getASTContext());
  NullableTypes Nullable(splitList(DefaultOptionalLikeTypes), {});
  FactsCollector Collector(AST->getASTContext(), Flow, Nullable,
                           [](llvm::StringRef Path) -> std::optional<std::string> {
                             return llvm::sys::path::filename(Path).str();
                           });
  TranslationUnitFacts Facts = Collector.collect();
  auto Validate = llvm::find_if(Facts.Functions, [](const FunctionFact &F) { return F.Name == "validate"; });
  ASSERT_NE(Validate, Facts.Functions.end());
  EXPECT_EQ(Validate->Class, ReturnClass::OptionalLike);
  EXPECT_EQ(Validate->File, "input.cpp");
  // The first and third calls are handled; ordinals count every call of the name.
  std::vector<unsigned> Ordinals;
  std::string LambdaKey;
  for (const HandledFact &H : Facts.Handled) {
    if (H.FunctionName == "validate")
      Ordinals.push_back(H.Ordinal);
    else
      LambdaKey = H.FunctionKey;
  }
  EXPECT_EQ(Ordinals, (std::vector<unsigned>{0, 2}));
  // A lambda is keyed by its enclosing function and its position among its lambdas.
  EXPECT_EQ(LambdaKey, Collector.functionKey(*test::findFunction(*AST, "outer")) + "#lambda1");
}

TEST(FactsTest, BodyHashIgnoresWhiteSpaceOnly) {
  auto HashOf = [](const std::string &Code) {
    auto AST = test::buildAST(Code);
    return bodyHash(*test::findFunction(*AST, "f"));
  };
  std::string Compact = HashOf("int f(int x) { return x + 1; }");
  EXPECT_FALSE(Compact.empty());
  EXPECT_EQ(HashOf("int f(int x)\n{\n  return   x +\n 1;\n}"), Compact);
  EXPECT_NE(HashOf("int f(int x) { return x + 2; }"), Compact);
  auto Declaration = test::buildAST("int f(int x);");
  using namespace clang::ast_matchers;
  auto Found = match(functionDecl(hasName("f")).bind("f"), Declaration->getASTContext());
  EXPECT_EQ(bodyHash(*Found.front().getNodeAs<clang::FunctionDecl>("f")), "");
}

} // namespace
