// Unit tests of the interprocedural exception flow.
#include "lib/ExceptionFlow.h"

#include "ASTHelpers.h"
#include "lib/NameMatching.h"
#include "clang/AST/DeclCXX.h"
#include "gtest/gtest.h"

using namespace failguard;

namespace {

// A small auth library: Base <- Expired, Base <- Invalid (siblings).
constexpr const char *Library = R"(
  namespace std { class error_code {}; }
  namespace auth {
    struct Base { virtual ~Base(); };
    struct Expired : Base {};
    struct Invalid : Base {};
    int check(int token);
    int check(int token, std::error_code &ec);
  }
)";

class ExceptionFlowTest : public ::testing::Test {
protected:
  void build(const std::string &Code) {
    AST = test::buildAST(std::string(Library) + Code);
    ASSERT_TRUE(AST);
    Model.add({"auth::check", "", {"auth::Expired", "auth::Invalid"}, {}});
    Flow = std::make_unique<ExceptionFlow>(Model, AST->getASTContext());
  }
  // "Type@Api" for each escape of Function, in order.
  std::vector<std::string> escapesOf(llvm::StringRef Function) {
    const clang::FunctionDecl *FD = test::findFunction(*AST, Function);
    EXPECT_NE(FD, nullptr) << Function.str();
    std::vector<std::string> Out;
    if (FD)
      for (const Escape &E : Flow->escapes(*FD))
        Out.push_back(qualifiedName(*E.Type) + "@" + qualifiedName(*E.Api));
    return Out;
  }

  std::unique_ptr<clang::ASTUnit> AST;
  ApiModel Model;
  std::unique_ptr<ExceptionFlow> Flow;
};

using Names = std::vector<std::string>;

TEST_F(ExceptionFlowTest, UnhandledCallLetsEveryModelledTypeEscape) {
  build("int f(int t) { return auth::check(t); }");
  EXPECT_EQ(escapesOf("f"), (Names{"auth::Expired@auth::check", "auth::Invalid@auth::check"}));
}

TEST_F(ExceptionFlowTest, HandlersMatchThroughTheClassHierarchy) {
  build(R"(
    int byBase(int t) { try { return auth::check(t); } catch (const auth::Base &) { return 0; } }
    int all(int t) { try { return auth::check(t); } catch (...) { return 0; } }
    int sibling(int t) { try { return auth::check(t); } catch (auth::Expired &) { return 0; } }
    int pointer(int t) { try { return auth::check(t); } catch (auth::Base *) { return 0; } }
  )");
  EXPECT_TRUE(escapesOf("byBase").empty());
  EXPECT_TRUE(escapesOf("all").empty());
  EXPECT_EQ(escapesOf("sibling"), (Names{"auth::Invalid@auth::check"}));
  EXPECT_EQ(escapesOf("pointer").size(), 2u);
}

TEST_F(ExceptionFlowTest, RethrowingHandlersLetItGoOn) {
  build(R"(
    void log();
    int bare(int t) { try { return auth::check(t); } catch (auth::Base &) { log(); throw; } }
    int conditional(int t, bool b) {
      try { return auth::check(t); } catch (auth::Base &) { if (b) throw; return 0; } }
    int sliced(int t) { try { return auth::check(t); } catch (auth::Base &e) { throw e; } }
    int nestedInner(int t) {
      try { try { return auth::check(t); } catch (auth::Expired &) { throw; } }
      catch (auth::Base &) { return 1; } }
    int rethrowOfInner(int t) {
      try { return auth::check(t); }
      catch (auth::Base &) { try { log(); } catch (...) { throw; } return 0; } }
  )");
  EXPECT_EQ(escapesOf("bare").size(), 2u);
  EXPECT_EQ(escapesOf("conditional").size(), 2u);
  // `throw e;` throws a copy of the caught type, once per call site.
  EXPECT_EQ(escapesOf("sliced"), (Names{"auth::Base@auth::check"}));
  EXPECT_TRUE(escapesOf("nestedInner").empty());
  EXPECT_TRUE(escapesOf("rethrowOfInner").empty());
}

