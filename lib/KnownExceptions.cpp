// The class hierarchy of the built-in models' exception types, by name.
#include "lib/KnownExceptions.h"

#include "llvm/ADT/StringMap.h"

#include <vector>

namespace failguard {

namespace {

// Read from the libraries' headers: jwt-cpp 0.7 (include/jwt-cpp/jwt.h,
// namespace jwt::error), cpp-jwt 1.4 (jwt/exceptions.hpp, Debian's
// libcpp-jwt-dev), Poco 1.12 (Poco/JWT/JWTException.h), and the standard
// library's <stdexcept>, <system_error> and <typeinfo>.
const struct {
  const char *Name;
  std::vector<llvm::StringRef> Bases;
} Hierarchy[] = {
    {"std::logic_error", {"std::exception"}},
    {"std::invalid_argument", {"std::logic_error", "std::exception"}},
    {"std::out_of_range", {"std::logic_error", "std::exception"}},
    {"std::runtime_error", {"std::exception"}},
    {"std::system_error", {"std::runtime_error", "std::exception"}},
    {"std::bad_cast", {"std::exception"}},
    {"jwt::error::signature_verification_exception",
     {"std::system_error", "std::runtime_error", "std::exception"}},
    {"jwt::error::token_verification_exception",
     {"std::system_error", "std::runtime_error", "std::exception"}},
    {"jwt::error::invalid_json_exception", {"std::runtime_error", "std::exception"}},
    {"jwt::error::claim_not_present_exception",
     {"std::out_of_range", "std::logic_error", "std::exception"}},
    {"jwt::DecodeError", {"std::runtime_error", "std::exception"}},
    {"jwt::SignatureFormatError", {"jwt::DecodeError", "std::runtime_error", "std::exception"}},
    {"jwt::KeyNotPresentError", {"jwt::DecodeError", "std::runtime_error", "std::exception"}},
    {"jwt::VerificationError", {"std::runtime_error", "std::exception"}},
    {"jwt::InvalidAlgorithmError", {"jwt::VerificationError", "std::runtime_error", "std::exception"}},
    {"jwt::TokenExpiredError", {"jwt::VerificationError", "std::runtime_error", "std::exception"}},
    {"jwt::InvalidIssuerError", {"jwt::VerificationError", "std::runtime_error", "std::exception"}},
    {"jwt::InvalidAudienceError", {"jwt::VerificationError", "std::runtime_error", "std::exception"}},
    {"jwt::InvalidSubjectError", {"jwt::VerificationError", "std::runtime_error", "std::exception"}},
    {"jwt::InvalidIATError", {"jwt::VerificationError", "std::runtime_error", "std::exception"}},
    {"jwt::InvalidJTIError", {"jwt::VerificationError", "std::runtime_error", "std::exception"}},
    {"jwt::ImmatureSignatureError", {"jwt::VerificationError", "std::runtime_error", "std::exception"}},
    {"jwt::InvalidSignatureError", {"jwt::VerificationError", "std::runtime_error", "std::exception"}},
    {"jwt::InvalidKeyError", {"jwt::VerificationError", "std::runtime_error", "std::exception"}},
    {"jwt::TypeConversionError", {"jwt::VerificationError", "std::runtime_error", "std::exception"}},
    {"Poco::Exception", {"std::exception"}},
    {"Poco::JWT::JWTException", {"Poco::Exception", "std::exception"}},
    {"Poco::JWT::ParseException", {"Poco::JWT::JWTException", "Poco::Exception", "std::exception"}},
    {"Poco::JWT::UnsupportedAlgorithmException",
     {"Poco::JWT::JWTException", "Poco::Exception", "std::exception"}},
    {"Poco::JWT::UnallowedAlgorithmException",
     {"Poco::JWT::JWTException", "Poco::Exception", "std::exception"}},
    {"Poco::JWT::SignatureException",
     {"Poco::JWT::JWTException", "Poco::Exception", "std::exception"}},
    {"Poco::JWT::SignatureVerificationException",
     {"Poco::JWT::SignatureException", "Poco::JWT::JWTException", "Poco::Exception",
      "std::exception"}},
};

} // namespace

llvm::ArrayRef<llvm::StringRef> knownBasesOf(llvm::StringRef QualifiedName) {
  static const llvm::StringMap<const std::vector<llvm::StringRef> *> Index = [] {
    llvm::StringMap<const std::vector<llvm::StringRef> *> Map;
    for (const auto &Entry : Hierarchy)
      Map[Entry.Name] = &Entry.Bases;
    return Map;
  }();
  auto It = Index.find(QualifiedName);
  if (It == Index.end())
    return {};
  return *It->second;
}

} // namespace failguard
