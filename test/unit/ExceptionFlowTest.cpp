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
        Out.push_back(E.TypeName + "@" + qualifiedName(*E.Api));
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
  // Through the recursive call as well as at the modelled call itself.
  EXPECT_EQ(escapesOf("recursive").size(), 4u);
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

TEST_F(ExceptionFlowTest, TypesMissingFromTheTranslationUnitAreKeptByName) {
  build("int f(int t) { return auth::check(t); }");
  Model.add({"auth::check", "", {"auth::NotDeclaredHere"}, {}});
  Flow = std::make_unique<ExceptionFlow>(Model, AST->getASTContext());
  EXPECT_EQ(escapesOf("f"), (Names{"auth::Expired@auth::check", "auth::Invalid@auth::check",
                                   "auth::NotDeclaredHere@auth::check"}));
}

TEST_F(ExceptionFlowTest, AnUndeclaredAliasOfADeclaredTypeIsNotCountedTwice) {
  build("int f(int t) { return auth::check(t); }");
  ApiModel Aliased;
  // An older release's name for auth::Expired, not declared here.
  Aliased.add({"auth::check", "", {"auth::Expired", "Expired"}, {}});
  Flow = std::make_unique<ExceptionFlow>(Aliased, AST->getASTContext());
  EXPECT_EQ(escapesOf("f"), (Names{"auth::Expired@auth::check"}));
}

} // namespace

