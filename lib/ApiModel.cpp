// Built-in and user API models, and the parsers for the user's.
#include "lib/ApiModel.h"

#include "lib/NameMatching.h"
#include "lib/OptionList.h"
#include "lib/SafeRead.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"
#include <tuple>

using namespace clang;

namespace {
struct YamlFunction {
  std::string Name;
  std::string Returns;
  std::string Library;
  std::vector<std::string> Throws;
  std::vector<std::string> ErrorCodeThrows;
  std::map<std::string, std::vector<std::string>> Cases;
};
struct YamlModel {
  std::vector<YamlFunction> Functions;
};
} // namespace

LLVM_YAML_IS_SEQUENCE_VECTOR(YamlFunction)
LLVM_YAML_IS_STRING_MAP(std::vector<std::string>)

namespace llvm::yaml {
template <> struct MappingTraits<YamlFunction> {
  static void mapping(IO &IO, YamlFunction &F) {
    IO.mapRequired("name", F.Name);
    IO.mapOptional("returns", F.Returns);
    IO.mapOptional("library", F.Library);
    IO.mapOptional("throws", F.Throws);
    IO.mapOptional("error-code-throws", F.ErrorCodeThrows);
    IO.mapOptional("cases", F.Cases);
  }
};
template <> struct MappingTraits<YamlModel> {
  static void mapping(IO &IO, YamlModel &M) { IO.mapRequired("functions", M.Functions); }
};
} // namespace llvm::yaml

