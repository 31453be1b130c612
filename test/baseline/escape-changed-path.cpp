// With OnlyChangedFunctions, an unchanged boundary is reported when an escape
// is new there because a function on its path changed: escape sets are compared
// with the baseline's facts, not only the boundary's own text.
// RUN: split-file %s %t
// RUN: %git_repo init %t/repo %t/before.cpp=filters.cpp
// RUN: %git_repo put %t/repo %t/after.cpp=filters.cpp
// RUN: %check_failguard_tidy %t/repo/filters.cpp failguard-auth-exception-escape %t/out \
// RUN:   -- --config="{CheckOptions: {failguard-auth-exception-escape.OnlyChangedFunctions: true}}"

//--- before.cpp
#include <jwt-cpp/jwt.h>

std::string subjectOf(const std::string &raw) {
  try {
    return jwt::decode(raw).get_subject();
  } catch (...) {
    return "";
  }
}
std::string filter(const std::string &raw) noexcept { return subjectOf(raw); }

std::string tokenOf(const std::string &raw) {
  try {
    return jwt::decode(raw).get_token();
  } catch (...) {
    return "";
  }
}
std::string quiet(const std::string &raw) noexcept { return tokenOf(raw); }

std::string loud(const std::string &raw) { return jwt::decode(raw).get_token(); }
std::string known(const std::string &raw) noexcept { return loud(raw); }

//--- after.cpp
#include <jwt-cpp/jwt.h>

// The helper lost its handler; the boundary's text is unchanged.
std::string subjectOf(const std::string &raw) { return jwt::decode(raw).get_subject(); } // @mark HELPER
std::string filter(const std::string &raw) noexcept { return subjectOf(raw); }
// CHECK-MESSAGES: :[[@LINE-1]]:62: warning: exceptions 'jwt::error::claim_not_present_exception', 'std::bad_cast' and 3 more thrown by 'jwt::payload::get_subject' and 'jwt::decode' escape noexcept function 'filter'; catch them in 'filter' [failguard-auth-exception-escape]
// CHECK-MESSAGES: :[[#HELPER]]:73: note: 'jwt::payload::get_subject' is called here in 'subjectOf' without a handler for 'jwt::error::claim_not_present_exception'
// CHECK-MESSAGES: :[[#HELPER]]:56: note: 'jwt::decode' is called here in 'subjectOf' without a handler for 'std::invalid_argument'

// Negative control: the helper changed, it still handles everything.
std::string tokenOf(const std::string &raw) {
  try {
    auto token = jwt::decode(raw);
    return token.get_token();
  } catch (const std::exception &) {
    return "";
  }
}
std::string quiet(const std::string &raw) noexcept { return tokenOf(raw); }

// Negative control: the escape is the baseline's; its helper changed only in form.
std::string loud(const std::string &token) { return jwt::decode(token).get_token(); }
std::string known(const std::string &raw) noexcept { return loud(raw); }
