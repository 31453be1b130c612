// jwt-cpp's claim getters throw only claim_not_present_exception (the as_*
// conversions throw std::bad_cast), and a presence check on the same claim
// that leaves the function first means the getter cannot throw it.
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t

#include <jwt-cpp/jwt.h>
#include <optional>

using Token = jwt::decoded_jwt<jwt::traits::kazuho_picojson>;

// Checked, then read: silent.
std::optional<std::string> subjectChecked(const Token &token) {
  if (!token.has_payload_claim("sub"))
    return std::nullopt;
  return token.get_payload_claim("sub").as_string();
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: exception 'std::bad_cast' thrown by 'jwt::basic_claim::as_string' escapes 'subjectChecked', which reports failure through its optional-like return type 'std::optional<std::string>'; catch it in 'subjectChecked' [failguard-auth-exception-escape]
}

// The unguarded getter: reported.
std::optional<jwt::claim> subjectUnchecked(const Token &token) {
  return token.get_payload_claim("sub");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: exception 'jwt::error::claim_not_present_exception' thrown by 'jwt::decoded_jwt::get_payload_claim' escapes 'subjectUnchecked', which reports failure through its optional-like return type 'std::optional<jwt::claim>'; catch it in 'subjectUnchecked' [failguard-auth-exception-escape]
}

// A block that throws, among || alternatives, for a header claim: silent.
std::optional<jwt::claim> keyIdChecked(const Token &token) {
  if (!token.has_payload_claim("iss") || !token.has_header_claim("kid")) {
    throw std::invalid_argument("no key id");
  }
  return token.get_header_claim("kid");
}

// The getter inside the branch that requires the claim: silent.
std::optional<jwt::claim> insideCheck(const Token &token) {
  if (token.has_payload_claim("role") && token.has_payload_claim("sub"))
    return token.get_payload_claim("role");
  return std::nullopt;
}

// A named accessor checked by its own has_: only std::bad_cast is left.
std::optional<std::string> issuerChecked(const Token &token) {
  if (!token.has_issuer())
    return std::nullopt;
  return token.get_issuer();
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: exception 'std::bad_cast' thrown by 'jwt::payload::get_issuer' escapes 'issuerChecked', which reports failure through its optional-like return type 'std::optional<std::string>'; catch it in 'issuerChecked' [failguard-auth-exception-escape]
}

// Another claim was checked: reported.
std::optional<jwt::claim> otherClaimChecked(const Token &token) {
  if (!token.has_payload_claim("sub"))
    return std::nullopt;
  return token.get_payload_claim("role");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: exception 'jwt::error::claim_not_present_exception' thrown by 'jwt::decoded_jwt::get_payload_claim' escapes 'otherClaimChecked', which reports failure through its optional-like return type 'std::optional<jwt::claim>'; catch it in 'otherClaimChecked' [failguard-auth-exception-escape]
}

// Another token was checked: reported.
std::optional<jwt::claim> otherTokenChecked(const Token &token, const Token &refresh) {
  if (!refresh.has_payload_claim("sub"))
    return std::nullopt;
  return token.get_payload_claim("sub");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: exception 'jwt::error::claim_not_present_exception' thrown by 'jwt::decoded_jwt::get_payload_claim' escapes 'otherTokenChecked', which reports failure through its optional-like return type 'std::optional<jwt::claim>'; catch it in 'otherTokenChecked' [failguard-auth-exception-escape]
}

// The check does not leave the function: reported.
std::optional<jwt::claim> checkWithoutExit(const Token &token, bool &missing) {
  if (!token.has_payload_claim("sub"))
    missing = true;
  return token.get_payload_claim("sub");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: exception 'jwt::error::claim_not_present_exception' thrown by 'jwt::decoded_jwt::get_payload_claim' escapes 'checkWithoutExit', which reports failure through its optional-like return type 'std::optional<jwt::claim>'; catch it in 'checkWithoutExit' [failguard-auth-exception-escape]
}

// The check comes after the getter: reported.
std::optional<jwt::claim> checkAfter(const Token &token) {
  jwt::claim sub = token.get_payload_claim("sub");
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: exception 'jwt::error::claim_not_present_exception' thrown by 'jwt::decoded_jwt::get_payload_claim' escapes 'checkAfter', which reports failure through its optional-like return type 'std::optional<jwt::claim>'; catch it in 'checkAfter' [failguard-auth-exception-escape]
  if (!token.has_payload_claim("sub"))
    return std::nullopt;
  return sub;
}

// The check is in a nested block that does not enclose the getter: reported.
std::optional<jwt::claim> checkInSiblingBlock(const Token &token, bool strict) {
  if (strict) {
    if (!token.has_payload_claim("sub"))
      return std::nullopt;
  }
  return token.get_payload_claim("sub");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: exception 'jwt::error::claim_not_present_exception' thrown by 'jwt::decoded_jwt::get_payload_claim' escapes 'checkInSiblingBlock', which reports failure through its optional-like return type 'std::optional<jwt::claim>'; catch it in 'checkInSiblingBlock' [failguard-auth-exception-escape]
}
