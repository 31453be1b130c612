#include "auth/TokenService.h"

#include <jwt-cpp/jwt.h>

namespace auth {
std::string decodeSubject(const std::string &token) {
  auto decoded = jwt::decode(token);
  return token;
}
} // namespace auth