namespace failguard {

namespace {
struct BuiltinEntry {
  const char *Name;
  const char *Returns;
  const char *Throws;
  const char *ErrorCodeThrows;
  // "Class=case,case;Class=case": the token cases that raise each class.
  const char *Cases;
  const char *Library;
};

// The vocabulary of token edge cases. tools/git-failguard/git_failguard/
// tokens.py crafts a token for each (test/conformance checks both lists are
// the same); docs/api-models.md documents them.
const TokenCase TokenCaseList[] = {
    {"expired", "\"exp\" is a day in the past"},
    {"not-yet-valid", "\"nbf\" is a day in the future"},
    {"issued-in-future", "\"iat\" is a day in the future"},
    {"wrong-issuer", "\"iss\" is not the issuer the verifier expects"},
    {"wrong-audience", "\"aud\" is not the audience the verifier expects"},
    {"wrong-subject", "\"sub\" is not the subject the verifier expects"},
    {"bad-signature", "the signature does not match the header and payload"},
    {"none-algorithm", "\"alg\" is \"none\" and the signature is empty"},
    {"unsupported-algorithm", "\"alg\" names no algorithm of RFC 7518"},
    {"algorithm-mismatch",
     "a validly signed token of another algorithm than the verifier's (HS384 for HS256; HS256 "
     "keyed with the public key for RS256 and ES256)"},
    {"missing-algorithm", "the header has no \"alg\""},
    {"alg-not-string", "\"alg\" is a number"},
    {"not-three-parts", "the token has two parts, no signature"},
    {"bad-base64url", "the payload has a character outside the base64url alphabet"},
    {"header-not-json", "the header is not JSON"},
    {"payload-not-json", "the payload is not JSON"},
    {"header-not-object", "the header is JSON but not an object (an array)"},
    {"payload-not-object", "the payload is JSON but not an object (an array)"},
    {"missing-claim", "the payload has no claim at all and the header only \"alg\""},
    {"claim-wrong-type",
     "\"iss\", \"sub\", \"aud\", \"jti\" and the required claims are numbers; \"exp\", "
     "\"nbf\" and \"iat\" are strings"},
    {"claim-null", "every claim is null"},
};

// Exception lists come from the libraries' sources; each block names the
// release it was checked against. Types a translation unit does not declare
// are ignored.
//
// jwt-cpp 0.7.2 (include/jwt-cpp/jwt.h and the traits under
// include/jwt-cpp/traits/; exceptions in jwt::error since 0.5.0):
// - decoded_jwt's constructor (behind both jwt::decode overloads) throws
//   std::invalid_argument for a token without two dots, std::runtime_error
//   from the base64 decoder, and from map_of_claims::parse_claims
//   invalid_json_exception for JSON that does not parse and std::bad_cast for
//   JSON that is not an object (every traits' as_object checks the type);
// - map_of_claims::get_claim, behind every get_payload_claim and
//   get_header_claim, throws only claim_not_present_exception;
// - basic_claim's as_* conversions throw std::bad_cast (the traits'
//   as_string, as_integer, ... check the JSON type); get_type throws
//   std::logic_error for a JSON null (every traits' get_type has no case for
//   it), and as_date calls it;
// - the named getters (get_issuer, ...) are get_payload_claim + as_*;
//   get_audience also calls get_type;
// - verifier::verify(jwt) throws what error::throw_if_error makes of the
//   error code: token_verification_exception, signature_verification_exception
//   and signature_generation_exception (hmacsha::verify signs, pss::verify
//   reports rsa_padding_failed as a generation error); both overloads read
//   the "alg" header claim with get_algorithm() (claim_not_present_exception,
//   std::bad_cast) and run the claim checks, which call get_type and as_date
//   (std::logic_error for a null claim, std::bad_cast for an audience array
//   of non-strings) and, for insensitive_string_claim, throw
//   std::runtime_error for a claim that is not a valid multibyte string.
constexpr const char *JwtCppDecode = "std::invalid_argument,std::runtime_error,"
                                     "jwt::error::invalid_json_exception,std::bad_cast";
constexpr const char *JwtCppClaimGet = "jwt::error::claim_not_present_exception";
constexpr const char *JwtCppClaim = "jwt::error::claim_not_present_exception,std::bad_cast";
constexpr const char *JwtCppClaimTyped =
    "jwt::error::claim_not_present_exception,std::bad_cast,std::logic_error";
constexpr const char *JwtCppClaimValue = "std::bad_cast";
constexpr const char *JwtCppClaimDateValue = "std::bad_cast,std::logic_error";
constexpr const char *JwtCppClaimType = "std::logic_error";
constexpr const char *JwtCppVerify =
    "jwt::error::token_verification_exception,jwt::error::signature_verification_exception,"
    "jwt::error::signature_generation_exception,jwt::error::claim_not_present_exception,"
    "std::bad_cast,std::logic_error,std::runtime_error";
constexpr const char *JwtCppVerifyErrorCode =
    "jwt::error::claim_not_present_exception,std::bad_cast,std::logic_error,std::runtime_error";
// The token cases, as bench/conformance/jwt-cpp.cpp observed them with the
// picojson traits (docs/api-models.md): verify reports the time, issuer,
// audience, subject and algorithm checks as token_verification_exception, and
// a claim of the wrong type either so (the claim checks compare types) or as
// std::bad_cast (the exp, nbf and iat checks convert with as_date); the
// claim checks meet a null claim with get_type's std::logic_error. No crafted
// token makes verify throw signature_generation_exception (an RSA-PSS key
// error) or std::runtime_error (with_type's case-insensitive comparison of an
// invalid multibyte string).
constexpr const char *JwtCppLibrary = "jwt-cpp 0.7.2";
constexpr const char *JwtCppDecodeCases =
    "std::invalid_argument=not-three-parts;std::runtime_error=bad-base64url;"
    "jwt::error::invalid_json_exception=header-not-json,payload-not-json;"
    "std::bad_cast=header-not-object,payload-not-object";
constexpr const char *JwtCppVerifyCases =
    "jwt::error::token_verification_exception=expired,not-yet-valid,issued-in-future,"
    "wrong-issuer,wrong-audience,wrong-subject,none-algorithm,unsupported-algorithm,"
    "algorithm-mismatch,missing-claim,claim-wrong-type;"
    "jwt::error::signature_verification_exception=bad-signature;"
    "jwt::error::claim_not_present_exception=missing-algorithm;"
    "std::bad_cast=alg-not-string,claim-wrong-type;std::logic_error=claim-null";
constexpr const char *JwtCppClaimGetCases = "jwt::error::claim_not_present_exception=missing-claim";
constexpr const char *JwtCppHeaderClaimGetCases =
    "jwt::error::claim_not_present_exception=missing-claim,missing-algorithm";
constexpr const char *JwtCppClaimCases =
    "jwt::error::claim_not_present_exception=missing-claim;std::bad_cast=claim-wrong-type,claim-null";
constexpr const char *JwtCppClaimTypedCases =
    "jwt::error::claim_not_present_exception=missing-claim;std::bad_cast=claim-wrong-type;"
    "std::logic_error=claim-null";
constexpr const char *JwtCppClaimValueCases = "std::bad_cast=claim-wrong-type,claim-null";
constexpr const char *JwtCppClaimDateValueCases =
    "std::bad_cast=claim-wrong-type;std::logic_error=claim-null";
constexpr const char *JwtCppClaimTypeCases = "std::logic_error=claim-null";
// cpp-jwt 1.4 (Debian libcpp-jwt-dev; jwt/impl/jwt.ipp): jwt_throw_exception
// turns the error code into one of these; both overloads of jwt::decode let
// nlohmann::json's type_error out of jwt_header::decode, which reads the "alg"
// and "typ" header values with get<std::string>() outside any try, and its
// invalid_iterator out of jwt_payload::decode, which walks the payload's keys
// with key() without checking that it is an object (found by
// test/conformance/cpp-jwt.test). KeyNotPresentError (no secret given) and
// InvalidKeyError (a key that does not load) depend on the configuration, not
// on the token. Nothing compares "iat" with the time: a token issued in the
// future is accepted.
constexpr const char *CppJwtLibrary = "cpp-jwt 1.4 (Debian libcpp-jwt-dev 1.4+ds-3)";
constexpr const char *CppJwtDecode =
    "jwt::DecodeError,jwt::SignatureFormatError,jwt::KeyNotPresentError,"
    "jwt::InvalidAlgorithmError,jwt::TokenExpiredError,jwt::InvalidIssuerError,"
    "jwt::InvalidAudienceError,jwt::InvalidSubjectError,jwt::InvalidIATError,"
    "jwt::InvalidJTIError,jwt::ImmatureSignatureError,jwt::InvalidSignatureError,"
    "jwt::InvalidKeyError,jwt::TypeConversionError,nlohmann::detail::type_error,"
    "nlohmann::detail::invalid_iterator";
constexpr const char *CppJwtDecodeErrorCode =
    "nlohmann::detail::type_error,nlohmann::detail::invalid_iterator";
constexpr const char *CppJwtDecodeCases =
    "jwt::SignatureFormatError=not-three-parts;"
    "jwt::DecodeError=bad-base64url,header-not-json,payload-not-json,header-not-object,"
    "missing-algorithm;"
    "nlohmann::detail::type_error=alg-not-string;"
    "nlohmann::detail::invalid_iterator=payload-not-object;"
    "jwt::InvalidAlgorithmError=none-algorithm,unsupported-algorithm,algorithm-mismatch;"
    "jwt::TokenExpiredError=expired;jwt::ImmatureSignatureError=not-yet-valid;"
    "jwt::InvalidIssuerError=wrong-issuer,missing-claim;"
    "jwt::InvalidAudienceError=wrong-audience,missing-claim;"
    "jwt::InvalidSubjectError=wrong-subject,missing-claim;"
    "jwt::InvalidIATError=missing-claim;jwt::InvalidJTIError=missing-claim;"
    "jwt::TypeConversionError=claim-wrong-type,claim-null;"
    "jwt::InvalidSignatureError=bad-signature";
// Poco 1.11.0 (JWT/src/Signer.cpp): tryVerify throws ParseException for fewer
// than three parts or a part that is not a JSON object, then the algorithm
// exceptions; verify adds SignatureVerificationException for a bad signature.
// What a misconfigured Signer throws (no key for an allowed algorithm) does not
// depend on the token and is not modelled.
// Neither checks a claim. A Signer allows only the algorithms it was given:
// any other "alg", or none, is UnallowedAlgorithmException; an allowed name
// Poco does not implement is UnsupportedAlgorithmException.
constexpr const char *PocoVerifyBeforeSignature =
    "Poco::JWT::ParseException,Poco::JWT::UnallowedAlgorithmException,"
    "Poco::JWT::UnsupportedAlgorithmException";
constexpr const char *PocoLibrary = "Poco 1.11.0 (Debian libpoco-dev 1.11.0-3+deb12u1)";
constexpr const char *PocoTryVerifyCases =
    "Poco::JWT::ParseException=not-three-parts,bad-base64url,header-not-json,payload-not-json,"
    "header-not-object,payload-not-object;"
    "Poco::JWT::UnallowedAlgorithmException=none-algorithm,unsupported-algorithm,"
    "algorithm-mismatch,missing-algorithm,alg-not-string;"
    "Poco::JWT::UnsupportedAlgorithmException=unsupported-algorithm";
constexpr const char *PocoVerifyCases =
    "Poco::JWT::ParseException=not-three-parts,bad-base64url,header-not-json,payload-not-json,"
    "header-not-object,payload-not-object;"
    "Poco::JWT::UnallowedAlgorithmException=none-algorithm,unsupported-algorithm,"
    "algorithm-mismatch,missing-algorithm,alg-not-string;"
    "Poco::JWT::UnsupportedAlgorithmException=unsupported-algorithm;"
    "Poco::JWT::SignatureVerificationException=bad-signature";

const BuiltinEntry Builtins[] = {
    // jwt-cpp
    {"jwt::decode", "jwt::decoded_jwt", JwtCppDecode, "", JwtCppDecodeCases, JwtCppLibrary},
    {"jwt::decoded_jwt::decoded_jwt", "", JwtCppDecode, "", JwtCppDecodeCases, JwtCppLibrary},
    {"jwt::verifier::verify", "", JwtCppVerify, JwtCppVerifyErrorCode, JwtCppVerifyCases,
     JwtCppLibrary},
    {"jwt::payload::get_payload_claim", "", JwtCppClaimGet, "", JwtCppClaimGetCases,
     JwtCppLibrary},
    {"jwt::header::get_header_claim", "", JwtCppClaimGet, "", JwtCppHeaderClaimGetCases,
     JwtCppLibrary},
    {"jwt::decoded_jwt::get_payload_claim", "", JwtCppClaimGet, "", JwtCppClaimGetCases,
     JwtCppLibrary},
    {"jwt::decoded_jwt::get_header_claim", "", JwtCppClaimGet, "", JwtCppHeaderClaimGetCases,
     JwtCppLibrary},
    {"jwt::payload::get_issuer", "", JwtCppClaim, "", JwtCppClaimCases, JwtCppLibrary},
    {"jwt::payload::get_subject", "", JwtCppClaim, "", JwtCppClaimCases, JwtCppLibrary},
    {"jwt::payload::get_audience", "", JwtCppClaimTyped, "", JwtCppClaimTypedCases,
     JwtCppLibrary},
    {"jwt::payload::get_expires_at", "", JwtCppClaimTyped, "", JwtCppClaimTypedCases,
     JwtCppLibrary},
    {"jwt::payload::get_not_before", "", JwtCppClaimTyped, "", JwtCppClaimTypedCases,
     JwtCppLibrary},
    {"jwt::payload::get_issued_at", "", JwtCppClaimTyped, "", JwtCppClaimTypedCases,
     JwtCppLibrary},
    {"jwt::payload::get_id", "", JwtCppClaim, "", JwtCppClaimCases, JwtCppLibrary},
    {"jwt::basic_claim::as_string", "", JwtCppClaimValue, "", JwtCppClaimValueCases,
     JwtCppLibrary},
    {"jwt::basic_claim::as_date", "", JwtCppClaimDateValue, "", JwtCppClaimDateValueCases,
     JwtCppLibrary},
    {"jwt::basic_claim::get_type", "", JwtCppClaimType, "", JwtCppClaimTypeCases, JwtCppLibrary},
    {"jwt::basic_claim::as_integer", "", JwtCppClaimValue, "", JwtCppClaimValueCases,
     JwtCppLibrary},
    {"jwt::basic_claim::as_number", "", JwtCppClaimValue, "", JwtCppClaimValueCases,
     JwtCppLibrary},
    {"jwt::basic_claim::as_boolean", "", JwtCppClaimValue, "", JwtCppClaimValueCases,
     JwtCppLibrary},
    {"jwt::basic_claim::as_array", "", JwtCppClaimValue, "", JwtCppClaimValueCases,
     JwtCppLibrary},
    {"jwt::basic_claim::as_set", "", JwtCppClaimValue, "", JwtCppClaimValueCases, JwtCppLibrary},
    // cpp-jwt
    {"jwt::decode", "jwt::jwt_object", CppJwtDecode, CppJwtDecodeErrorCode, CppJwtDecodeCases,
     CppJwtLibrary},
    // Poco::JWT: tryVerify reports a bad signature through its result.
    {"Poco::JWT::Signer::verify", "",
     "Poco::JWT::ParseException,Poco::JWT::UnallowedAlgorithmException,"
     "Poco::JWT::UnsupportedAlgorithmException,Poco::JWT::SignatureVerificationException",
     "", PocoVerifyCases, PocoLibrary},
    {"Poco::JWT::Signer::tryVerify", "", PocoVerifyBeforeSignature, "", PocoTryVerifyCases,
     PocoLibrary},
};

llvm::Error invalidEntry(llvm::StringRef Source, llvm::StringRef Entry,
                         const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 Source + ": invalid API model entry '" + Entry +
                                     "': " + Why);
}

llvm::Error validate(const ApiFunction &F, llvm::StringRef Source) {
  if (!isValidQualifiedName(F.Name))
    return invalidEntry(Source, F.Name, "'" + F.Name + "' is not a qualified function name");
  if (!F.Returns.empty() && !isValidQualifiedName(F.Returns))
    return invalidEntry(Source, F.Name, "'" + F.Returns + "' is not a qualified class name");
  if (F.Throws.empty() && F.ErrorCodeThrows.empty())
    return invalidEntry(Source, F.Name, "it names no exception type");
  for (const auto *List : {&F.Throws, &F.ErrorCodeThrows})
    for (const std::string &Type : *List)
      if (!isValidQualifiedName(Type))
        return invalidEntry(Source, F.Name, "'" + Type + "' is not a qualified class name");
  for (const auto &[Type, Cases] : F.Cases) {
    llvm::StringRef Class = llvm::StringRef(Type).ltrim(':');
    auto Named = [&](const std::string &T) { return llvm::StringRef(T).ltrim(':') == Class; };
    if (llvm::none_of(F.Throws, Named) && llvm::none_of(F.ErrorCodeThrows, Named))
      return invalidEntry(Source, F.Name,
                          "'cases' names '" + Type +
                              "', which is not under 'throws' or 'error-code-throws'");
    if (Cases.empty())
      return invalidEntry(Source, F.Name, "'cases' of '" + Type + "' names no token case");
    for (const std::string &Case : Cases)
      if (!isTokenCase(Case)) {
        std::vector<llvm::StringRef> Known;
        for (const TokenCase &C : tokenCases())
          Known.push_back(C.Name);
        return invalidEntry(Source, F.Name,
                            "unknown token case '" + Case + "' (the token cases are: " +
                                llvm::join(Known, ", ") + ")");
      }
  }
  return llvm::Error::success();
}

std::map<std::string, std::vector<std::string>> parseCases(llvm::StringRef Spec) {
  std::map<std::string, std::vector<std::string>> Cases;
  for (const std::string &Item : splitList(Spec, ";")) {
    auto [Type, List] = llvm::StringRef(Item).split('=');
    Cases[Type.trim().str()] = splitList(List, ",");
  }
  return Cases;
}
} // namespace

