// Exception flow that must not depend on how the code is laid out: recursive
// cycles whatever the declaration order, default member initialisers, rethrows
// inside nested try blocks, and handlers that catch through a base class only
// when C++ would (public and unambiguous).
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t \
// RUN:   -- --config="{CheckOptions: { \
// RUN:        failguard-auth-exception-escape.ApiFunctions: 'acme::checkRevoked=acme::Revoked;acme::checkExpired=acme::Expired'}}" \
// RUN:   -- -isystem %headers

#include <jwt-cpp/jwt.h>
#include <string>

// Two noexcept entry points into one recursive pair: both are reported,
// whichever is analysed first.
int parsePong(const std::string &token, int depth);
int parsePing(const std::string &token, int depth) {
  return depth ? parsePong(token, depth - 1) : static_cast<int>(jwt::decode(token).get_signature().size()); // @mark PING
}
int parsePong(const std::string &token, int depth) { return parsePing(token, depth); } // @mark PONG

int enterPong(const std::string &token) noexcept { return parsePong(token, 2); }
// CHECK-MESSAGES: :[[@LINE-1]]:59: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape noexcept function 'enterPong'; catch them in 'enterPong' [failguard-auth-exception-escape]
// CHECK-MESSAGES: :[[#PONG]]:61: note: 'parsePong' lets it escape through this call to 'parsePing'
// CHECK-MESSAGES: :[[#PING]]:65: note: 'jwt::decode' is called here in 'parsePing' without a handler for 'std::invalid_argument'
int enterPing(const std::string &token) noexcept { return parsePing(token, 2); }
// CHECK-MESSAGES: :[[@LINE-1]]:59: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape noexcept function 'enterPing'; catch them in 'enterPing' [failguard-auth-exception-escape]
// CHECK-MESSAGES: :[[#PING]]:65: note: 'jwt::decode' is called here in 'parsePing' without a handler for 'std::invalid_argument'

// Negative control: the cycle handles what it decodes.
int guardedPing(const std::string &token, int depth);
int guardedPong(const std::string &token, int depth) {
  try {
    return depth ? guardedPing(token, depth - 1) : static_cast<int>(jwt::decode(token).get_signature().size());
  } catch (const std::exception &) {
    return -1;
  }
}
int guardedPing(const std::string &token, int depth) { return guardedPong(token, depth); }
int enterGuarded(const std::string &token) noexcept { return guardedPing(token, 2); }

// A default member initialiser runs in the constructors that do not
// initialise the member themselves.
struct Session {
  std::string subject = jwt::decode(std::string("token")).get_subject(); // @mark INIT
  Session() noexcept {}
  // CHECK-MESSAGES: :[[#INIT]]:25: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape noexcept function 'Session::Session'; catch them in 'Session::Session' [failguard-auth-exception-escape]
  // CHECK-MESSAGES: :[[#INIT]]:59: warning: exceptions 'jwt::error::claim_not_present_exception' and 'std::bad_cast' thrown by 'jwt::payload::get_subject' escape noexcept function 'Session::Session'; catch them in 'Session::Session' [failguard-auth-exception-escape]
  // Negative control: this constructor initialises the member itself.
  explicit Session(std::string given) noexcept : subject(std::move(given)) {}
};

// `throw;` inside a nested try whose handler stops it does not escape.
int rethrowCaught(const std::string &token) noexcept {
  try {
    return static_cast<int>(jwt::decode(token).get_signature().size());
  } catch (const std::exception &) {
    try {
      throw;
    } catch (const std::exception &) {
      return -1;
    }
  }
}

// ...but it does when the nested handler is narrower than what was caught
// (jwt-cpp's invalid_json_exception is a std::runtime_error, so only
// std::invalid_argument goes on).
int rethrowNarrow(const std::string &token) noexcept {
  try {
    return static_cast<int>(jwt::decode(token).get_signature().size());
    // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: exceptions 'std::invalid_argument' and 'std::bad_cast' thrown by 'jwt::decode' escape noexcept function 'rethrowNarrow'; catch them in 'rethrowNarrow' [failguard-auth-exception-escape]
  } catch (const std::exception &) {
    try {
      throw;
    } catch (const std::runtime_error &) {
      return -1;
    }
  }
}

// A handler catches through a public base only.
namespace acme {
struct TokenError {};
class Revoked : TokenError {};            // private base
struct Expired : public TokenError {};
Revoked checkRevoked(const std::string &token);
Expired checkExpired(const std::string &token);
} // namespace acme

int revoked(const std::string &token) noexcept {
  try {
    acme::checkRevoked(token);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exception 'acme::Revoked' thrown by 'acme::checkRevoked' escapes noexcept function 'revoked'; catch it in 'revoked' [failguard-auth-exception-escape]
  } catch (const acme::TokenError &) {
    return -1;
  }
  return 0;
}

int expired(const std::string &token) noexcept {
  try {
    acme::checkExpired(token);
  } catch (const acme::TokenError &) {
    return -1;
  }
  return 0;
}
