// Unit tests of the API model: built-ins, option and YAML parsing, overload kinds.
#include "lib/ApiModel.h"

#include "ASTHelpers.h"
#include "gtest/gtest.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace failguard;

namespace {

std::string errorOf(llvm::Error E) { return E ? llvm::toString(std::move(E)) : ""; }

TEST(ApiModelTest, BuiltinsCoverTheThreeLibraries) {
  ApiModel Model = ApiModel::builtin();
  ASSERT_NE(Model.find("jwt::verifier::verify"), nullptr);
  EXPECT_EQ(Model.find("jwt::verifier::verify")->ErrorCodeThrows,
            (std::vector<std::string>{"jwt::error::claim_not_present_exception", "std::bad_cast"}));
  // jwt-cpp's and cpp-jwt's jwt::decode merge into one entry.
  const ApiFunction *Decode = Model.find("jwt::decode");
  ASSERT_NE(Decode, nullptr);
  EXPECT_TRUE(llvm::is_contained(Decode->Throws, "jwt::error::invalid_json_exception"));
  EXPECT_TRUE(llvm::is_contained(Decode->Throws, "jwt::TokenExpiredError"));
  EXPECT_TRUE(Decode->ErrorCodeThrows.empty());
  ASSERT_NE(Model.find("Poco::JWT::Signer::tryVerify"), nullptr);
  EXPECT_FALSE(llvm::is_contained(Model.find("Poco::JWT::Signer::tryVerify")->Throws,
                                  "Poco::JWT::SignatureVerificationException"));
}

TEST(ApiModelTest, OptionEntriesAreAdded) {
  ApiModel Model;
  EXPECT_EQ(errorOf(Model.addFromOption("auth::check=auth::Expired, auth::Bad ; ::auth::peek=std::runtime_error")), "");
  ASSERT_NE(Model.find("auth::check"), nullptr);
  EXPECT_EQ(Model.find("auth::check")->Throws, (std::vector<std::string>{"auth::Expired", "auth::Bad"}));
  EXPECT_NE(Model.find("auth::peek"), nullptr);
}

TEST(ApiModelTest, MalformedOptionEntryIsNamedAndNothingIsAdded) {
  ApiModel Model;
  std::string Error = errorOf(Model.addFromOption("good::f=E;bad entry"));
  EXPECT_NE(Error.find("invalid API model entry 'bad entry'"), std::string::npos) << Error;
  EXPECT_EQ(Model.size(), 0u);
  Error = errorOf(Model.addFromOption("f=not a type"));
  EXPECT_NE(Error.find("'not a type' is not a qualified class name"), std::string::npos) << Error;
  Error = errorOf(Model.addFromOption("f="));
  EXPECT_NE(Error.find("names no exception type"), std::string::npos) << Error;
}

TEST(ApiModelTest, YamlModelIsParsed) {
  ApiModel Model;
  EXPECT_EQ(errorOf(Model.addFromYAML(R"(functions:
  - name: acme::TokenService::validate
    throws: [acme::TokenExpired, acme::TokenInvalid]
  - name: acme::decode
    throws: [acme::TokenInvalid]
    error-code-throws: [std::bad_alloc]
)",
                                      "model.yaml")),
            "");
  ASSERT_NE(Model.find("acme::decode"), nullptr);
  EXPECT_EQ(Model.find("acme::decode")->ErrorCodeThrows, std::vector<std::string>{"std::bad_alloc"});
}

TEST(ApiModelTest, YamlErrorsSayWhereAndWhat) {
  ApiModel Model;
  std::string Error = errorOf(Model.addFromYAML("functions:\n  - name: f\n    thrown: [E]\n", "m.yaml"));
  EXPECT_NE(Error.find("m.yaml:3:5: unknown key 'thrown'"), std::string::npos) << Error;
  Error = errorOf(Model.addFromYAML("functions:\n  - name: 'a b'\n    throws: [E]\n", "m.yaml"));
  EXPECT_NE(Error.find("invalid API model entry 'a b'"), std::string::npos) << Error;
  Error = errorOf(Model.addFromYAML("[", "m.yaml"));
  EXPECT_NE(Error.find("m.yaml:"), std::string::npos) << Error;
  EXPECT_EQ(Model.size(), 0u);
}

TEST(ApiModelTest, MissingFileIsAClearError) {
  ApiModel Model;
  std::string Error = errorOf(Model.addFromFile("/nonexistent/failguard-model.yaml"));
  EXPECT_NE(Error.find("cannot read API model file '/nonexistent/failguard-model.yaml'"),
            std::string::npos)
      << Error;
}

TEST(ApiModelTest, ErrorCodeOverloadsSelectTheirOwnList) {
  auto AST = test::buildAST(R"(
    namespace std { class error_code {}; }
    namespace jwt { struct verifier {
      void verify(int token) const {}
      void verify(int token, std::error_code &ec) const {}
      void peek(const std::error_code &ec) const {}
    }; }
  )");
  ApiModel Model = ApiModel::builtin();
  Model.add({"jwt::verifier::peek", {"E"}, {}});
  using namespace clang::ast_matchers;
  auto Verifies = match(cxxMethodDecl(hasName("verify")).bind("m"), AST->getASTContext());
  ASSERT_EQ(Verifies.size(), 2u);
  const auto *Throwing = Verifies[0].getNodeAs<clang::FunctionDecl>("m");
  const auto *WithCode = Verifies[1].getNodeAs<clang::FunctionDecl>("m");
  EXPECT_EQ(Model.thrownBy(*Throwing), &Model.find("jwt::verifier::verify")->Throws);
  EXPECT_EQ(Model.thrownBy(*WithCode), &Model.find("jwt::verifier::verify")->ErrorCodeThrows);
  // A const error_code& is an input, not the failure channel.
  const auto *Peek = test::findFunction(*AST, "peek");
  EXPECT_EQ(Model.thrownBy(*Peek), &Model.find("jwt::verifier::peek")->Throws);
}

} // namespace