llvm::ArrayRef<TokenCase> tokenCases() { return TokenCaseList; }

bool isTokenCase(llvm::StringRef Name) {
  return llvm::any_of(TokenCaseList, [&](const TokenCase &C) { return C.Name == Name; });
}

ApiModel ApiModel::builtin() {
  ApiModel Model;
  for (const BuiltinEntry &E : Builtins)
    Model.add({E.Name, E.Returns, splitList(E.Throws, ","), splitList(E.ErrorCodeThrows, ","),
               parseCases(E.Cases), E.Library});
  return Model;
}

void ApiModel::add(ApiFunction Function) {
  Function.Name = llvm::StringRef(Function.Name).ltrim(':').str();
  Function.Returns = llvm::StringRef(Function.Returns).ltrim(':').str();
  for (auto *List : {&Function.Throws, &Function.ErrorCodeThrows})
    for (std::string &Type : *List)
      Type = llvm::StringRef(Type).ltrim(':').str();
  std::map<std::string, std::vector<std::string>> Cases;
  for (auto &[Type, List] : Function.Cases)
    for (std::string &Case : List)
      if (!llvm::is_contained(Cases[llvm::StringRef(Type).ltrim(':').str()], Case))
        Cases[llvm::StringRef(Type).ltrim(':').str()].push_back(std::move(Case));
  Function.Cases = std::move(Cases);
  std::vector<ApiFunction> &Entries = Functions[Function.Name];
  auto Same = llvm::find_if(
      Entries, [&](const ApiFunction &F) { return F.Returns == Function.Returns; });
  if (Same == Entries.end()) {
    Entries.push_back(std::move(Function));
    return;
  }
  auto Merge = [](std::vector<std::string> &Into, const std::vector<std::string> &From) {
    for (const std::string &Type : From)
      if (!llvm::is_contained(Into, Type))
        Into.push_back(Type);
  };
  Merge(Same->Throws, Function.Throws);
  Merge(Same->ErrorCodeThrows, Function.ErrorCodeThrows);
  for (const auto &[Type, List] : Function.Cases)
    Merge(Same->Cases[Type], List);
  if (Same->Library.empty())
    Same->Library = Function.Library;
}

