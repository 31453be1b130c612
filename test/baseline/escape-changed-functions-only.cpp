// With OnlyChangedFunctions (git-failguard sets it unless --all), an escape is
// reported only in functions that are new or whose text changed since the baseline.
// RUN: split-file %s %t
// RUN: %git_repo init %t/repo %t/before.cpp=filters.cpp
// RUN: %git_repo put %t/repo %t/after.cpp=filters.cpp
// RUN: %check_failguard_tidy %t/repo/filters.cpp failguard-auth-exception-escape %t/out \
// RUN:   -- --config="{CheckOptions: {failguard-auth-exception-escape.OnlyChangedFunctions: true}}"
// RUN: %check_failguard_tidy -check-suffix=ALL %t/repo/filters.cpp failguard-auth-exception-escape %t/all

//--- before.cpp
#include <jwt-cpp/jwt.h>

std::string untouched(const std::string &raw) noexcept { return jwt::decode(raw).get_token(); }

std::string edited(const std::string &raw) noexcept {
  try {
    return jwt::decode(raw).get_token();
  } catch (...) {
    return "";
  }
}

//--- after.cpp
#include <jwt-cpp/jwt.h>

// Escaped before this change too: reported only without OnlyChangedFunctions.
std::string untouched(const std::string &raw) noexcept { return jwt::decode(raw).get_token(); }
// CHECK-MESSAGES-ALL: :[[@LINE-1]]:65: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape noexcept function 'untouched'; catch them in 'untouched' [failguard-auth-exception-escape]

std::string edited(const std::string &raw) noexcept {
  return jwt::decode(raw).get_token();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape noexcept function 'edited'; catch them in 'edited' [failguard-auth-exception-escape]
  // CHECK-MESSAGES-ALL: :[[@LINE-2]]:10: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape noexcept function 'edited'; catch them in 'edited' [failguard-auth-exception-escape]
}

// New in this change: reported.
std::string added(const std::string &raw) noexcept { return jwt::decode(raw).get_token(); }
// CHECK-MESSAGES: :[[@LINE-1]]:61: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape noexcept function 'added'; catch them in 'added' [failguard-auth-exception-escape]
// CHECK-MESSAGES-ALL: :[[@LINE-2]]:61: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape noexcept function 'added'; catch them in 'added' [failguard-auth-exception-escape]
