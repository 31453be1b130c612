// The outage failguard exists for: the validator's try/catch removed and its
// return type narrowed from std::optional<Claims> to Claims.
// RUN: split-file %s %t
// RUN: %git_repo init %t/repo %t/before.cpp=src/validator.cpp
// RUN: %git_repo put %t/repo %t/after.cpp=src/validator.cpp
// RUN: %check_failguard_tidy %t/repo/src/validator.cpp failguard-removed-exception-handler %t/removed
// RUN: %check_failguard_tidy -check-suffix=NARROWED %t/repo/src/validator.cpp failguard-narrowed-optional-return %t/narrowed

//--- before.cpp
#include <jwt-cpp/jwt.h>
#include <optional>

struct Claims {
  std::string subject;
};

std::optional<Claims> validate_token(const std::string &raw) {
  try {
    auto decoded = jwt::decode(raw);
    jwt::verify().allow_algorithm(jwt::algorithm::hs256{"secret"}).verify(decoded);
    return Claims{decoded.get_subject()};
  } catch (const std::exception &) {
    return std::nullopt;
  }
}

//--- after.cpp
#include <jwt-cpp/jwt.h>
#include <optional>

struct Claims {
  std::string subject;
};

Claims validate_token(const std::string &raw) {
// CHECK-MESSAGES-NARROWED: :[[@LINE-1]]:1: warning: 'validate_token' returned optional-like type 'std::optional<Claims>' in 'HEAD' ({{[0-9a-f]+}}) but now returns 'Claims', which cannot report failure [failguard-narrowed-optional-return]
// CHECK-MESSAGES-NARROWED: :[[@LINE-2]]:1: note: 'HEAD' ({{[0-9a-f]+}}) declared it at src/validator.cpp:8
  auto decoded = jwt::decode(raw);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'validate_token'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'validate_token' [failguard-removed-exception-handler]
  // CHECK-MESSAGES: :[[@LINE-2]]:18: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at src/validator.cpp:13
  jwt::verify().allow_algorithm(jwt::algorithm::hs256{"secret"}).verify(decoded);
  // CHECK-MESSAGES: :[[@LINE-1]]:66: note: the same handler also covered 'jwt::verifier::verify' ('jwt::error::token_verification_exception' and 6 more)
  return Claims{decoded.get_subject()};
  // CHECK-MESSAGES: :[[@LINE-1]]:25: note: the same handler also covered 'jwt::payload::get_subject' ('jwt::error::claim_not_present_exception' and 'std::bad_cast')
}