llvm::Error ApiModel::addFromOption(llvm::StringRef Text) {
  std::vector<ApiFunction> Parsed;
  for (const std::string &Entry : splitList(Text, ";")) {
    auto [Name, Types] = llvm::StringRef(Entry).split('=');
    if (Name.size() == Entry.size())
      return invalidEntry("ApiFunctions", Entry,
                          "expected 'qualified::name=Exception[,Exception...]'");
    ApiFunction F{Name.trim().str(), "", splitList(Types, ","), {}, {}, ""};
    if (llvm::Error E = validate(F, "ApiFunctions"))
      return E;
    Parsed.push_back(std::move(F));
  }
  for (ApiFunction &F : Parsed)
    add(std::move(F));
  return llvm::Error::success();
}

llvm::Error ApiModel::addFromYAML(llvm::StringRef Buffer, llvm::StringRef SourceName) {
  std::string FirstError;
  auto Handler = [](const llvm::SMDiagnostic &D, void *Ctx) {
    auto &Out = *static_cast<std::string *>(Ctx);
    if (Out.empty())
      Out = (llvm::Twine(D.getLineNo()) + ":" + llvm::Twine(D.getColumnNo() + 1) + ": " +
             D.getMessage())
                .str();
  };
  YamlModel Model;
  llvm::yaml::Input In(Buffer, nullptr, Handler, &FirstError);
  In >> Model;
  if (In.error())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   SourceName + ":" +
                                       (FirstError.empty() ? "0: malformed YAML" : FirstError));
  std::vector<ApiFunction> Parsed;
  for (YamlFunction &YF : Model.Functions) {
    ApiFunction F{YF.Name, YF.Returns, YF.Throws, YF.ErrorCodeThrows, YF.Cases, YF.Library};
    if (llvm::Error E = validate(F, SourceName))
      return E;
    Parsed.push_back(std::move(F));
  }
  for (ApiFunction &F : Parsed)
    add(std::move(F));
  return llvm::Error::success();
}

