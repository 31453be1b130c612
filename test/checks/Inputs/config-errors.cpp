// Input of auth-exception-escape-config-errors.test.
#include <jwt-cpp/jwt.h>

// The built-in models keep working when the user's configuration is broken.
std::string subject(const std::string &raw) noexcept {
  return jwt::decode(raw).get_token();
}
