// Functions that report failure through their return value must not throw.
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t -- -- -std=c++23

#include <absl/status/statusor.h>
#include <expected>
#include <jwt-cpp/jwt.h>
#include <optional>

struct Claims {
  std::string subject;
};
template <typename T> using Maybe = std::optional<T>;
typedef absl::StatusOr<Claims> ClaimsOr;

Maybe<Claims> viaAlias(const std::string &raw) {
  return Claims{jwt::decode(raw).get_subject()};
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape 'viaAlias', which reports failure through its optional-like return type 'Maybe<Claims>'; catch them in 'viaAlias' [failguard-auth-exception-escape]
  // CHECK-MESSAGES: :[[@LINE-2]]:34: warning: exceptions 'jwt::error::claim_not_present_exception' and 'std::bad_cast' thrown by 'jwt::payload::get_subject' escape 'viaAlias', which reports failure through its optional-like return type 'Maybe<Claims>'; catch them in 'viaAlias' [failguard-auth-exception-escape]
}

ClaimsOr viaTypedef(const std::string &raw) {
  return Claims{jwt::decode(raw).get_token()};
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape 'viaTypedef', which reports failure through its result-like return type 'ClaimsOr'; catch them in 'viaTypedef' [failguard-auth-exception-escape]
}

std::expected<Claims, std::string> expected(const std::string &raw) {
  return Claims{jwt::decode(raw).get_token()};
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape 'expected', which reports failure through its result-like return type 'std::expected<Claims, std::string>'; catch them in 'expected' [failguard-auth-exception-escape]
}

auto deduced(const std::string &raw) {
  return std::optional<Claims>(Claims{jwt::decode(raw).get_token()});
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape 'deduced', which reports failure through its optional-like return type 'std::optional<Claims>'; catch them in 'deduced' [failguard-auth-exception-escape]
}

// Failures turned into the value: nothing escapes.
std::expected<Claims, std::string> handled(const std::string &raw) {
  try {
    return Claims{jwt::decode(raw).get_subject()};
  } catch (const std::exception &e) {
    return std::unexpected(std::string(e.what()));
  }
}

// A plain return type promises nothing: the caller handles.
Claims plain(const std::string &raw) { return Claims{jwt::decode(raw).get_subject()}; }