llvm::Error ApiModel::addFromFile(llvm::StringRef Path) {
  // The path comes from configuration that may name a FIFO or a device: in
  // clangd a read that blocks or never ends stalls every file.
  ReadLimits Limits;
  Limits.MaxBytes = MaxModelFileBytes;
  auto Buffer = readRegularFile(Path, Limits);
  if (!Buffer)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot read API model file " +
                                       llvm::toString(Buffer.takeError()));
  return addFromYAML((*Buffer)->getBuffer(), Path);
}

llvm::ArrayRef<ApiFunction> ApiModel::find(llvm::StringRef QualifiedName) const {
  auto It = Functions.find(QualifiedName);
  if (It == Functions.end())
    return {};
  return It->second;
}

size_t ApiModel::size() const {
  size_t N = 0;
  for (const auto &Entry : Functions)
    N += Entry.second.size();
  return N;
}

std::vector<std::string> ApiModel::exceptionTypes() const {
  std::vector<std::string> Types;
  for (const auto &Entry : Functions)
    for (const ApiFunction &F : Entry.second) {
      Types.insert(Types.end(), F.Throws.begin(), F.Throws.end());
      Types.insert(Types.end(), F.ErrorCodeThrows.begin(), F.ErrorCodeThrows.end());
    }
  llvm::sort(Types);
  Types.erase(std::unique(Types.begin(), Types.end()), Types.end());
  return Types;
}

