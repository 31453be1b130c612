// Built-in and user API models, and the parsers for the user's.
#include "lib/ApiModel.h"

#include "lib/NameMatching.h"
#include "lib/OptionList.h"
#include "lib/SafeRead.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"

using namespace clang;

namespace {
struct YamlFunction {
  std::string Name;
  std::string Returns;
  std::vector<std::string> Throws;
  std::vector<std::string> ErrorCodeThrows;
};
struct YamlModel {
  std::vector<YamlFunction> Functions;
};
} // namespace

LLVM_YAML_IS_SEQUENCE_VECTOR(YamlFunction)

namespace llvm::yaml {
template <> struct MappingTraits<YamlFunction> {
  static void mapping(IO &IO, YamlFunction &F) {
    IO.mapRequired("name", F.Name);
    IO.mapOptional("returns", F.Returns);
    IO.mapOptional("throws", F.Throws);
    IO.mapOptional("error-code-throws", F.ErrorCodeThrows);
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
// cpp-jwt 1.4 (Debian libcpp-jwt-dev; jwt/impl/jwt.ipp): jwt_throw_exception
// turns the error code into one of these; both overloads of jwt::decode let
// nlohmann::json's type_error out of jwt_header::decode, which reads the "alg"
// and "typ" header values with get<std::string>() outside any try.
constexpr const char *CppJwtDecode =
    "jwt::DecodeError,jwt::SignatureFormatError,jwt::KeyNotPresentError,"
    "jwt::InvalidAlgorithmError,jwt::TokenExpiredError,jwt::InvalidIssuerError,"
    "jwt::InvalidAudienceError,jwt::InvalidSubjectError,jwt::InvalidIATError,"
    "jwt::InvalidJTIError,jwt::ImmatureSignatureError,jwt::InvalidSignatureError,"
    "jwt::InvalidKeyError,jwt::TypeConversionError,nlohmann::detail::type_error";
constexpr const char *CppJwtDecodeErrorCode = "nlohmann::detail::type_error";
// Poco 1.11.0 (JWT/src/Signer.cpp): tryVerify throws ParseException for fewer
// than three parts or a part that is not a JSON object, then the algorithm
// exceptions; verify adds SignatureVerificationException for a bad signature.
// What a misconfigured Signer throws (no key for an allowed algorithm) does not
// depend on the token and is not modelled.
constexpr const char *PocoVerifyBeforeSignature =
    "Poco::JWT::ParseException,Poco::JWT::UnallowedAlgorithmException,"
    "Poco::JWT::UnsupportedAlgorithmException";

const BuiltinEntry Builtins[] = {
    // jwt-cpp
    {"jwt::decode", "jwt::decoded_jwt", JwtCppDecode, ""},
    {"jwt::decoded_jwt::decoded_jwt", "", JwtCppDecode, ""},
    {"jwt::verifier::verify", "", JwtCppVerify, JwtCppVerifyErrorCode},
    {"jwt::payload::get_payload_claim", "", JwtCppClaimGet, ""},
    {"jwt::header::get_header_claim", "", JwtCppClaimGet, ""},
    {"jwt::decoded_jwt::get_payload_claim", "", JwtCppClaimGet, ""},
    {"jwt::decoded_jwt::get_header_claim", "", JwtCppClaimGet, ""},
    {"jwt::payload::get_issuer", "", JwtCppClaim, ""},
    {"jwt::payload::get_subject", "", JwtCppClaim, ""},
    {"jwt::payload::get_audience", "", JwtCppClaimTyped, ""},
    {"jwt::payload::get_expires_at", "", JwtCppClaimTyped, ""},
    {"jwt::payload::get_not_before", "", JwtCppClaimTyped, ""},
    {"jwt::payload::get_issued_at", "", JwtCppClaimTyped, ""},
    {"jwt::payload::get_id", "", JwtCppClaim, ""},
    {"jwt::basic_claim::as_string", "", JwtCppClaimValue, ""},
    {"jwt::basic_claim::as_date", "", JwtCppClaimDateValue, ""},
    {"jwt::basic_claim::get_type", "", JwtCppClaimType, ""},
    {"jwt::basic_claim::as_integer", "", JwtCppClaimValue, ""},
    {"jwt::basic_claim::as_number", "", JwtCppClaimValue, ""},
    {"jwt::basic_claim::as_boolean", "", JwtCppClaimValue, ""},
    {"jwt::basic_claim::as_array", "", JwtCppClaimValue, ""},
    {"jwt::basic_claim::as_set", "", JwtCppClaimValue, ""},
    // cpp-jwt
    {"jwt::decode", "jwt::jwt_object", CppJwtDecode, CppJwtDecodeErrorCode},
    // Poco::JWT: tryVerify reports a bad signature through its result.
    {"Poco::JWT::Signer::verify", "",
     "Poco::JWT::ParseException,Poco::JWT::UnallowedAlgorithmException,"
     "Poco::JWT::UnsupportedAlgorithmException,Poco::JWT::SignatureVerificationException",
     ""},
    {"Poco::JWT::Signer::tryVerify", "", PocoVerifyBeforeSignature, ""},
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
  return llvm::Error::success();
}
} // namespace

ApiModel ApiModel::builtin() {
  ApiModel Model;
  for (const BuiltinEntry &E : Builtins)
    Model.add({E.Name, E.Returns, splitList(E.Throws, ","), splitList(E.ErrorCodeThrows, ",")});
  return Model;
}

void ApiModel::add(ApiFunction Function) {
  Function.Name = llvm::StringRef(Function.Name).ltrim(':').str();
  Function.Returns = llvm::StringRef(Function.Returns).ltrim(':').str();
  for (auto *List : {&Function.Throws, &Function.ErrorCodeThrows})
    for (std::string &Type : *List)
      Type = llvm::StringRef(Type).ltrim(':').str();
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
}

llvm::Error ApiModel::addFromOption(llvm::StringRef Text) {
  std::vector<ApiFunction> Parsed;
  for (const std::string &Entry : splitList(Text, ";")) {
    auto [Name, Types] = llvm::StringRef(Entry).split('=');
    if (Name.size() == Entry.size())
      return invalidEntry("ApiFunctions", Entry,
                          "expected 'qualified::name=Exception[,Exception...]'");
    ApiFunction F{Name.trim().str(), "", splitList(Types, ","), {}};
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
    ApiFunction F{YF.Name, YF.Returns, YF.Throws, YF.ErrorCodeThrows};
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
  for (const auto &Entry : Functions)
    for (const ApiFunction &F : Entry.second)
      Lines.push_back(F.Name + "|" + F.Returns + "|" + llvm::join(F.Throws, ",") + "|" +
                      llvm::join(F.ErrorCodeThrows, ","));
  llvm::sort(Lines);
  return llvm::join(Lines, "\n");
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
