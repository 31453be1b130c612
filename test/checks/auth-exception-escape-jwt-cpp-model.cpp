// jwt-cpp 0.7.2's model: what the library source shows each call throws.
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t

#include <jwt-cpp/jwt.h>
#include <optional>

// jwt::decode parses the header and the payload with parse_claims, whose
// as_object throws std::bad_cast for JSON that is not an object ("[]"): the
// two handlers the decode's documentation names are not enough.
std::optional<std::string> documentedHandlers(const std::string &raw) {
  try {
    return jwt::decode(raw).get_token();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: exception 'std::bad_cast' thrown by 'jwt::decode' escapes 'documentedHandlers', which reports failure through its optional-like return type 'std::optional<std::string>'; catch it in 'documentedHandlers' [failguard-auth-exception-escape]
  } catch (const std::invalid_argument &) {
    return std::nullopt;
  } catch (const std::runtime_error &) {
    return std::nullopt;
  }
}

// Negative control: the bad_cast is caught by its own type...
std::optional<std::string> badCastCaught(const std::string &raw) {
  try {
    return jwt::decode(raw).get_token();
  } catch (const std::invalid_argument &) {
    return std::nullopt;
  } catch (const std::runtime_error &) {
    return std::nullopt;
  } catch (const std::bad_cast &) {
    return std::nullopt;
  }
}

// ...or by std::exception.
std::optional<std::string> exceptionCaught(const std::string &raw) {
  try {
    return jwt::decode(raw).get_token();
  } catch (const std::exception &) {
    return std::nullopt;
  }
}

// as_date calls get_type, which throws std::logic_error for a JSON null
// ({"exp": null}); get_subject's as_string does not.
std::optional<long> expiry(const jwt::decoded_jwt<jwt::traits::kazuho_picojson> &token) {
  try {
    auto subject = token.get_subject();
    return token.get_expires_at().time_since_epoch().count();
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: exception 'std::logic_error' thrown by 'jwt::payload::get_expires_at' escapes 'expiry', which reports failure through its optional-like return type 'std::optional<long>'; catch it in 'expiry' [failguard-auth-exception-escape]
  } catch (const jwt::error::claim_not_present_exception &) {
    return std::nullopt;
  } catch (const std::bad_cast &) {
    return std::nullopt;
  }
}

// Negative control: std::logic_error handled as well (claim_not_present_exception
// is a std::logic_error too).
std::optional<long> expiryHandled(const jwt::decoded_jwt<jwt::traits::kazuho_picojson> &token) {
  try {
    return token.get_expires_at().time_since_epoch().count();
  } catch (const std::logic_error &) {
    return std::nullopt;
  } catch (const std::bad_cast &) {
    return std::nullopt;
  }
}

// The verifier's claim checks run get_type and as_date (std::logic_error for a
// null claim) and insensitive_string_claim's conversion (std::runtime_error),
// in both overloads: an error_code does not report them.
bool verified(const jwt::decoded_jwt<jwt::traits::kazuho_picojson> &token) noexcept {
  std::error_code ec;
  try {
    jwt::verify().verify(token, ec);
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: exceptions 'std::logic_error' and 'std::runtime_error' thrown by 'jwt::verifier::verify' escape noexcept function 'verified'; catch them in 'verified' [failguard-auth-exception-escape]
  } catch (const jwt::error::claim_not_present_exception &) {
    return false;
  } catch (const std::bad_cast &) {
    return false;
  }
  return !ec;
}