std::string ApiModel::fingerprint() const {
  std::vector<std::string> Lines;
  for (const ApiFunction *F : entries()) {
    std::string Line = F->Name + "|" + F->Returns + "|" + llvm::join(F->Throws, ",") + "|" +
                       llvm::join(F->ErrorCodeThrows, ",") + "|" + F->Library;
    for (const auto &[Type, Cases] : F->Cases) {
      std::vector<std::string> Sorted = Cases;
      llvm::sort(Sorted);
      Line += "|" + Type + "=" + llvm::join(Sorted, ",");
    }
    Lines.push_back(std::move(Line));
  }
  return llvm::join(Lines, "\n");
}

std::vector<const ApiFunction *> ApiModel::entries() const {
  std::vector<const ApiFunction *> All;
  for (const auto &Entry : Functions)
    for (const ApiFunction &F : Entry.second)
      All.push_back(&F);
  llvm::sort(All, [](const ApiFunction *A, const ApiFunction *B) {
    return std::tie(A->Name, A->Returns) < std::tie(B->Name, B->Returns);
  });
  return All;
}

std::string ApiModel::toModelFile() const {
  llvm::json::Array Entries;
  for (const ApiFunction *F : entries()) {
    llvm::json::Object Entry{{"name", F->Name}};
    if (!F->Returns.empty())
      Entry["returns"] = F->Returns;
    if (!F->Library.empty())
      Entry["library"] = F->Library;
    Entry["throws"] = llvm::json::Array(F->Throws);
    Entry["error-code-throws"] = llvm::json::Array(F->ErrorCodeThrows);
    llvm::json::Object Cases;
    for (const auto &[Type, List] : F->Cases)
      Cases[Type] = llvm::json::Array(List);
    Entry["cases"] = std::move(Cases);
    Entries.push_back(std::move(Entry));
  }
  std::string Text;
  llvm::raw_string_ostream Out(Text);
  Out << llvm::formatv("{0:2}", llvm::json::Value(llvm::json::Object{{"functions", std::move(Entries)}}));
  return Text;
}

