// Unit tests of the API model: built-ins, option and YAML parsing, overload kinds.
#include "lib/ApiModel.h"

#include "ASTHelpers.h"
#include "gtest/gtest.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>
#include <set>

using namespace failguard;

namespace {

std::string errorOf(llvm::Error E) { return E ? llvm::toString(std::move(E)) : ""; }

TEST(ApiModelTest, BuiltinsCoverTheThreeLibraries) {
  ApiModel Model = ApiModel::builtin();
  ASSERT_EQ(Model.find("jwt::verifier::verify").size(), 1u);
  EXPECT_EQ(Model.find("jwt::verifier::verify")[0].ErrorCodeThrows,
            (std::vector<std::string>{"jwt::error::claim_not_present_exception", "std::bad_cast",
                                      "std::logic_error", "std::runtime_error"}));
  // jwt-cpp's and cpp-jwt's jwt::decode are told apart by their return types.
  llvm::ArrayRef<ApiFunction> Decode = Model.find("jwt::decode");
  ASSERT_EQ(Decode.size(), 2u);
  EXPECT_EQ(Decode[0].Returns, "jwt::decoded_jwt");
  EXPECT_TRUE(llvm::is_contained(Decode[0].Throws, "jwt::error::invalid_json_exception"));
  // jwt-cpp 0.7.2's parse_claims: JSON that is not an object is a bad_cast.
  EXPECT_TRUE(llvm::is_contained(Decode[0].Throws, "std::bad_cast"));
  // basic_claim::get_type (behind as_date) throws std::logic_error for a JSON null.
  EXPECT_TRUE(llvm::is_contained(Model.find("jwt::payload::get_expires_at")[0].Throws,
                                 "std::logic_error"));
  EXPECT_FALSE(llvm::is_contained(Model.find("jwt::payload::get_subject")[0].Throws,
                                  "std::logic_error"));
  EXPECT_EQ(Decode[1].Returns, "jwt::jwt_object");
  EXPECT_TRUE(llvm::is_contained(Decode[1].Throws, "jwt::TokenExpiredError"));
  EXPECT_FALSE(llvm::is_contained(Decode[1].Throws, "std::invalid_argument"));
  // cpp-jwt 1.4's error_code overload still lets nlohmann::json's type_error
  // and invalid_iterator out.
  EXPECT_EQ(Decode[1].ErrorCodeThrows,
            (std::vector<std::string>{"nlohmann::detail::type_error",
                                      "nlohmann::detail::invalid_iterator"}));
  ASSERT_EQ(Model.find("Poco::JWT::Signer::tryVerify").size(), 1u);
  EXPECT_FALSE(llvm::is_contained(Model.find("Poco::JWT::Signer::tryVerify")[0].Throws,
                                  "Poco::JWT::SignatureVerificationException"));
}

TEST(ApiModelTest, OptionEntriesAreAdded) {
  ApiModel Model;
  EXPECT_EQ(errorOf(Model.addFromOption("auth::check=auth::Expired, auth::Bad ; ::auth::peek=std::runtime_error")), "");
  ASSERT_EQ(Model.find("auth::check").size(), 1u);
  EXPECT_EQ(Model.find("auth::check")[0].Throws, (std::vector<std::string>{"auth::Expired", "auth::Bad"}));
  EXPECT_EQ(Model.find("auth::peek").size(), 1u);
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
    returns: acme::Token
    throws: [acme::TokenInvalid]
    error-code-throws: [std::bad_alloc]
)",
                                      "model.yaml")),
            "");
  ASSERT_EQ(Model.find("acme::decode").size(), 1u);
  EXPECT_EQ(Model.find("acme::decode")[0].Returns, "acme::Token");
  EXPECT_EQ(Model.find("acme::decode")[0].ErrorCodeThrows, std::vector<std::string>{"std::bad_alloc"});
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
  Model.add({"jwt::verifier::peek", "", {"E"}, {}, {}, ""});
  using namespace clang::ast_matchers;
  auto Verifies = match(cxxMethodDecl(hasName("verify")).bind("m"), AST->getASTContext());
  ASSERT_EQ(Verifies.size(), 2u);
  const auto *Throwing = Verifies[0].getNodeAs<clang::FunctionDecl>("m");
  const auto *WithCode = Verifies[1].getNodeAs<clang::FunctionDecl>("m");
  EXPECT_EQ(Model.thrownBy(*Throwing), &Model.find("jwt::verifier::verify")[0].Throws);
  EXPECT_EQ(Model.thrownBy(*WithCode), &Model.find("jwt::verifier::verify")[0].ErrorCodeThrows);
  // A const error_code& is an input, not the failure channel.
  const auto *Peek = test::findFunction(*AST, "peek");
  EXPECT_EQ(Model.thrownBy(*Peek), &Model.find("jwt::verifier::peek")[0].Throws);
}

