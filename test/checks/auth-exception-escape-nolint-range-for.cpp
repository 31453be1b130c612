// Regression test (fixed): a NOLINTNEXTLINE above a range-based `for` suppresses the warning
// in its unbraced body on the next line (the body is taken as part of the
// `for` statement), while above a classic `for` (the control) it does not:
// the body is a statement of its own, as in `while`, `do` and `if`.
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t

#include <jwt-cpp/jwt.h>
#include <vector>

std::string rangeFor(const std::vector<std::string> &tokens) noexcept {
  std::string s;
  // NOLINTNEXTLINE(failguard-auth-exception-escape)
  for (const auto &t : tokens)
    s += jwt::decode(t).get_token();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape noexcept function 'rangeFor'; catch them in 'rangeFor' [failguard-auth-exception-escape]
  return s;
}

// The control: a classic `for`, the same body.
std::string classicFor(const std::vector<std::string> &tokens) noexcept {
  std::string s;
  // NOLINTNEXTLINE(failguard-auth-exception-escape)
  for (size_t i = 0; i < tokens.size(); ++i)
    s += jwt::decode(tokens[i]).get_token();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape noexcept function 'classicFor'; catch them in 'classicFor' [failguard-auth-exception-escape]
  return s;
}

// The NOLINT on the body's own line still suppresses (both kinds).
std::string rangeForOwnLine(const std::vector<std::string> &tokens) noexcept {
  std::string s;
  for (const auto &t : tokens)
    s += jwt::decode(t).get_token(); // NOLINT(failguard-auth-exception-escape)
  return s;
}

// The range expression belongs to the `for`, as an `if`'s condition belongs
// to the `if`: a NOLINTNEXTLINE above the `for` suppresses a call in it on a
// later line.
std::string rangeInit(const std::string &token) noexcept {
  std::string s;
  // NOLINTNEXTLINE(failguard-auth-exception-escape)
  for (const auto &c :
       jwt::decode(token).get_token())
    s += c;
  return s;
}

// Without the NOLINT, the call in the range is reported.
std::string rangeInitReported(const std::string &token) noexcept {
  std::string s;
  for (const auto &c :
       jwt::decode(token).get_token())
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape noexcept function 'rangeInitReported'; catch them in 'rangeInitReported' [failguard-auth-exception-escape]
    s += c;
  return s;
}

// The unbraced body of an `if`, `while` and `do` is a statement of its own too.
std::string ifBody(const std::string &token, bool b) noexcept {
  // NOLINTNEXTLINE(failguard-auth-exception-escape)
  if (b)
    return jwt::decode(token).get_token();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape noexcept function 'ifBody'; catch them in 'ifBody' [failguard-auth-exception-escape]
  return "";
}
std::string whileBody(const std::string &token, int n) noexcept {
  std::string s;
  // NOLINTNEXTLINE(failguard-auth-exception-escape)
  while (n-- > 0)
    s += jwt::decode(token).get_token();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape noexcept function 'whileBody'; catch them in 'whileBody' [failguard-auth-exception-escape]
  return s;
}
std::string doBody(const std::string &token, int n) noexcept {
  std::string s;
  // NOLINTNEXTLINE(failguard-auth-exception-escape)
  do
    s += jwt::decode(token).get_token();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape noexcept function 'doBody'; catch them in 'doBody' [failguard-auth-exception-escape]
  while (n-- > 0);
  return s;
}