const ApiFunction *ApiModel::match(const FunctionDecl &Callee) const {
  if (Functions.empty() ||
      (!Callee.getDeclName().isIdentifier() && !isa<CXXConstructorDecl>(Callee)))
    return nullptr;
  llvm::ArrayRef<ApiFunction> Entries = find(qualifiedName(Callee));
  std::string Returned;
  for (const ApiFunction &F : Entries) {
    if (F.Returns.empty())
      return &F;
    if (Returned.empty())
      if (const NamedDecl *D = namedClassTemplate(Callee.getReturnType()))
        Returned = qualifiedName(*D);
    if (F.Returns == Returned)
      return &F;
  }
  return nullptr;
}

bool isErrorCodeOutParameter(QualType T) {
  if (T.isNull() || !T->isLValueReferenceType() || T.getNonReferenceType().isConstQualified())
    return false;
  const CXXRecordDecl *RD = classOf(T);
  return RD && RD->getName() == "error_code" && qualifiedName(*RD) == "std::error_code";
}

bool hasErrorCodeParameter(const FunctionDecl &FD) {
  return llvm::any_of(FD.parameters(),
                      [](const ParmVarDecl *P) { return isErrorCodeOutParameter(P->getType()); });
}

const std::vector<std::string> *ApiModel::thrownBy(const FunctionDecl &Callee) const {
  const ApiFunction *F = match(Callee);
  if (!F)
    return nullptr;
  return hasErrorCodeParameter(Callee) ? &F->ErrorCodeThrows : &F->Throws;
}

} // namespace failguard
