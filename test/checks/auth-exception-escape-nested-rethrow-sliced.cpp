// Regression (found in review): `throw e;` of the outer handler's parameter
// inside a nested try throws a copy of the caught type (std::exception here),
// but the nested handlers are matched against the original exception class
// (acme::Revoked): the nested `catch (const acme::Revoked &)` is taken to stop
// it, and the escape from the noexcept function is not reported. Compiled and
// run, the copy escapes the nested handler. Negative control: the same
// rethrow outside a nested try is reported (and is today).
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t \
// RUN:   -- --config="{CheckOptions: { \
// RUN:        failguard-auth-exception-escape.ApiFunctions: 'acme::check=acme::Revoked'}}"

#include <stdexcept>
#include <string>

namespace acme {
struct Revoked : std::runtime_error {
  using std::runtime_error::runtime_error;
};
int check(const std::string &);
} // namespace acme

int nestedSliced(const std::string &t) noexcept {
  try {
    return acme::check(t);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: exception 'std::exception' thrown by 'acme::check' escapes noexcept function 'nestedSliced'; catch it in 'nestedSliced' [failguard-auth-exception-escape]
  } catch (const std::exception &e) {
    try {
      throw e;
    } catch (const acme::Revoked &) {
      return -2;
    }
  }
}

int plainSliced(const std::string &t) noexcept {
  try {
    return acme::check(t);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: exception 'std::exception' thrown by 'acme::check' escapes noexcept function 'plainSliced'; catch it in 'plainSliced' [failguard-auth-exception-escape]
  } catch (const std::exception &e) {
    throw e;
  }
}
