// Which functions are boundaries, and the options that switch kinds off.
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t
// RUN: %check_failguard_tidy -check-suffixes=OFF %s failguard-auth-exception-escape %t \
// RUN:   -- --config="{CheckOptions: {failguard-auth-exception-escape.CheckNoexceptFunctions: false, \
// RUN:                                failguard-auth-exception-escape.CheckDestructors: false, \
// RUN:                                failguard-auth-exception-escape.CheckNullableReturns: false}}"

#include <jwt-cpp/jwt.h>
#include <optional>

std::string subjectNoexcept(const std::string &raw) noexcept {
  return jwt::decode(raw).get_subject();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape noexcept function 'subjectNoexcept'; catch them in 'subjectNoexcept' [failguard-auth-exception-escape]
  // CHECK-MESSAGES: :[[@LINE-2]]:27: warning: exceptions 'jwt::error::claim_not_present_exception' and 'std::bad_cast' thrown by 'jwt::payload::get_subject' escape noexcept function 'subjectNoexcept'; catch them in 'subjectNoexcept' [failguard-auth-exception-escape]
}

std::string subjectNoexceptTrue(const std::string &raw) noexcept(true) {
  return jwt::decode(raw).get_token();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape noexcept function 'subjectNoexceptTrue'; catch them in 'subjectNoexceptTrue' [failguard-auth-exception-escape]
}

std::string subjectThrowNone(const std::string &raw) throw() {
  return jwt::decode(raw).get_token();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape noexcept function 'subjectThrowNone'; catch them in 'subjectThrowNone' [failguard-auth-exception-escape]
}

// noexcept(false) and no specification: free to throw.
std::string mayThrow(const std::string &raw) noexcept(false) { return jwt::decode(raw).get_token(); }
std::string mayThrowToo(const std::string &raw) { return jwt::decode(raw).get_token(); }

struct TokenHolder {
  std::string raw;
  ~TokenHolder() {
    jwt::decode(raw);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape destructor 'TokenHolder::~TokenHolder'; catch them in 'TokenHolder::~TokenHolder' [failguard-auth-exception-escape]
  }
};

std::optional<std::string> optionalSubject(const std::string &raw) {
  return jwt::decode(raw).get_token();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape 'optionalSubject', which reports failure through its optional-like return type 'std::optional<std::string>'; catch them in 'optionalSubject' [failguard-auth-exception-escape]
}

// Declared in a class, defined out of line: reported once, at the definition.
struct Validator {
  std::optional<std::string> validate(const std::string &raw) const;
};
std::optional<std::string> Validator::validate(const std::string &raw) const {
  return jwt::decode(raw).get_token();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape 'Validator::validate', which reports failure through its optional-like return type 'std::optional<std::string>'; catch them in 'Validator::validate' [failguard-auth-exception-escape]
}

// NOLINT and NOLINTNEXTLINE work as in any clang-tidy check.
std::string silenced(const std::string &raw) noexcept {
  return jwt::decode(raw).get_token(); // NOLINT(failguard-auth-exception-escape)
}
std::string silencedNext(const std::string &raw) noexcept {
  // NOLINTNEXTLINE(failguard-*)
  return jwt::decode(raw).get_token();
}