TEST(ApiModelTest, ReturnTypeTellsLibrariesApart) {
  auto AST = test::buildAST(R"(
    namespace jwt {
      template <class T> struct decoded_jwt {};
      struct jwt_object {};
      decoded_jwt<int> decode(const char *token) { return {}; }
      jwt_object decode(const char *token, int algorithms) { return {}; }
      int decode(int other) { return 0; }
    }
  )");
  ApiModel Model = ApiModel::builtin();
  using namespace clang::ast_matchers;
  auto Decodes = match(functionDecl(hasName("decode")).bind("f"), AST->getASTContext());
  ASSERT_EQ(Decodes.size(), 3u);
  const ApiFunction *JwtCpp = Model.match(*Decodes[0].getNodeAs<clang::FunctionDecl>("f"));
  const ApiFunction *CppJwt = Model.match(*Decodes[1].getNodeAs<clang::FunctionDecl>("f"));
  ASSERT_NE(JwtCpp, nullptr);
  ASSERT_NE(CppJwt, nullptr);
  EXPECT_EQ(JwtCpp->Returns, "jwt::decoded_jwt");
  EXPECT_EQ(CppJwt->Returns, "jwt::jwt_object");
  EXPECT_EQ(Model.match(*Decodes[2].getNodeAs<clang::FunctionDecl>("f")), nullptr);
}

TEST(ApiModelTest, TokenCasesAreOneVocabularyOfKebabCaseNames) {
  std::set<std::string> Names;
  for (const TokenCase &C : tokenCases()) {
    EXPECT_TRUE(Names.insert(C.Name.str()).second) << C.Name.str();
    for (char Ch : C.Name)
      EXPECT_TRUE(llvm::isLower(Ch) || llvm::isDigit(Ch) || Ch == '-') << C.Name.str();
    EXPECT_FALSE(C.Description.empty()) << C.Name.str();
    EXPECT_TRUE(isTokenCase(C.Name));
  }
  EXPECT_TRUE(Names.count("expired") && Names.count("alg-not-string") && Names.count("claim-null"));
  EXPECT_FALSE(isTokenCase("valid"));
  EXPECT_FALSE(isTokenCase("Expired"));
}

