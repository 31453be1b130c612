#include "auth/TokenService.h"

#include <jwt-cpp/jwt.h>

namespace auth {
// Still no handler: the escape is as old as the baseline.
std::string decodeSubject(const std::string &token) {
  auto decoded = jwt::decode(token);
  return token.substr(0);
}
} // namespace auth