TEST_F(ExceptionFlowTest, FunctionTryBlocks) {
  build(R"(
    struct Session {
      int v;
      Session(int t) try : v(auth::check(t)) {} catch (...) {}
      ~Session() try { auth::check(1); } catch (...) {}
    };
    int plain(int t) try { return auth::check(t); } catch (...) { return 0; }
  )");
  // Constructor and destructor handlers rethrow when they reach their end.
  EXPECT_EQ(escapesOf("Session").size(), 2u);
  EXPECT_EQ(escapesOf("~Session").size(), 2u);
  EXPECT_TRUE(escapesOf("plain").empty());
}

TEST_F(ExceptionFlowTest, InterproceduralWithPathsAndCuts) {
  build(R"(
    int inner(int t) { return auth::check(t); }
    int middle(int t) { return inner(t) + 1; }
    int outer(int t) { return middle(t); }
    int quiet(int t) noexcept { return auth::check(t); }
    int usesQuiet(int t) { return quiet(t); }
    int recursive(int t) { return t ? recursive(t - 1) : auth::check(t); }
    int handledBelow(int t) { try { return inner(t); } catch (auth::Base &) { return 0; } }
    int withCode(int t) { std::error_code ec; return auth::check(t, ec); }
  )");
  EXPECT_EQ(escapesOf("outer").size(), 2u);
  const clang::FunctionDecl *Outer = test::findFunction(*AST, "outer");
  std::vector<const Escape *> Path = Flow->path(Flow->escapes(*Outer).front());
  ASSERT_EQ(Path.size(), 3u);
  EXPECT_EQ(qualifiedName(*Path[0]->Callee), "middle");
  EXPECT_EQ(qualifiedName(*Path[1]->Callee), "inner");
  EXPECT_EQ(qualifiedName(*Path[2]->Callee), "auth::check");
  EXPECT_EQ(Path[2]->CalleeEscape, -1);
  // A noexcept callee terminates instead of propagating.
  EXPECT_TRUE(escapesOf("usesQuiet").empty());
  EXPECT_EQ(escapesOf("quiet").size(), 2u);
  EXPECT_EQ(escapesOf("recursive").size(), 2u);
  EXPECT_TRUE(escapesOf("handledBelow").empty());
  EXPECT_TRUE(escapesOf("withCode").empty());
}

TEST_F(ExceptionFlowTest, LambdasAreFunctionsOfTheirOwn) {
  build(R"(
    int defines(int t) { auto f = [t] { return auth::check(t); }; return 0; }
    int calls(int t) { auto f = [t] { return auth::check(t); }; return f(); }
    int guarded(int t) { auto f = [t] { try { return auth::check(t); } catch (...) { return 0; } }; return f(); }
  )");
  EXPECT_TRUE(escapesOf("defines").empty());
  EXPECT_EQ(escapesOf("calls").size(), 2u);
  EXPECT_TRUE(escapesOf("guarded").empty());
}

TEST_F(ExceptionFlowTest, DependentCallsInTemplatePatternsCount) {
  build(R"(
    template <class T> int generic(T t) { return auth::check(t); }
    template <class T> int genericWithCode(T t) { std::error_code ec; return auth::check(t, ec); }
    template <class E> int dependentHandler(int t) { try { return auth::check(t); } catch (E &) { return 0; } }
  )");
  EXPECT_EQ(escapesOf("generic").size(), 2u);
  EXPECT_TRUE(escapesOf("genericWithCode").empty());
  EXPECT_TRUE(escapesOf("dependentHandler").empty());
}

TEST_F(ExceptionFlowTest, TypesMissingFromTheTranslationUnitAreIgnored) {
  build("int f(int t) { return auth::check(t); }");
  Model.add({"auth::check", "", {"auth::NotDeclaredHere"}, {}});
  Flow = std::make_unique<ExceptionFlow>(Model, AST->getASTContext());
  EXPECT_EQ(escapesOf("f").size(), 2u);
}

} // namespace
