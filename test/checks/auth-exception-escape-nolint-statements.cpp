// A warning at a call of a chain that spans lines sits on the line of the
// call, which may be below the statement's first line: NOLINT on the
// statement's first line and NOLINTNEXTLINE above the statement suppress it
// as well as those at the warning's own line.
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t

#include <jwt-cpp/jwt.h>
#include <optional>

using Decoded = jwt::decoded_jwt<jwt::traits::kazuho_picojson>;

// Without a NOLINT: one warning per throwing call, on the call's line.
std::optional<std::string> unsuppressed(const std::string &token) {
  auto subject = jwt::decode(token)
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape 'unsuppressed', which reports failure through its optional-like return type 'std::optional<std::string>'; catch them in 'unsuppressed' [failguard-auth-exception-escape]
                     .get_payload_claim("sub")
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: exception 'jwt::error::claim_not_present_exception' thrown by 'jwt::decoded_jwt::get_payload_claim' escapes 'unsuppressed', which reports failure through its optional-like return type 'std::optional<std::string>'; catch it in 'unsuppressed' [failguard-auth-exception-escape]
                     .as_string();
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: exception 'std::bad_cast' thrown by 'jwt::basic_claim::as_string' escapes 'unsuppressed', which reports failure through its optional-like return type 'std::optional<std::string>'; catch it in 'unsuppressed' [failguard-auth-exception-escape]
  return subject;
}

std::optional<std::string> nextLineAbove(const std::string &token) {
  // NOLINTNEXTLINE(failguard-auth-exception-escape)
  auto subject = jwt::decode(token)
                     .get_payload_claim("sub")
                     .as_string();
  return subject;
}

std::optional<std::string> nextLineGlob(const std::string &token) {
  // NOLINTNEXTLINE(failguard-*)
  auto subject = jwt::decode(token)
                     .get_payload_claim("sub")
                     .as_string();
  return subject;
}

std::optional<std::string> nextLineAll(const std::string &token) {
  // NOLINTNEXTLINE
  auto subject = jwt::decode(token)
                     .get_payload_claim("sub")
                     .as_string();
  return subject;
}

std::optional<std::string> onFirstLine(const std::string &token) {
  auto subject = jwt::decode(token) // NOLINT(failguard-auth-exception-escape)
                     .get_payload_claim("sub")
                     .as_string();
  return subject;
}

// The verifier's chain: the warning is on `.verify`, four lines down.
std::optional<std::string> verifierChain(const Decoded &decoded) {
  // NOLINTNEXTLINE(failguard-auth-exception-escape)
  jwt::verify()
      .allow_algorithm(jwt::algorithm::hs256{"secret"})
      .with_issuer("auth0")
      .verify(decoded);
  return std::string("ok");
}

// A list that names other checks only suppresses nothing here.
std::optional<std::string> otherCheck(const Decoded &decoded) {
  // NOLINTNEXTLINE(failguard-removed-exception-handler, bugprone-*)
  jwt::verify()
      .allow_algorithm(jwt::algorithm::hs256{"secret"})
      .with_issuer("auth0")
      .verify(decoded);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: exceptions 'jwt::error::token_verification_exception', 'jwt::error::signature_verification_exception' and 5 more thrown by 'jwt::verifier::verify' escape 'otherCheck', which reports failure through its optional-like return type 'std::optional<std::string>'; catch them in 'otherCheck' [failguard-auth-exception-escape]
  return std::string("ok");
}

// A NOLINT applies to its own statement, not to the next one.
std::optional<std::string> nextStatement(const Decoded &decoded) {
  // NOLINTNEXTLINE(failguard-auth-exception-escape)
  jwt::verify()
      .with_issuer("auth0")
      .verify(decoded);
  jwt::verify()
      .with_audience("api")
      .verify(decoded);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: exceptions 'jwt::error::token_verification_exception', 'jwt::error::signature_verification_exception' and 5 more thrown by 'jwt::verifier::verify' escape 'nextStatement', which reports failure through its optional-like return type 'std::optional<std::string>'; catch them in 'nextStatement' [failguard-auth-exception-escape]
  return std::string("ok");
}

// A NOLINT on the first line of a statement does not reach into the next one.
std::optional<std::string> sameLineNext(const Decoded &decoded) {
  jwt::verify().with_issuer("auth0").verify(decoded); // NOLINT(failguard-auth-exception-escape)
  jwt::verify()
      .verify(decoded);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: exceptions 'jwt::error::token_verification_exception', 'jwt::error::signature_verification_exception' and 5 more thrown by 'jwt::verifier::verify' escape 'sameLineNext', which reports failure through its optional-like return type 'std::optional<std::string>'; catch them in 'sameLineNext' [failguard-auth-exception-escape]
  return std::string("ok");
}

// In a return statement and in the condition of an `if`, the statement is the
// `return` and the `if`.
std::optional<std::string> inReturn(const std::string &token) {
  // NOLINTNEXTLINE(failguard-auth-exception-escape)
  return jwt::decode(token)
      .get_payload_claim("sub")
      .as_string();
}
std::optional<std::string> inCondition(const std::string &token) {
  if (jwt::decode(token) // NOLINT(failguard-auth-exception-escape)
          .get_payload_claim("sub")
          .as_string()
          .empty())
    return std::nullopt;
  return std::string("ok");
}

// NOLINTBEGIN/NOLINTEND around the statement work as in any clang-tidy check.
// NOLINTBEGIN(failguard-auth-exception-escape)
std::optional<std::string> inBlock(const std::string &token) {
  return jwt::decode(token)
      .get_payload_claim("sub")
      .as_string();
}
// NOLINTEND(failguard-auth-exception-escape)

// In a constructor's member initialiser, the statement is the initialiser.
struct Session {
  std::string subject;
  std::string issuer;
  explicit Session(const std::string &token) noexcept
      // NOLINTNEXTLINE(failguard-auth-exception-escape)
      : subject(jwt::decode(token)
                    .get_payload_claim("sub")
                    .as_string()),
        issuer(jwt::decode(token)
                   .get_payload_claim("iss")
                   .as_string()) {}
  // CHECK-MESSAGES: :[[@LINE-3]]:16: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape noexcept function 'Session::Session'; catch them in 'Session::Session' [failguard-auth-exception-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:21: warning: exception 'jwt::error::claim_not_present_exception' thrown by 'jwt::decoded_jwt::get_payload_claim' escapes noexcept function 'Session::Session'; catch it in 'Session::Session' [failguard-auth-exception-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:21: warning: exception 'std::bad_cast' thrown by 'jwt::basic_claim::as_string' escapes noexcept function 'Session::Session'; catch it in 'Session::Session' [failguard-auth-exception-escape]
};
