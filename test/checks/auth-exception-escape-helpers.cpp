// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t

#include <drogon/HttpMiddleware.h>
#include <jwt-cpp/jwt.h>

// The escape is reported at the call in the handler; notes walk down to the API call.
static jwt::decoded_jwt<jwt::traits::kazuho_picojson> decodeBearer(const std::string &header) {
  return jwt::decode(header.substr(7)); // @mark DECODE_BEARER
}

static std::string subjectOf(const std::string &header) {
  return decodeBearer(header).get_subject(); // @mark SUBJECT_OF
}

class AuthMiddleware : public drogon::HttpMiddleware<AuthMiddleware> {
public:
  void invoke(const drogon::HttpRequestPtr &req, drogon::MiddlewareNextCallback &&nextCb,
              drogon::MiddlewareCallback &&mcb) override {
    std::string user = subjectOf(req->getHeader("Authorization"));
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: exceptions 'jwt::error::claim_not_present_exception', 'std::bad_cast' and 3 more thrown by 'jwt::payload::get_subject' and 'jwt::decode' escape request handler 'AuthMiddleware::invoke'; catch them in 'AuthMiddleware::invoke' [failguard-auth-exception-escape]
    // CHECK-MESSAGES: :[[#SUBJECT_OF]]:31: note: 'jwt::payload::get_subject' is called here in 'subjectOf' without a handler for 'jwt::error::claim_not_present_exception'
    // CHECK-MESSAGES: :[[#SUBJECT_OF]]:10: note: 'subjectOf' lets it escape through this call to 'decodeBearer'
    // CHECK-MESSAGES: :[[#DECODE_BEARER]]:10: note: 'jwt::decode' is called here in 'decodeBearer' without a handler for 'std::invalid_argument'
  }
};

// Handling inside the helper: nothing escapes through it.
static bool tokenIsValid(const std::string &token) {
  try {
    jwt::verify().verify(jwt::decode(token));
    return true;
  } catch (const std::exception &) {
    return false;
  }
}

// Handling moved up into the handler: the helper lets it escape, the handler catches.
static void requireValid(const std::string &token) { jwt::verify().verify(jwt::decode(token)); } // @mark REQUIRE_VALID

class CheckingMiddleware : public drogon::HttpMiddleware<CheckingMiddleware> {
public:
  void invoke(const drogon::HttpRequestPtr &req, drogon::MiddlewareNextCallback &&nextCb,
              drogon::MiddlewareCallback &&mcb) override {
    if (!tokenIsValid(req->getHeader("Authorization")))
      return;
    try {
      requireValid(req->getHeader("Authorization"));
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exceptions 'jwt::error::claim_not_present_exception', 'std::bad_cast' and 4 more thrown by 'jwt::verifier::verify' and 'jwt::decode' escape request handler 'CheckingMiddleware::invoke'; catch them in 'CheckingMiddleware::invoke' [failguard-auth-exception-escape]
      // CHECK-MESSAGES: :[[#REQUIRE_VALID]]:68: note: 'jwt::verifier::verify' is called here in 'requireValid' without a handler for 'jwt::error::claim_not_present_exception'
      // CHECK-MESSAGES: :[[#REQUIRE_VALID]]:75: note: 'jwt::decode' is called here in 'requireValid' without a handler for 'std::invalid_argument'
    } catch (const std::system_error &) {
      // Catches jwt-cpp's verification errors (std::system_error) but not the
      // decode errors (std::invalid_argument, std::runtime_error) or claim errors.
      return;
    }
  }
};

// A noexcept helper cannot let anything through to its caller (it terminates),
// so it is reported itself and its callers are not.
static void verifyOrDie(const std::string &token) noexcept {
  jwt::verify().verify(jwt::decode(token));
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: exceptions 'jwt::error::token_verification_exception', 'jwt::error::signature_verification_exception' and 5 more thrown by 'jwt::verifier::verify' escape noexcept function 'verifyOrDie'; catch them in 'verifyOrDie' [failguard-auth-exception-escape]
  // CHECK-MESSAGES: :[[@LINE-2]]:24: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape noexcept function 'verifyOrDie'; catch them in 'verifyOrDie' [failguard-auth-exception-escape]
}

class DyingMiddleware : public drogon::HttpMiddleware<DyingMiddleware> {
public:
  void invoke(const drogon::HttpRequestPtr &req, drogon::MiddlewareNextCallback &&nextCb,
              drogon::MiddlewareCallback &&mcb) override {
    verifyOrDie(req->getHeader("Authorization"));
  }
};

// Recursion terminates and still reports.
static int retries(const std::string &token, int left) {
  if (left == 0)
    return jwt::decode(token).get_signature().size(); // @mark RETRIES
  return retries(token, left - 1);
}

class RetryMiddleware : public drogon::HttpMiddleware<RetryMiddleware> {
public:
  void invoke(const drogon::HttpRequestPtr &req, drogon::MiddlewareNextCallback &&nextCb,
              drogon::MiddlewareCallback &&mcb) override {
    retries(req->getHeader("Authorization"), 3);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'RetryMiddleware::invoke'; catch them in 'RetryMiddleware::invoke' [failguard-auth-exception-escape]
    // CHECK-MESSAGES: :[[#RETRIES]]:12: note: 'jwt::decode' is called here in 'retries' without a handler for 'std::invalid_argument'
  }
};