TEST(ApiModelTest, EveryBuiltinEntrySaysItsLibraryAndWhichCasesRaiseWhatItThrows) {
  ApiModel Model = ApiModel::builtin();
  ASSERT_EQ(Model.entries().size(), Model.size());
  for (const ApiFunction *F : Model.entries()) {
    EXPECT_FALSE(F->Library.empty()) << F->Name;
    EXPECT_FALSE(F->Cases.empty()) << F->Name;
    for (const auto &[Type, Cases] : F->Cases) {
      EXPECT_TRUE(llvm::is_contained(F->Throws, Type) ||
                  llvm::is_contained(F->ErrorCodeThrows, Type))
          << F->Name << ": " << Type;
      EXPECT_FALSE(Cases.empty()) << F->Name << ": " << Type;
      for (const std::string &Case : Cases)
        EXPECT_TRUE(isTokenCase(Case)) << F->Name << ": " << Case;
    }
  }
  llvm::ArrayRef<ApiFunction> Decode = Model.find("jwt::decode");
  ASSERT_EQ(Decode.size(), 2u);
  EXPECT_EQ(Decode[0].Library, "jwt-cpp 0.7.2");
  EXPECT_EQ(Decode[0].Cases.at("std::invalid_argument"),
            std::vector<std::string>{"not-three-parts"});
  // cpp-jwt 1.4 walks a payload that is not an object with nlohmann's key(),
  // through either overload (test/conformance/cpp-jwt.test).
  EXPECT_TRUE(llvm::is_contained(Decode[1].Throws, "nlohmann::detail::invalid_iterator"));
  EXPECT_TRUE(llvm::is_contained(Decode[1].ErrorCodeThrows, "nlohmann::detail::invalid_iterator"));
  EXPECT_EQ(Decode[1].Cases.at("nlohmann::detail::invalid_iterator"),
            std::vector<std::string>{"payload-not-object"});
  EXPECT_EQ(Decode[1].Cases.at("nlohmann::detail::type_error"),
            std::vector<std::string>{"alg-not-string"});
  // Poco's tryVerify reports a bad signature through its result.
  const ApiFunction &TryVerify = Model.find("Poco::JWT::Signer::tryVerify")[0];
  for (const auto &[Type, Cases] : TryVerify.Cases)
    EXPECT_FALSE(llvm::is_contained(Cases, "bad-signature")) << Type;
}

TEST(ApiModelTest, YamlEntriesSayTheirLibraryAndCases) {
  ApiModel Model;
  EXPECT_EQ(errorOf(Model.addFromYAML(R"(functions:
  - name: acme::TokenService::validate
    library: "acme-auth 2.3"
    throws: [acme::TokenExpired, acme::TokenInvalid]
    cases:
      acme::TokenExpired: [expired, not-yet-valid]
      "::acme::TokenInvalid": [bad-signature]
  - name: acme::peek
    error-code-throws: [acme::Malformed]
    cases: {acme::Malformed: [not-three-parts]}
)",
                                      "model.yaml")),
            "");
  const ApiFunction &Validate = Model.find("acme::TokenService::validate")[0];
  EXPECT_EQ(Validate.Library, "acme-auth 2.3");
  EXPECT_EQ(Validate.Cases.at("acme::TokenExpired"),
            (std::vector<std::string>{"expired", "not-yet-valid"}));
  EXPECT_EQ(Validate.Cases.at("acme::TokenInvalid"), std::vector<std::string>{"bad-signature"});
  EXPECT_EQ(Model.find("acme::peek")[0].Cases.at("acme::Malformed"),
            std::vector<std::string>{"not-three-parts"});
  // Entries of one function merge their cases; the first library named stays.
  EXPECT_EQ(errorOf(Model.addFromYAML(R"(functions:
  - name: acme::TokenService::validate
    library: "acme-auth 2.4"
    throws: [acme::TokenExpired]
    cases: {acme::TokenExpired: [expired, issued-in-future]}
)",
                                      "more.yaml")),
            "");
  EXPECT_EQ(Validate.Cases.at("acme::TokenExpired"),
            (std::vector<std::string>{"expired", "not-yet-valid", "issued-in-future"}));
  EXPECT_EQ(Validate.Library, "acme-auth 2.3");
}

