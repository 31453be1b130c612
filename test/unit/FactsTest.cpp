// Unit tests of the facts: collection keys and the JSON round trip.
#include "lib/Facts.h"

#include "ASTHelpers.h"
#include "lib/NameMatching.h"
#include "lib/OptionList.h"
#include "gtest/gtest.h"

using namespace failguard;

namespace {

TEST(FactsTest, JsonRoundTrip) {
  TranslationUnitFacts Facts;
  FunctionFact Validate;
  Validate.Key = "c:@F@validate#";
  Validate.Name = "validate";
  Validate.Signature = "(const std::string &)";
  Validate.Class = ReturnClass::OptionalLike;
  Validate.ReturnWritten = "Maybe<Claims>";
  Validate.File = "src/a.cpp";
  Validate.Line = 12;
  Validate.BodyHash = "1f2e";
  Validate.Calls = {{"jwt::decode", "raw", false, "1A2B"}, {"verifySession", "raw", true, ""}};
  Validate.Handled = {{0, "jwt::decode", {"std::runtime_error", "std::invalid_argument"}, "src/a.cpp", 20},
                      {1, "", {"std::exception"}, "src/a.cpp", 22}};
  Validate.Escapes = {{"jwt::decode", "std::runtime_error"}};
  Facts.Functions.push_back(Validate);
  FunctionFact Lambda;
  Lambda.Key = "c:@F@validate##=check";
  Lambda.Lambda = "=check";
  Lambda.File = "a.h";
  Lambda.Line = 3;
  Facts.Functions.push_back(Lambda);
  llvm::json::Value Json = toJSON(Facts);
  std::string Text;
  llvm::raw_string_ostream(Text) << Json;
  auto Parsed = llvm::json::parse(Text);
  ASSERT_TRUE(bool(Parsed));
  auto Back = factsFromJSON(*Parsed);
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  ASSERT_EQ(Back->Functions.size(), 2u);
  const FunctionFact &V = Back->Functions[0];
  EXPECT_EQ(V.ReturnWritten, "Maybe<Claims>");
  EXPECT_EQ(V.Class, ReturnClass::OptionalLike);
  EXPECT_EQ(V.Signature, "(const std::string &)");
  EXPECT_EQ(V.BodyHash, "1f2e");
  ASSERT_EQ(V.Calls.size(), 2u);
  EXPECT_TRUE(V.Calls[1].Opaque);
  EXPECT_EQ(V.Calls[0].Context, "1A2B");
  ASSERT_EQ(V.Handled.size(), 2u);
  EXPECT_EQ(V.Handled[0].Types, (std::vector<std::string>{"std::runtime_error", "std::invalid_argument"}));
  EXPECT_EQ(V.Handled[1].Call, 1u);
  EXPECT_EQ(V.Handled[1].HandlerLine, 22u);
  ASSERT_EQ(V.Escapes.size(), 1u);
  EXPECT_EQ(V.Escapes[0].Type, "std::runtime_error");
  EXPECT_EQ(Back->Functions[1].Lambda, "=check");
  EXPECT_EQ(Back->Functions[1].Class, ReturnClass::Plain);
}

TEST(FactsTest, MalformedJsonIsAnError) {
  for (const char *Text :
       {"{}", R"({"format": 99, "strings": [], "functions": []})",
        R"({"format": 4, "strings": ["a"], "functions": [[0]]})",
        R"({"format": 4, "strings": ["a"], "functions": [[0,0,0,0,0,0,0,0,1,7,[],[],[]]]})",
        R"({"format": 4, "strings": ["a"], "functions": [[0,0,0,0,0,0,0,0,1,0,[],[[0,0,[],0,1]],[]]]})",
        R"({"format": 4, "strings": [1], "functions": []})"}) {
    auto Parsed = llvm::json::parse(Text);
    ASSERT_TRUE(bool(Parsed));
    auto Facts = factsFromJSON(*Parsed);
    EXPECT_FALSE(bool(Facts)) << Text;
    llvm::consumeError(Facts.takeError());
  }
}

TEST(FactsTest, AlignsCallsLikeDiffAlignsLines) {
  auto Calls = [](std::vector<std::pair<std::string, std::string>> List) {
    std::vector<CallFact> Out;
    for (auto &[Callee, Args] : List)
      Out.push_back({Callee, Args, false, ""});
    return Out;
  };
  // Equal calls: the one whose statement is unchanged keeps the identity.
  std::vector<CallFact> Old = {{"jwt::decode", "raw", false, "A"}};
  std::vector<CallFact> New = {{"jwt::decode", "raw", false, "B"}, {"jwt::decode", "raw", false, "A"}};
  EXPECT_EQ(alignCalls(Old, New).Partner, (std::vector<int>{1}));
  // A call inserted before another shifts nothing.
  EXPECT_EQ(alignCalls(Calls({{"jwt::decode", "raw"}}),
                       Calls({{"jwt::decode", "refresh"}, {"jwt::decode", "raw"}})).Partner,
            (std::vector<int>{1}));
  // Reordered: the longest common subsequence keeps one pair; the other call
  // has no partner between anchors, so it is not paired with anything.
  EXPECT_EQ(alignCalls(Calls({{"a", "x"}, {"b", "y"}}), Calls({{"b", "y"}, {"a", "x"}})).Partner,
            (std::vector<int>{-1, 0}));
  // Arguments renamed: paired by callee between the anchors, not exactly.
  CallAlignment Renamed =
      alignCalls(Calls({{"log", "1"}, {"jwt::decode", "raw"}, {"log", "2"}}),
                 Calls({{"log", "1"}, {"jwt::decode", "token"}, {"log", "2"}}));
  EXPECT_EQ(Renamed.Partner, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(Renamed.Exact, (std::vector<bool>{true, false, true}));
  // Removed: no partner.
  EXPECT_EQ(alignCalls(Calls({{"jwt::decode", "raw"}, {"verify", "t"}}), Calls({{"verify", "t"}})).Partner,
            (std::vector<int>{-1, 0}));
}

TEST(FactsTest, CollectsCallsHandlersEscapesAndLambdas) {
  auto AST = test::buildAST(R"(
    namespace std { template <class T> class optional {}; }
    namespace auth { struct Error {}; int check(int); }
    void opaque(int);
    std::optional<int> validate(int t) {
      try { auth::check(t); } catch (auth::Error &) {}
      auth::check(t);
      try { auth::check(t + 1); } catch (...) {}
      try { opaque(t); } catch (auth::Error &) {}
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
  EXPECT_EQ(Validate->Signature, "(int)");
  ASSERT_EQ(Validate->Calls.size(), 4u);
  EXPECT_EQ(Validate->Calls[2].Arguments, "t+1");
  EXPECT_TRUE(Validate->Calls[3].Opaque);
  std::vector<unsigned> HandledCalls;
  for (const HandledFact &H : Validate->Handled)
    HandledCalls.push_back(H.Call);
  // The first and third calls of the API, and the opaque call under a handler of its type.
  EXPECT_EQ(HandledCalls, (std::vector<unsigned>{0, 2, 3}));
  EXPECT_EQ(Validate->Handled[2].Api, "");
  EXPECT_EQ(Validate->Handled[2].Types, (std::vector<std::string>{"auth::Error"}));
  ASSERT_EQ(Validate->Escapes.size(), 1u);
  EXPECT_EQ(Validate->Escapes[0].Api, "auth::check");
  // A lambda is keyed by its enclosing function and the variable it initialises;
  // one without modelled calls has no facts.
  auto Lambda = llvm::find_if(Facts.Functions, [](const FunctionFact &F) { return !F.Lambda.empty(); });
  ASSERT_NE(Lambda, Facts.Functions.end());
  EXPECT_EQ(Lambda->Key, Collector.functionKey(*test::findFunction(*AST, "outer")) + "#=second");
  EXPECT_EQ(llvm::count_if(Facts.Functions, [](const FunctionFact &F) { return !F.Lambda.empty(); }), 1);
}

TEST(FactsTest, LambdaIdentityIsWhatTheLambdaIs) {
  auto AST = test::buildAST(R"(
    struct App { template <class F> App &route(const char *, F) { return *this; } };
    auto first = [] {};
    auto second = [] {};
    void routes(App &app) {
      app.route("/health", [] {});
      app.route("/login", [] {});
      [] {}();
      [] {}();
    }
  )");
  ApiModel Model;
  ExceptionFlow Flow(Model, AST->getASTContext());
  NullableTypes Nullable(splitList(DefaultOptionalLikeTypes), {});
  FactsCollector Collector(AST->getASTContext(), Flow, Nullable,
                           [](llvm::StringRef Path) -> std::optional<std::string> {
                             return llvm::sys::path::filename(Path).str();
                           });
  std::vector<std::string> Identities;
  for (const clang::FunctionDecl *FD : Collector.repositoryFunctions())
    if (isLambdaCallOperator(*FD))
      Identities.push_back(Collector.lambdaIdentity(*FD));
  EXPECT_EQ(Identities, (std::vector<std::string>{"=first", "=second", "@App::route(\"/health\")",
                                                  "@App::route(\"/login\")", "?", "?/1"}));
}

TEST(FactsTest, MatchesFunctionsWhoseSignatureChanged) {
  auto Before = test::buildAST(R"(
    namespace auth { int check(int); }
    int validate(const char *t) { return auth::check(1); }
    int pick(int a) { return auth::check(a); }
    int pick(const char *a) { return 0; }
    int pick(double a, int b) { return 1; }
  )");
  auto Now = test::buildAST(R"(
    namespace auth { int check(int); }
    int validate(const char *t, int flags) noexcept { return auth::check(flags); }
    int pick(long a) { return auth::check(a); }
    int pick(const char *a) { return 0; }
    int pick(double a, long b) { return 1; }
  )");
  ApiModel Model;
  Model.add({"auth::check", "", {}, {}});
  NullableTypes Nullable(splitList(DefaultOptionalLikeTypes), {});
  auto Relative = [](llvm::StringRef Path) -> std::optional<std::string> {
    return llvm::sys::path::filename(Path).str();
  };
  ExceptionFlow BeforeFlow(Model, Before->getASTContext());
  FactsCollector BeforeCollector(Before->getASTContext(), BeforeFlow, Nullable, Relative);
  TranslationUnitFacts Facts = BeforeCollector.collect();
  ExceptionFlow NowFlow(Model, Now->getASTContext());
  FactsCollector NowCollector(Now->getASTContext(), NowFlow, Nullable, Relative);
  FunctionMatcher Matcher(Facts, NowCollector);
  std::vector<std::string> Pairs;
  for (const clang::FunctionDecl *FD : NowCollector.repositoryFunctions())
    if (FD->isThisDeclarationADefinition() && qualifiedName(*FD) != "auth::check") {
      const FunctionFact *Was = Matcher.baselineOf(*FD);
      Pairs.push_back(NowCollector.signature(*FD) + " -> " + (Was ? Was->Signature : "new"));
    }
  EXPECT_EQ(Pairs, (std::vector<std::string>{"(const char *, int) noexcept -> (const char *)",
                                             "(long) -> (int)", "(const char *) -> (const char *)",
                                             "(double, long) -> (double, int)"}));
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