namespace {

TEST_F(ExceptionFlowTest, RecursiveCyclesDoNotDependOnDeclarationOrder) {
  build(R"(
    int pong(int t);
    int ping(int t) { return t ? pong(t - 1) : auth::check(t); }
    int pong(int t) { return ping(t); }
    int enterPong(int t) noexcept { return pong(t); }
    int enterPing(int t) noexcept { return ping(t); }
  )");
  // Asked first for the entry declared last, then for the other: both see
  // the cycle's escapes, whichever was summarised first.
  Names Expected{"auth::Expired@auth::check", "auth::Invalid@auth::check"};
  EXPECT_EQ(escapesOf("enterPing"), Expected);
  EXPECT_EQ(escapesOf("enterPong"), Expected);
  // Every path through the cycle ends at the modelled call.
  const clang::FunctionDecl *Pong = test::findFunction(*AST, "enterPong");
  std::vector<const Escape *> Path = Flow->path(Flow->escapes(*Pong).front());
  EXPECT_EQ(Path.back()->CalleeEscape, -1);
  EXPECT_EQ(qualifiedName(*Path.back()->Callee), "auth::check");
}

TEST_F(ExceptionFlowTest, AHandledCycleStaysHandled) {
  build(R"(
    int odd(int t);
    int even(int t) { try { return t ? odd(t - 1) : auth::check(t); } catch (auth::Base &) { return 0; } }
    int odd(int t) { return even(t); }
    int entry(int t) noexcept { return odd(t); }
  )");
  EXPECT_TRUE(escapesOf("entry").empty());
  EXPECT_TRUE(escapesOf("even").empty());
}

TEST_F(ExceptionFlowTest, ADeepCallChainNeedsNoDeepStack) {
  // Each function calls the next; the last calls the modelled function. A
  // recursive walk would need one stack frame (or several) per function.
  constexpr int Depth = 15000;
  std::string Code = "int f" + std::to_string(Depth) + "(int t) { return auth::check(t); }\n";
  for (int I = Depth - 1; I >= 0; --I)
    Code += "int f" + std::to_string(I) + "(int t) { return f" + std::to_string(I + 1) + "(t); }\n";
  build(Code);
  EXPECT_EQ(escapesOf("f0").size(), 2u);
  const clang::FunctionDecl *First = test::findFunction(*AST, "f0");
  EXPECT_EQ(Flow->path(Flow->escapes(*First).front()).size(), static_cast<size_t>(Depth) + 1);
}

TEST_F(ExceptionFlowTest, ARethrowCaughtByANestedTryDoesNotEscape) {
  build(R"(
    int nested(int t) {
      try { return auth::check(t); }
      catch (auth::Base &) { try { throw; } catch (auth::Base &) { return 0; } }
    }
    int nestedSibling(int t) {
      try { return auth::check(t); }
      catch (auth::Base &) { try { throw; } catch (auth::Expired &) { return 0; } }
    }
    int nestedRethrows(int t) {
      try { return auth::check(t); }
      catch (auth::Base &) { try { throw; } catch (...) { throw; } }
    }
  )");
  EXPECT_TRUE(escapesOf("nested").empty());
  // The nested handler stops the expired token only; the invalid one goes on.
  EXPECT_EQ(escapesOf("nestedSibling"), (Names{"auth::Invalid@auth::check"}));
  EXPECT_EQ(escapesOf("nestedRethrows").size(), 2u);
}

TEST_F(ExceptionFlowTest, DefaultMemberInitialisersCountForTheirConstructors) {
  build(R"(
    struct Session {
      int claims = auth::check(1);
      Session() {}
      Session(int given) : claims(given) {}
    };
    struct Guarded {
      int claims = auth::check(1);
      Guarded() try {} catch (...) { }
    };
    void open() { Session s; }
  )");
  const auto *Default = llvm::cast<clang::CXXRecordDecl>(
      test::findFunction(*AST, "Session")->getParent());
  for (const clang::CXXConstructorDecl *Ctor : Default->ctors()) {
    if (!Ctor->isThisDeclarationADefinition())
      continue;
    // The default initialiser runs in Session() but not in Session(int).
    EXPECT_EQ(Flow->escapes(*Ctor).size(), Ctor->getNumParams() == 0 ? 2u : 0u);
  }
  EXPECT_EQ(escapesOf("open").size(), 2u);
  // A constructor's function-try-block handler rethrows at its end.
  EXPECT_EQ(escapesOf("Guarded").size(), 2u);
}

TEST_F(ExceptionFlowTest, HandlersCatchThroughUnambiguousPublicBasesOnly) {
  build(R"(
    namespace lib {
      struct Root {};
      struct Left : Root {};
      struct Right : Root {};
      struct Diamond : Left, Right {};
      class Hidden : Root {};
      int decode(int);
    }
    int ambiguous(int t) { try { return lib::decode(t); } catch (lib::Root &) { return 0; } }
    int viaLeft(int t) { try { return lib::decode(t); } catch (lib::Left &) { return 0; } }
    int privateBase(int t) { try { return lib::decode(t); } catch (lib::Root &) { return 0; } }
  )");
  Model.add({"lib::decode", "", {"lib::Diamond"}, {}});
  Flow = std::make_unique<ExceptionFlow>(Model, AST->getASTContext());
  EXPECT_EQ(escapesOf("ambiguous"), (Names{"lib::Diamond@lib::decode"}));
  EXPECT_TRUE(escapesOf("viaLeft").empty());
  ApiModel Hidden;
  Hidden.add({"lib::decode", "", {"lib::Hidden"}, {}});
  Flow = std::make_unique<ExceptionFlow>(Hidden, AST->getASTContext());
  EXPECT_EQ(escapesOf("privateBase"), (Names{"lib::Hidden@lib::decode"}));
}

TEST_F(ExceptionFlowTest, UndeclaredModelTypesAreMatchedByName) {
  build(R"(
    namespace std { struct exception {}; }
    namespace Poco { struct Exception : std::exception {}; }
    namespace lib { int verify(int); }
    int bare(int t) { return lib::verify(t); }
    int byStd(int t) { try { return lib::verify(t); } catch (const std::exception &) { return 0; } }
    int byPoco(int t) { try { return lib::verify(t); } catch (const Poco::Exception &) { return 0; } }
    int other(int t) { try { return lib::verify(t); } catch (const auth::Base &) { return 0; } }
  )");
  // The translation unit declares neither Poco::JWT class.
  Model.add({"lib::verify", "", {"Poco::JWT::ParseException"}, {}});
  Flow = std::make_unique<ExceptionFlow>(Model, AST->getASTContext());
  EXPECT_EQ(escapesOf("bare"), (Names{"Poco::JWT::ParseException@lib::verify"}));
  EXPECT_TRUE(escapesOf("byStd").empty());
  EXPECT_TRUE(escapesOf("byPoco").empty());
  EXPECT_EQ(escapesOf("other"), (Names{"Poco::JWT::ParseException@lib::verify"}));
}

} // namespace