TEST(ApiModelTest, YamlCasesOutsideTheVocabularyOrTheThrownClassesAreErrors) {
  ApiModel Model;
  std::string Error = errorOf(Model.addFromYAML(
      "functions:\n  - name: f\n    throws: [E]\n    cases: {E: [expird]}\n", "m.yaml"));
  EXPECT_NE(Error.find("m.yaml: invalid API model entry 'f': unknown token case 'expird' (the "
                       "token cases are: expired, not-yet-valid,"),
            std::string::npos)
      << Error;
  Error = errorOf(Model.addFromYAML(
      "functions:\n  - name: f\n    throws: [E]\n    cases: {F: [expired]}\n", "m.yaml"));
  EXPECT_NE(Error.find("'cases' names 'F', which is not under 'throws' or 'error-code-throws'"),
            std::string::npos)
      << Error;
  Error = errorOf(Model.addFromYAML(
      "functions:\n  - name: f\n    throws: [E]\n    cases: {E: []}\n", "m.yaml"));
  EXPECT_NE(Error.find("'cases' of 'E' names no token case"), std::string::npos) << Error;
  Error = errorOf(Model.addFromYAML(
      "functions:\n  - name: f\n    throws: [E]\n    cases: [expired]\n", "m.yaml"));
  EXPECT_NE(Error.find("m.yaml:4:"), std::string::npos) << Error;
  EXPECT_EQ(Model.size(), 0u);
  // The same entry within the vocabulary is accepted.
  EXPECT_EQ(errorOf(Model.addFromYAML(
                "functions:\n  - name: f\n    throws: [E]\n    cases: {E: [expired]}\n",
                "m.yaml")),
            "");
}

TEST(ApiModelTest, FingerprintCoversCasesAndLibrary) {
  auto Fingerprint = [](std::map<std::string, std::vector<std::string>> Cases,
                        std::string Library) {
    ApiModel Model;
    Model.add({"acme::check", "", {"acme::Bad"}, {}, std::move(Cases), std::move(Library)});
    return Model.fingerprint();
  };
  std::string Base = Fingerprint({{"acme::Bad", {"expired"}}}, "acme 1");
  EXPECT_EQ(Base, Fingerprint({{"acme::Bad", {"expired"}}}, "acme 1"));
  EXPECT_NE(Base, Fingerprint({{"acme::Bad", {"expired", "bad-signature"}}}, "acme 1"));
  EXPECT_NE(Base, Fingerprint({}, "acme 1"));
  EXPECT_NE(Base, Fingerprint({{"acme::Bad", {"expired"}}}, "acme 2"));
  // Only the set of cases counts, not the order they were written in.
  EXPECT_EQ(Fingerprint({{"acme::Bad", {"expired", "bad-signature"}}}, ""),
            Fingerprint({{"acme::Bad", {"bad-signature", "expired"}}}, ""));
}

// The built-in model written as a model file reads back as the same model.
// With FAILGUARD_WRITE_BUILTIN_MODEL set, the test also writes the vocabulary
// and that file there: test/conformance reads it to know what the model says.
TEST(ApiModelTest, BuiltinModelReadsBackFromItsModelFile) {
  ApiModel Builtin = ApiModel::builtin();
  std::string File = Builtin.toModelFile();
  ApiModel Read;
  ASSERT_EQ(errorOf(Read.addFromYAML(File, "builtin.json")), "");
  EXPECT_EQ(Read.fingerprint(), Builtin.fingerprint());
  EXPECT_EQ(Read.size(), Builtin.size());

  const char *Path = std::getenv("FAILGUARD_WRITE_BUILTIN_MODEL");
  if (!Path || !*Path)
    return;
  llvm::json::Array Cases;
  for (const TokenCase &C : tokenCases())
    Cases.push_back(llvm::json::Object{{"name", C.Name}, {"description", C.Description}});
  llvm::Expected<llvm::json::Value> Model = llvm::json::parse(File);
  ASSERT_TRUE(bool(Model)) << llvm::toString(Model.takeError());
  std::error_code EC;
  llvm::raw_fd_ostream Out(Path, EC);
  ASSERT_FALSE(EC) << EC.message();
  Out << llvm::json::Value(
      llvm::json::Object{{"token-cases", std::move(Cases)}, {"model", std::move(*Model)}});
}

} // namespace
